// The analytic checks: every row passes at a size that runs in seconds, the analytic values are
// the formulas, and a model that differs from what a formula assumes fails its rows.
#include "leidensim/validation/analytic_checks.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "leidensim/errors.hpp"
#include "leidensim/rate_tables.hpp"
#include "support/test_model.hpp"

namespace leidensim {
namespace {

AnalyticCheckOptions small() {
  AnalyticCheckOptions o;
  o.scale = 0.1;
  o.replications = 8;
  o.cohort_size = 4000;
  o.seed = 20240101;
  return o;
}

std::string describe(const CheckRow& r) {
  return r.check + " | " + r.quantity + ": analytic " + std::to_string(r.analytic) +
         ", simulated " + std::to_string(r.simulated) + ", se " + std::to_string(r.standard_error) +
         ", [" + std::to_string(r.lower) + ", " + std::to_string(r.upper) + "]";
}

const CheckRow& find(const std::vector<CheckRow>& rows, const std::string& check,
                     const std::string& quantity_start) {
  for (const auto& r : rows)
    if (r.check == check && r.quantity.rfind(quantity_start, 0) == 0) return r;
  throw std::runtime_error("no row " + check + " " + quantity_start);
}

TEST(AnalyticChecks, MarkovChainsReachTheirStationaryShareAndMeanDuration) {
  const AnalyticCheckOptions o = small();
  const auto rows = run_markov_checks(test::data_dir(), o);
  ASSERT_EQ(rows.size(), 4u);
  for (const auto& r : rows) {
    EXPECT_TRUE(r.pass) << describe(r);
    EXPECT_GT(r.standard_error, 0.0) << describe(r);
    EXPECT_DOUBLE_EQ(r.lower, r.analytic - o.z * r.standard_error);
    EXPECT_DOUBLE_EQ(r.upper, r.analytic + o.z * r.standard_error);
    std::cout << describe(r) << "\n";
  }
  // The analytic values are the formulas, with the monthly probabilities the model applies.
  const double p = 0.02, q = 0.10;
  EXPECT_NEAR(find(rows, "markov_debt", "stationary").analytic, p / (p + q), 1e-8);
  EXPECT_NEAR(find(rows, "markov_debt", "mean spell").analytic, 1 / q, 1e-6);
  const double pw = 1 - std::pow(1 - 0.10, 1.0 / 12), qw = 1 - std::pow(1 - 0.75, 1.0 / 12);
  EXPECT_NEAR(find(rows, "markov_wmo", "stationary").analytic, pw / (pw + qw), 1e-8);
  EXPECT_NEAR(find(rows, "markov_wmo", "mean spell").analytic, 1 / qw, 1e-6);
}

TEST(AnalyticChecks, MortalityAloneFollowsTheLifeTable) {
  const AnalyticCheckOptions o = small();
  const auto rows = run_survival_checks(test::data_dir(), o);
  ASSERT_EQ(rows.size(), 16u);
  for (const auto& r : rows) {
    EXPECT_TRUE(r.pass) << describe(r);
    std::cout << describe(r) << "\n";
  }
  // Analytic values are products of the published table, computed here independently.
  const auto ps = test::parameters();
  const auto men = ps.table("demography.mortality_annual_male", kMaxAge + 1);
  const auto women = ps.table("demography.mortality_annual_female", kMaxAge + 1);
  double s_men = 1, s_women = 1;
  for (int a = 40; a < 80; ++a) s_men *= 1 - men[a], s_women *= 1 - women[a];
  EXPECT_NEAR(find(rows, "survival", "survival from age 40 to 80, men").analytic, s_men, 1e-12);
  EXPECT_NEAR(find(rows, "survival", "survival from age 40 to 80, women").analytic, s_women, 1e-12);
  s_men = 1;
  for (int a = 80; a < 90; ++a) s_men *= 1 - men[a];
  EXPECT_NEAR(find(rows, "survival", "survival from age 80 to 90, men").analytic, s_men, 1e-12);
}

TEST(AnalyticChecks, AModelThatDiffersFromTheFormulaFails) {
  AnalyticCheckOptions o = small();
  o.replications = 4;
  // Debt leaves at 0.12 a month where the formula assumes 0.10: stationary share 0.143 instead
  // of 0.167 and mean spell 8.3 months instead of 10. Wmo is untouched and still passes.
  o.model_overrides = {{"debt.outflow_monthly", {0.12}}};
  const auto markov = run_markov_checks(test::data_dir(), o);
  for (const auto& r : markov) std::cout << describe(r) << "\n";
  EXPECT_FALSE(find(markov, "markov_debt", "stationary").pass);
  EXPECT_FALSE(find(markov, "markov_debt", "mean spell").pass);
  EXPECT_TRUE(find(markov, "markov_wmo", "stationary").pass);
  EXPECT_TRUE(find(markov, "markov_wmo", "mean spell").pass);

  // Men die at 1.25 times the table's annual probability: their rows from age 80 fail, women's
  // still pass.
  const ParameterSet ps = test::parameters();
  const auto men = ps.table("demography.mortality_annual_male", kMaxAge + 1);
  std::vector<double> higher(men.begin(), men.end());
  for (double& q : higher) q = std::min(1.0, 1.25 * q);
  o.model_overrides = {{"demography.mortality_annual_male", higher}};
  o.cohort_size = 2000;
  const auto survival = run_survival_checks(test::data_dir(), o);
  for (const auto& r : survival) std::cout << describe(r) << "\n";
  for (const std::string to : {"85", "90", "95"})
    EXPECT_FALSE(find(survival, "survival", "survival from age 80 to " + to + ", men").pass);
  for (const auto& r : survival) {
    if (r.quantity.ends_with("women")) {
      EXPECT_TRUE(r.pass) << describe(r);
    }
  }
}

TEST(AnalyticChecks, SameRowsAtAnyThreadCount) {
  AnalyticCheckOptions o = small();
  o.replications = 2;
  o.cohort_size = 300;
  o.threads = 1;
  const auto one = run_survival_checks(test::data_dir(), o);
  o.threads = 2;
  const auto two = run_survival_checks(test::data_dir(), o);
  ASSERT_EQ(one.size(), two.size());
  for (std::size_t i = 0; i < one.size(); ++i) EXPECT_EQ(one[i].simulated, two[i].simulated);
}

TEST(AnalyticChecks, RejectUnusableOptions) {
  AnalyticCheckOptions o = small();
  o.replications = 1;  // no spread between replications, so no standard error
  EXPECT_THROW(run_markov_checks(test::data_dir(), o), InputError);
  o = small();
  o.debt_outflow_monthly = 0.0;
  EXPECT_THROW(run_markov_checks(test::data_dir(), o), InputError);
  o = small();
  o.wmo_inflow_annual = 1e-4;  // would need thousands of months to settle
  o.wmo_outflow_annual = 1e-4;
  EXPECT_THROW(run_markov_checks(test::data_dir(), o), InputError);
  o = small();
  o.cohort_size = 0;
  EXPECT_THROW(run_survival_checks(test::data_dir(), o), InputError);
}

}  // namespace
}  // namespace leidensim
