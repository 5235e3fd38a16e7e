#pragma once
// Builds the synthetic base population from a data pack, deterministically given the seed.
//
// 1. Household templates: every plausible composition per district and household type (head,
//    partner and children by fit age band).
// 2. Fit: iterative proportional fitting of the template weights to the district x household
//    type counts, the district x age-band person counts, the city's 0-17 and 18-26 counts and the
//    sex shares (see PopulationTargets).
// 3. Integerise: weight x scale households per template, the fractional part by a draw.
// 4. Instantiate: exact ages within the bands (children at least 18 years younger than their
//    parents), then the social attributes (see attribute_assignment.hpp).
// The result carries a report of every marginal beside its target (`population --summary`).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "leidensim/parameters.hpp"
#include "leidensim/population.hpp"
#include "leidensim/synthesis/marginal_report.hpp"
#include "leidensim/synthesis/population_targets.hpp"

namespace leidensim {

struct SynthesisResult {
  Population population;
  std::vector<std::string> districts;
  std::vector<MarginalRow> report;
  int fit_iterations = 0;
  double fit_max_relative_error = 0;
};

/// `year`: the population of 1 January of that year (see PopulationTargets::load).
SynthesisResult build_population(const std::filesystem::path& data_dir, const ParameterSet& ps,
                                 std::uint64_t seed, double scale, int year = kPackYear);

}  // namespace leidensim
