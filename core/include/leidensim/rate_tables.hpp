#pragma once
// Turning parameters into the integer thresholds the monthly processes compare draws against.
// Annual probabilities become monthly ones as 1 - (1 - p)^(1/12), so that twelve monthly
// chances compound to the published annual figure.
#include <array>
#include <string>

#include "leidensim/parameters.hpp"
#include "leidensim/rng.hpp"

namespace leidensim {

inline constexpr int kMaxAge = 110;  // tables by age in years have entries 0..kMaxAge
using AgeTable = std::array<Threshold, kMaxAge + 1>;

double monthly_from_annual(double annual_probability);

/// A scalar parameter as a monthly threshold; `annual` converts an annual probability first.
Threshold monthly_threshold(const ParameterSet& ps, const std::string& name, bool annual);
/// An age table (kMaxAge + 1 annual probabilities) as monthly thresholds.
AgeTable monthly_age_table(const ParameterSet& ps, const std::string& name);

inline int age_index(std::uint32_t age_years) {
  return age_years > kMaxAge ? kMaxAge : static_cast<int>(age_years);
}

}  // namespace leidensim
