#pragma once
// Social attributes of the synthetic base population, given ages, sexes and households:
// education stage and level, low literacy, labour status and wage, benefits (WW, bijstand,
// disability, AOW), care (jeugdhulp, Wmo) and problematic debt. Shares come from parameters
// ("population.*" and the stationary shares implied by the process rates); the bijstand count is
// met exactly by weighted sampling without replacement among eligible household heads.
// Deterministic given the seed: every draw is keyed by the person's id.
#include <cstdint>
#include <vector>

#include "leidensim/parameters.hpp"
#include "leidensim/population.hpp"
#include "leidensim/synthesis/marginal_report.hpp"

namespace leidensim {

/// `bijstand_recipients`: benefit households at Leiden's size (PopulationTargets), scaled here.
void assign_attributes(Population& pop, const ParameterSet& ps, std::uint64_t seed, double scale,
                       double bijstand_recipients);

/// The social marginals of a population beside their targets (employment, unemployment,
/// bijstand, disability, low literacy, startkwalificatie, care, poverty, debt).
std::vector<MarginalRow> attribute_report(const Population& pop, const ParameterSet& ps,
                                          double scale, double bijstand_recipients);

}  // namespace leidensim
