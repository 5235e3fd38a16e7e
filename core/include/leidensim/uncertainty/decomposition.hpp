#pragma once
// Separating Monte Carlo noise from parameter uncertainty in a parameter sweep, and how much
// each parameter matters. Pure functions of the numbers given: no files, no state, any thread.
//
// The data: for samples s = 1..S (parameter values drawn from their ranges) and replications
// r = 1..R, the paired effect e[s][r] of one indicator (scenario minus base). Every sample runs
// the same R seeds (common random numbers), so the layout is two-way:
//
//     e[s][r] = mu + p_s + c_r + u_sr
//
// p_s: the effect of sample s's parameter values, Var(p_s) = sigma2_p (parameter uncertainty);
// c_r: the noise of replication r that every sample shares; u_sr: the noise that differs between
// samples. The Monte Carlo noise of one run is w_sr = c_r + u_sr, sigma2_w = Var(w_sr).
// Estimates (m_s the sample means, n_r the replication means, e.. the grand mean):
//
//     m_s       = (1/R) sum_r e[s][r]
//     sigma2_w  = (1/S) sum_s (1/(R-1)) sum_r (e[s][r] - m_s)^2       within-sample variance
//     V_m       = (1/(S-1)) sum_s (m_s - e..)^2                        variance of the m_s
//     sigma2_u  = sum_sr (e[s][r] - m_s - n_r + e..)^2 / ((S-1)(R-1))  residual variance
//     sigma2_p  = max(0, V_m - sigma2_u / R)         since E[V_m] = sigma2_p + sigma2_u / R
//
// Why sigma2_u and not sigma2_w in the last line: the shared noise c_r moves every m_s alike and
// leaves no trace in their spread, so subtracting sigma2_w / R (the one-way random-effects
// formula, right for independent runs) would take away noise that is not there and understate
// sigma2_p. Without shared noise sigma2_u = sigma2_w and the two formulas agree.
//
// Reported: sigma_w / sqrt(R), the Monte Carlo SD of one sample's mean effect (the noise a
// comparison's interval shows); sigma_w, that of a single run; sigma_p, the SD of the effect due
// to the parameters; sigma2_p / (sigma2_p + sigma2_w / R), the share of the variance of a mean
// effect from R replications at uncertain parameters that the parameters cause; and the
// 2.5-97.5% range of the m_s (linear interpolation between order statistics), the parameter
// uncertainty interval (it holds the noise sigma_u / sqrt(R) too, which the share says how much
// of).
#include <vector>

namespace leidensim::uncertainty {

struct Decomposition {
  int samples = 0;
  int replications = 0;
  double mean_effect = 0;            // mean of every e[s][r]
  double within_variance = 0;        // sigma2_w
  double between_variance = 0;       // V_m, the variance of the sample means
  double residual_variance = 0;      // sigma2_u, the noise not shared between samples
  double parameter_variance = 0;     // sigma2_p
  double mc_sd_run = 0;              // sigma_w
  double mc_sd_mean = 0;             // sigma_w / sqrt(R)
  double parameter_sd = 0;           // sigma_p
  double parameter_share = 0;        // sigma2_p / (sigma2_p + sigma2_w / R); 0 if both are 0
  double parameter_low = 0;          // 2.5% quantile of the m_s
  double parameter_high = 0;         // 97.5% quantile of the m_s
  std::vector<double> sample_means;  // m_s
  std::vector<double> sample_sds;    // sqrt of each sample's variance over r
};

/// The decomposition of e[s][r] (see the file comment). Requires S >= 2 samples and every
/// sample with the same R >= 2 replications (throws std::invalid_argument otherwise).
Decomposition decompose(const std::vector<std::vector<double>>& effects);

/// The q-quantile (0 <= q <= 1) of `values` by linear interpolation between order statistics
/// (type 7, as R's and numpy's default). Requires at least one value.
double quantile(std::vector<double> values, double q);

/// How one parameter drives the sample means: the Pearson correlation between its sampled
/// values x[s][j] and m_s, and its standardized regression coefficient, b_j * sd(x_j) / sd(m)
/// from the least-squares fit of m on every parameter together (with an intercept). The two
/// agree when the parameters are uncorrelated, as a Latin hypercube nearly makes them. NaN
/// where undefined: a parameter or the means without spread, or, for the coefficient, fewer
/// samples than parameters with spread plus two.
struct Sensitivity {
  double correlation = 0;
  double standardized_coefficient = 0;
};

/// One entry per parameter (column of x). x[s] holds sample s's values; m the sample means.
std::vector<Sensitivity> sensitivity(const std::vector<std::vector<double>>& x,
                                     const std::vector<double>& m);

}  // namespace leidensim::uncertainty
