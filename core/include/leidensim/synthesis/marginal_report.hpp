#pragma once
// The synthesis report: every marginal of a population beside its target. Used on the fresh
// synthetic population (`population --summary`) and on simulated populations (calibration).
#include <cmath>
#include <string>
#include <vector>

#include "leidensim/parameters.hpp"
#include "leidensim/population.hpp"
#include "leidensim/synthesis/population_targets.hpp"

namespace leidensim {

struct MarginalRow {
  std::string group;  // e.g. "persons by district"
  std::string name;   // e.g. "Binnenstad-Zuid"
  double target = 0;
  double value = 0;
  double tolerance = 0;  // allowed relative deviation
  std::string unit;      // "persons", "households" or "share"
  bool checked = true;   // false: shown for information (an assumed target the data contradict)
  double deviation() const { return target != 0 ? value / target - 1.0 : 0.0; }
  bool within_tolerance() const { return !checked || std::abs(deviation()) <= tolerance; }
};

/// The demographic marginals (persons and households by district, age band and type, sex
/// shares) and the social ones (attribute_report) of `pop` beside `targets` scaled by `scale`.
/// Reads the population only; safe to call concurrently on different populations.
std::vector<MarginalRow> population_marginals(const Population& pop,
                                              const PopulationTargets& targets,
                                              const ParameterSet& ps, double scale);

}  // namespace leidensim
