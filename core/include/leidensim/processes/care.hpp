#pragma once
// Care use: jeugdhulp for persons under 18 and Wmo support for all ages.
//
// Phase: hazards (parallel, per person).
// Jeugdhulp: inflow (higher in households below the poverty line) and outflow; it ends at 18.
// Wmo: inflow by age, outflow at a constant rate.
// Reads: age, the household's poor flag. Writes: the person's care flags.
// Parameters (prefix "care."): jeugdhulp_inflow_monthly, jeugdhulp_outflow_monthly,
//   jeugdhulp_poverty_factor, wmo_inflow_annual (by age), wmo_outflow_annual.
#include "leidensim/module.hpp"

namespace leidensim {

ModuleDescriptor care_module();

}  // namespace leidensim
