#pragma once
// Income and poverty: each household's disposable monthly income against its social minimum.
//
// Phase: payments (parallel, per household).
// Income: earnings of employed members; WW as a share of the reference wage; a flat disability
//   benefit; AOW (single or couple rate) plus a supplementary pension proportional to the last
//   wage; student finance for students 18+. A household whose head receives bijstand is topped
//   up to its bijstand norm (single or couple, below or at pension age).
// Poverty: income below poverty_line_factor x the household's social minimum (the bijstand norm
//   for its composition; 1.2 is the "120% line"). Households living on student finance are
//   flagged as student households and, as in CBS statistics, left out of poverty counts.
// Writes: hh_income_cents, the household poor and student flags.
// Parameters (prefix "income."): bijstand_norm_single, bijstand_norm_couple,
//   pension_norm_single, pension_norm_couple, poverty_line_factor, ww_replacement_rate,
//   disability_benefit_monthly, supplementary_pension_factor, student_income_monthly.
#include <cstdint>

#include "leidensim/module.hpp"

namespace leidensim {

ModuleDescriptor income_module();

}  // namespace leidensim
