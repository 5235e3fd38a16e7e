#pragma once
// Events that join, split, create or remove households. They are collected during the parallel
// hazards phase (per block, in slot order) and applied in the serial transitions phase in a fixed
// order, so that new person ids and the resulting layout never depend on the number of threads.
#include <cstdint>
#include <vector>

namespace leidensim {

struct HouseholdEvents {
  std::vector<std::uint32_t> deaths;           // person slots
  std::vector<std::uint32_t> emigrations;      // household slots
  std::vector<std::uint32_t> separations;      // household slots
  std::vector<std::uint32_t> leaving_home;     // person slots
  std::vector<std::uint32_t> partner_seekers;  // person slots
  std::vector<std::uint32_t> births;           // mother's person slot

  void clear() {
    deaths.clear(), emigrations.clear(), separations.clear();
    leaving_home.clear(), partner_seekers.clear(), births.clear();
  }
  void append(const HouseholdEvents& o) {
    auto cat = [](auto& a, const auto& b) { a.insert(a.end(), b.begin(), b.end()); };
    cat(deaths, o.deaths), cat(emigrations, o.emigrations), cat(separations, o.separations);
    cat(leaving_home, o.leaving_home), cat(partner_seekers, o.partner_seekers);
    cat(births, o.births);
  }
};

}  // namespace leidensim
