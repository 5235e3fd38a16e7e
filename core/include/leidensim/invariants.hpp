#pragma once
// Checks that must hold after every month (tests, and `--check` on the command line):
// persons are conserved except for births, deaths and migration; every present person belongs
// to exactly one present household and every household has exactly one head; no count is
// negative; every person who stayed is exactly one month older. A violation is an internal
// error (std::logic_error), never silently repaired.
#include <cstdint>
#include <string>
#include <unordered_map>

#include "leidensim/indicators.hpp"
#include "leidensim/population.hpp"

namespace leidensim {

class InvariantChecker {
 public:
  /// Remembers the state before a month.
  void before_month(const Population& pop);
  /// Checks the state after the month against the month's flow counts; throws std::logic_error.
  void after_month(const Population& pop, const IndicatorCounts& month_counts, int month) const;

  /// Structural checks only (membership, heads, counts); throws std::logic_error.
  static void check_structure(const Population& pop, const std::string& when);

 private:
  std::size_t persons_before_ = 0;
  std::unordered_map<std::uint32_t, std::uint16_t> age_before_;  // person id -> age in months
};

}  // namespace leidensim
