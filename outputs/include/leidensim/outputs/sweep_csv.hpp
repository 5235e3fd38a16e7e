#pragma once
// A parameter sweep (leidensim/uncertainty/sweep.hpp) as tidy CSV tables:
//   sweep_samples.csv      sample,<each varied parameter's value, one column each>,indicator,
//                          mean_effect,within_sd
//                          (per sample and key indicator: the mean over replications of the
//                          paired effect scenario - base, and its SD over replications)
//   sweep_summary.csv      indicator,unit,base_mean,mean_effect,mc_sd_mean,mc_sd_run,
//                          parameter_sd,parameter_share,parameter_low,parameter_high,
//                          within_variance,residual_variance,between_variance,samples,
//                          replications,years
//                          (mc_sd_mean: Monte Carlo SD of one sample's mean effect; mc_sd_run:
//                          of a single run; parameter_low/high: 2.5-97.5% range of the sample
//                          means; the formulas are in leidensim/uncertainty/decomposition.hpp)
//   sweep_sensitivity.csv  indicator,parameter,low,high,correlation,standardized_coefficient
//                          (blank where undefined)
// Indicators are city totals averaged over the reported years; budget_total in euros a year.
// Writes only these three files into `folder`; throws std::runtime_error if one cannot be
// written.
#include <filesystem>

#include "leidensim/uncertainty/sweep.hpp"

namespace leidensim::outputs {

void write_sweep_csv(const std::filesystem::path& folder, const uncertainty::SweepResult& r);

}  // namespace leidensim::outputs
