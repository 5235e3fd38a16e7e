#pragma once
// Analytic checks: configurations of the model in which a process reduces to something with a
// closed-form answer, simulated with the real modules and compared with that answer.
//
// Markov checks (run_markov_checks). The synthetic population at `scale`, every built-in module
// running, with demography switched off by parameter overrides (no deaths, births, migration,
// partnering, separation or leaving home), so that every household and person stays for the
// whole run. Two processes then become homogeneous two-state chains:
//   - problematic debt of a household: inflow p in every month (debt.inflow_monthly_poor and
//     debt.inflow_monthly_nonpoor both set to p, so the poverty flag no longer matters),
//     outflow q (debt.outflow_monthly);
//   - Wmo support of a person: inflow p at every age (care.wmo_inflow_annual set to one value
//     for all ages) and outflow q, both annual probabilities turned monthly by the model.
// Each month a unit draws once: out of the state it enters with probability p, in the state it
// leaves with probability q, so it cannot enter and leave in the same month. The stationary
// share in the state is p / (p + q); a spell, counted in month ends spent in the state, lasts k
// months with probability (1 - q)^(k-1) q, so its mean is 1 / q. p and q are the probabilities
// the model applies (Threshold::probability(), within 2^-32 of the parameter).
//   Simulated share: the mean over months of the share in the state, after a burn-in in which
// |1 - p - q|^t falls below 1e-5 (the start is the synthetic population's state). Simulated
// duration: the mean length of spells starting after month 0 and early enough that they end
// before the run does with probability at least 1 - 1e-4 (a spell still running at the end
// counts with its length so far). Standard errors come from the spread between replications
// (replications are independent; within one, months are correlated), so at least two are needed.
//
// Survival checks (run_survival_checks). A hand-built population of one-person households:
// `cohort_size` men and as many women for each starting age x in {40, 80}, every one turning x
// in the first simulated month, with every built-in module running and demography reduced to
// mortality (all other demographic events off). The share still alive at age x + k is compared
// with the life table: prod_{a=x}^{x+k-1} (1 - q_a), q_a from demography.mortality_annual_male
// or _female. The model applies 1 - (1 - q_a)^(1/12) in each of the twelve months a person is
// aged a, which compounds to 1 - q_a (up to threshold rounding of 2^-32 a month). Persons are
// independent, so the standard error is binomial, sqrt(S (1 - S) / n) with n = cohort_size x
// replications and S the analytic value.
//
// Acceptance: |simulated - analytic| <= z standard errors (z = 4 by default).
//
// `model_overrides` are applied after the check's own configuration to the simulated model only;
// the analytic values do not see them. A model that no longer does what the formula assumes
// (e.g. a different outflow rate) should then fail its rows: this is how tests show the checks
// have power.
//
// Cost: the Markov checks simulate `replications` x (burn-in + measurement_months) months of the
// population at `scale` (about 210 months with the default rates); the survival checks
// replications x 480 months of 4 x cohort_size persons. At scale 0.1, 8 replications and cohorts
// of 5,000, both take a few seconds on two cores; a report at scale 1 takes minutes.
// Threads: replications run in parallel (and each over blocks) in an arena of `threads` threads
// (0: all cores). Results are identical at any thread count. Calls may run concurrently with
// each other; they share no state.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace leidensim {

struct CheckRow {
  std::string check;     // "markov_debt", "markov_wmo", "survival"
  std::string quantity;  // e.g. "stationary share in problematic debt"
  double analytic = 0.0;
  double simulated = 0.0;
  double standard_error = 0.0;
  double lower = 0.0;  // acceptance interval: analytic -/+ z standard errors
  double upper = 0.0;
  bool pass = false;
};

struct AnalyticCheckOptions {
  double scale = 0.1;  // synthetic population of the Markov checks (1 = Leiden)
  int replications = 8;
  std::uint64_t seed = 20240101;
  int threads = 0;                 // 0: all cores
  double z = 4.0;                  // half-width of the acceptance interval, in standard errors
  int measurement_months = 120;    // months after the burn-in over which shares are averaged
  std::size_t cohort_size = 5000;  // survival: persons per sex and starting age

  // The chains. Rates fast enough that a run of a few hundred months holds thousands of
  // completed spells; the checks are of the mechanism, not of the calibrated values.
  double debt_inflow_monthly = 0.02;
  double debt_outflow_monthly = 0.10;
  double wmo_inflow_annual = 0.10;
  double wmo_outflow_annual = 0.75;

  /// Applied to the simulated model after the check's configuration (see the file comment).
  std::map<std::string, std::vector<double>> model_overrides;
};

/// The Markov checks: for debt and for Wmo, the stationary share and the mean spell duration.
/// Throws InputError for unusable options (fewer than two replications, rates outside (0, 1),
/// rates so small that the run would exceed 1,200 months, a scale so small that a replication
/// sees no spell) and std::logic_error if a
/// household or person leaves or joins during the run (the configuration is not closed).
std::vector<CheckRow> run_markov_checks(const std::filesystem::path& data_dir,
                                        const AnalyticCheckOptions& options);

/// The survival checks: men and women from age 40 to 50, 60, 70, 80 and from 80 to 85, 90, 95,
/// 100. Throws InputError for fewer than one replication or an empty cohort.
std::vector<CheckRow> run_survival_checks(const std::filesystem::path& data_dir,
                                          const AnalyticCheckOptions& options);

/// Both, Markov checks first.
std::vector<CheckRow> run_analytic_checks(const std::filesystem::path& data_dir,
                                          const AnalyticCheckOptions& options);

}  // namespace leidensim
