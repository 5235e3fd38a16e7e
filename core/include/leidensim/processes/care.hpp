#pragma once
// Care use: jeugdhulp for persons under 18 and Wmo support for all ages.
//
// Phase: hazards (parallel, per person; writes only the block's own persons).
// Jeugdhulp: inflow (higher in households below the poverty line) and outflow; it ends at 18.
// Wmo: inflow by age, outflow at a constant rate.
// Reads: age, the household's poor flag. Writes: the person's care flags.
// Parameters (prefix "care."): jeugdhulp_inflow_monthly, jeugdhulp_outflow_monthly,
//   jeugdhulp_poverty_factor, wmo_inflow_annual (by age), wmo_outflow_annual.
#include "leidensim/module.hpp"

namespace leidensim {

ModuleDescriptor care_module();

/// Whether the care pass may use its vector path (AVX-512, where the build targets it). The
/// vector and scalar paths give identical results; this switch exists so that a test can check
/// that. Process-wide: set it only while no simulation runs.
void set_care_vector_path(bool enabled);

}  // namespace leidensim
