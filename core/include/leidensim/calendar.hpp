#pragma once
// Simulation time. Month 0 is the reference date of the synthetic population (January of the
// data pack's base year); a run may warm up from there to the scenario's start month.
#include <cstdint>
#include <string>

namespace leidensim {

struct YearMonth {
  int year = 2024;
  int month = 1;  // 1..12

  /// Parses "YYYY-MM"; throws InputError naming `field` on a malformed value.
  static YearMonth parse(const std::string& text, const std::string& field);
  std::string to_string() const;
  int months_since(const YearMonth& origin) const {
    return (year - origin.year) * 12 + (month - origin.month);
  }
  YearMonth plus_months(int n) const;
  friend bool operator==(const YearMonth&, const YearMonth&) = default;
};

}  // namespace leidensim
