#include "leidensim/uncertainty/decomposition.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "leidensim/rng.hpp"

namespace leidensim::uncertainty {
namespace {

TEST(Decomposition, HandMadeMatrixWithoutSharedNoise) {
  // m = 2, 3, 7; each sample's variance over r is 2; replication means 3 and 5 explain the rest
  // exactly, so the residual is 0 and all of V_m = 7 is parameter variance.
  const Decomposition d = decompose({{1, 3}, {2, 4}, {6, 8}});
  EXPECT_EQ(d.samples, 3);
  EXPECT_EQ(d.replications, 2);
  EXPECT_DOUBLE_EQ(d.mean_effect, 4);
  EXPECT_DOUBLE_EQ(d.within_variance, 2);
  EXPECT_DOUBLE_EQ(d.between_variance, 7);
  EXPECT_NEAR(d.residual_variance, 0, 1e-12);
  EXPECT_NEAR(d.parameter_variance, 7, 1e-12);
  EXPECT_NEAR(d.parameter_sd, std::sqrt(7.0), 1e-12);
  EXPECT_DOUBLE_EQ(d.mc_sd_run, std::sqrt(2.0));
  EXPECT_DOUBLE_EQ(d.mc_sd_mean, 1);
  EXPECT_NEAR(d.parameter_share, 7.0 / 8.0, 1e-12);
  EXPECT_NEAR(d.parameter_low, 2.05, 1e-12);  // type-7 quantiles of 2, 3, 7
  EXPECT_NEAR(d.parameter_high, 6.8, 1e-12);
  ASSERT_EQ(d.sample_means.size(), 3u);
  EXPECT_DOUBLE_EQ(d.sample_means[2], 7);
  EXPECT_DOUBLE_EQ(d.sample_sds[0], std::sqrt(2.0));
}

TEST(Decomposition, HandMadeMatrixOfPureNoise) {
  // Equal sample means, residual SS 1 on 1 degree of freedom: no parameter variance.
  const Decomposition d = decompose({{1, 3}, {2, 2}});
  EXPECT_DOUBLE_EQ(d.between_variance, 0);
  EXPECT_DOUBLE_EQ(d.within_variance, 1);
  EXPECT_NEAR(d.residual_variance, 1, 1e-12);
  EXPECT_EQ(d.parameter_variance, 0);
  EXPECT_EQ(d.parameter_share, 0);
  EXPECT_DOUBLE_EQ(d.parameter_low, 2);
  EXPECT_DOUBLE_EQ(d.parameter_high, 2);
}

TEST(Decomposition, NeedsTwoSamplesAndTwoReplications) {
  EXPECT_THROW(decompose({{1, 2}}), std::invalid_argument);
  EXPECT_THROW(decompose({{1}, {2}}), std::invalid_argument);
  EXPECT_THROW(decompose({{1, 2}, {2}}), std::invalid_argument);
}

TEST(Decomposition, Quantile) {
  EXPECT_DOUBLE_EQ(quantile({5}, 0.3), 5);
  EXPECT_DOUBLE_EQ(quantile({4, 1, 3, 2}, 0), 1);
  EXPECT_DOUBLE_EQ(quantile({4, 1, 3, 2}, 1), 4);
  EXPECT_DOUBLE_EQ(quantile({4, 1, 3, 2}, 0.5), 2.5);
}

/// Normal draws from the project's generator, so the test is deterministic.
struct Normals {
  RandomKey key{12345, 0};
  std::uint32_t n = 0;
  double operator()() {
    const Draws d = key.draw(n++, 0, 1);
    return standard_normal(d[0], d[1]);
  }
};

/// e[s][r] = p_s + c_r + u_sr with the given standard deviations.
std::vector<std::vector<double>> simulate(int S, int R, double sd_p, double sd_c, double sd_u) {
  Normals z;
  std::vector<double> c(static_cast<std::size_t>(R));
  for (auto& x : c) x = sd_c * z();
  std::vector<std::vector<double>> e(static_cast<std::size_t>(S));
  for (auto& row : e) {
    const double p = sd_p * z();
    for (int r = 0; r < R; ++r) row.push_back(10 + p + c[static_cast<std::size_t>(r)] + sd_u * z());
  }
  return e;
}

TEST(Decomposition, PureNoiseGivesSpreadOfSampleMeansEqualToNoise) {
  // No parameter effect: V_m estimates the noise of a mean, sigma2_u / R, and sigma2_p is small
  // against it (sampling error of V_m with 400 samples is about 7%).
  const int S = 400, R = 5;
  const Decomposition d = decompose(simulate(S, R, 0.0, 0.0, 2.0));
  EXPECT_NEAR(d.within_variance, 4.0, 0.4);
  EXPECT_NEAR(d.between_variance, d.within_variance / R, 0.25 * d.within_variance / R);
  EXPECT_LT(d.parameter_variance, 0.25 * d.within_variance / R);
  EXPECT_LT(d.parameter_share, 0.2);
}

TEST(Decomposition, RecoversParameterVarianceBesideSharedNoise) {
  // sigma_p = 2, shared noise sigma_c = 10, own noise sigma_u = 1, R = 5: the one-way formula
  // would give V_m - sigma2_w / R = 4 + 0.2 - 101/5 < 0, i.e. no parameter variance at all.
  const int S = 400, R = 5;
  const Decomposition d = decompose(simulate(S, R, 2.0, 10.0, 1.0));
  EXPECT_NEAR(d.parameter_variance, 4.0, 0.8);
  EXPECT_NEAR(d.residual_variance, 1.0, 0.15);
  EXPECT_GT(d.within_variance, 20.0);  // the shared noise is Monte Carlo noise of one mean
  EXPECT_LT(d.between_variance - d.within_variance / R, 0.0);
}

TEST(Sensitivity, OneParameterThatDrivesTheMeans) {
  const auto s = sensitivity({{0}, {1}, {2}, {3}}, {1, 3, 5, 7});
  ASSERT_EQ(s.size(), 1u);
  EXPECT_NEAR(s[0].correlation, 1, 1e-12);
  EXPECT_NEAR(s[0].standardized_coefficient, 1, 1e-12);
  const auto neg = sensitivity({{0}, {1}, {2}, {3}}, {7, 5, 3, 1});
  EXPECT_NEAR(neg[0].correlation, -1, 1e-12);
}

TEST(Sensitivity, StandardizedCoefficientsSeparateCorrelatedParameters) {
  // m = 3 x1 - x2 exactly, with x1 and x2 correlated: the correlations mix the two, the
  // standardized coefficients are b_j sd(x_j) / sd(m).
  const std::vector<std::vector<double>> x = {{0, 0}, {1, 2}, {2, 1}, {3, 4}, {4, 3}};
  std::vector<double> m;
  for (const auto& row : x) m.push_back(3 * row[0] - row[1]);
  const auto s = sensitivity(x, m);
  auto sd = [](std::vector<double> v) {
    double mean = 0, ss = 0;
    for (double a : v) mean += a / v.size();
    for (double a : v) ss += (a - mean) * (a - mean);
    return std::sqrt(ss / (v.size() - 1));
  };
  const double sd_m = sd(m), sd_x = sd({0, 1, 2, 3, 4});  // x2 has the same values
  EXPECT_NEAR(s[0].standardized_coefficient, 3 * sd_x / sd_m, 1e-9);
  EXPECT_NEAR(s[1].standardized_coefficient, -1 * sd_x / sd_m, 1e-9);
  EXPECT_GT(s[1].correlation, 0);  // x2 follows x1, so it correlates with m the wrong way round
}

TEST(Sensitivity, UndefinedWithoutSpread) {
  const auto s = sensitivity({{1, 0}, {1, 1}, {1, 2}, {1, 3}}, {0, 1, 2, 3});
  EXPECT_TRUE(std::isnan(s[0].correlation));
  EXPECT_TRUE(std::isnan(s[0].standardized_coefficient));
  EXPECT_NEAR(s[1].correlation, 1, 1e-12);
  // Too few samples for a regression on two parameters with spread.
  const auto few = sensitivity({{0, 1}, {1, 0}, {2, 2}}, {0, 1, 2});
  EXPECT_TRUE(std::isnan(few[0].standardized_coefficient));
  EXPECT_FALSE(std::isnan(few[0].correlation));
}

}  // namespace
}  // namespace leidensim::uncertainty
