#pragma once
// Labour and benefits: employment, job loss, unemployment with WW, bijstand with
// duration-dependent outflow, work disability, inactivity and retirement.
//
// Phase: hazards (parallel, per person; reads the household's poverty flag of last month).
//   A branch-free screen finds the few persons for whom anything but the durations changes;
//   only they take the full state logic, with the same result as if everyone did.
// States (Labour): Employed, Unemployed, Inactive, Disabled, Retired; Child and Student are set
//   by the education module. Benefits: WW after job loss (for at most ww_max_months, if employed
//   at least ww_min_employment_months), bijstand for household heads without work or benefit in a
//   household below the poverty line, disability benefit while Disabled, AOW from pension age.
// Bijstand outflow depends on the spell's duration (bands <12, 12-35, 36+ months); a share of
//   exits is to work.
// Writes: labour, benefit, their durations, wage (a new wage is drawn at every job start).
// Parameters (prefix "labour."): pension_age_years, job_loss_monthly, job_finding_monthly,
//   job_finding_factor_by_level, low_literacy_job_finding_factor, inactive_job_finding_monthly,
//   employed_to_inactive_monthly, ww_min_employment_months, ww_max_months,
//   bijstand_inflow_monthly, bijstand_outflow, bijstand_exit_to_work_share,
//   disability_inflow_annual, disability_outflow_annual, wage_median_by_level, wage_sigma,
//   part_time_share, part_time_factor.
#include "leidensim/module.hpp"

namespace leidensim {

ModuleDescriptor labour_module();

/// Whether the labour screen may use its vector path (AVX-512, where the build targets it).
/// Both paths give identical results; this switch exists so that a test can check that.
/// Process-wide: set it only while no simulation runs.
void set_labour_vector_path(bool enabled);

/// Bijstand duration band of a spell: 0 (<12 months), 1 (12-35), 2 (36+).
inline int bijstand_duration_band(std::uint16_t months) {
  return months < 12 ? 0 : months < 36 ? 1 : 2;
}

}  // namespace leidensim
