#pragma once
// A comparison of scenarios as tidy CSV tables:
//   comparison_indicators.csv  scenario,indicator,year,district,mean,low,high,
//                              difference,difference_low,difference_high
//                              (district "Leiden" is the city; difference from the first
//                              scenario, paired over replications, 95% interval)
//   comparison_budget.csv      scenario,year,programme,euros,low,high,difference,difference_low,
//                              difference_high
//   net_effects.csv            scenario,horizon_years,discount_rate,measure_cost,avoided_cost,
//                              net_budget(,_low,_high),bijstand_person_years,
//                              poverty_household_years,euro_per_bijstand_year_less,
//                              euro_per_poverty_year_less,social_return
#include <filesystem>
#include <string>
#include <vector>

#include "leidensim/comparison.hpp"

namespace leidensim::outputs {

void write_comparison_csv(const std::filesystem::path& folder, const Comparison& c,
                          const std::vector<std::string>& districts);

}  // namespace leidensim::outputs
