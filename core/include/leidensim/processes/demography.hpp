#pragma once
// Demography: ageing, mortality, births, partnering, separation, leaving home and migration.
//
// Phases
//   hazards     (parallel): every present person ages one month (first, so that the later
//                           modules of the phase see this month's age); then draws deaths,
//                           births, leaving home and partner search per person, and emigration
//                           and separation per household, recorded as events.
//   transitions (serial):   applies the events in a fixed order (deaths, emigration,
//                           separation, leaving home, partnering, births) and adds in-migrating
//                           households.
// Reads: age, sex, role, household type and district. Writes: household membership and layout,
//   roles; counts births, deaths, immigrants and emigrants.
// Partnering matches seekers within buckets of (district, five-year age band), never searching
//   over all pairs: O(n log n) in the number of seekers.
// Parameters (data/<pack>/parameters.csv, prefix "demography."): mortality_annual_male/female,
//   fertility_annual, fertility_single_factor, male_share_at_birth, leaving_home_annual,
//   partnering_annual, separation_annual, emigration_annual, immigration_annual,
//   immigration_growth_annual, immigration_young_share.
// In-migration is a number of persons a month (immigration_annual x the base population / 12,
//   growing by immigration_growth_annual), not a rate on the current population: Leiden's
//   in-migration follows university intake and housing, and a fixed inflow keeps the population
//   size stable under emigration by age.
#include <memory>

#include "leidensim/module.hpp"

namespace leidensim {

ModuleDescriptor demography_module();

/// Whether the person pass of the hazards phase may use its vector path (AVX-512, where the
/// build targets it). Both paths give identical results; this switch exists so that a test can
/// check that. Process-wide: set it only while no simulation runs.
void set_demography_vector_path(bool enabled);

}  // namespace leidensim
