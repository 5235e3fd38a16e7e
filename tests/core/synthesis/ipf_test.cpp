// fit_ipf: classical IPF on 0/1 contributions, the generalisation to count contributions
// (households of different sizes under a persons constraint), and respect for the prior.
#include "leidensim/synthesis/ipf.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace leidensim {
namespace {

/// Weighted sum of a constraint's contributions.
double achieved(const FitConstraint& c, const std::vector<double>& w) {
  double s = 0;
  for (const auto& [i, a] : c.entries) s += a * w[i];
  return s;
}

/// A 2x2 table as four templates (cell r,c is template 2r+c) with row and column constraints.
std::vector<FitConstraint> two_by_two(double row0, double row1, double col0, double col1) {
  return {
      {"row 0", row0, {{0, 1.0}, {1, 1.0}}},
      {"row 1", row1, {{2, 1.0}, {3, 1.0}}},
      {"column 0", col0, {{0, 1.0}, {2, 1.0}}},
      {"column 1", col1, {{1, 1.0}, {3, 1.0}}},
  };
}

TEST(Ipf, TwoByTwoWithUniformPriorIsProductOfMargins) {
  // With a uniform seed, IPF gives the independence table: row total x column total / total.
  const auto constraints = two_by_two(30, 70, 40, 60);
  const FitResult r = fit_ipf(4, constraints);
  ASSERT_EQ(r.weights.size(), 4u);
  EXPECT_NEAR(r.weights[0], 30.0 * 40 / 100, 1e-9);
  EXPECT_NEAR(r.weights[1], 30.0 * 60 / 100, 1e-9);
  EXPECT_NEAR(r.weights[2], 70.0 * 40 / 100, 1e-9);
  EXPECT_NEAR(r.weights[3], 70.0 * 60 / 100, 1e-9);
  EXPECT_LT(r.max_relative_error, 1e-9);
}

TEST(Ipf, TwoByTwoReproducesTheKnownSolutionAndKeepsTheOddsRatio) {
  // Seed [[4, 3], [3, 1]] (odds ratio 4/9) fitted to rows 50/50 and columns 50/50. IPF keeps the
  // seed's odds ratio, so the solution x, 50-x, 50-x, x has x^2/(50-x)^2 = 4/9: x = 20.
  const auto constraints = two_by_two(50, 50, 50, 50);
  const FitResult r = fit_ipf(4, constraints, {4, 3, 3, 1});
  ASSERT_EQ(r.weights.size(), 4u);
  EXPECT_NEAR(r.weights[0], 20.0, 1e-7);
  EXPECT_NEAR(r.weights[1], 30.0, 1e-7);
  EXPECT_NEAR(r.weights[2], 30.0, 1e-7);
  EXPECT_NEAR(r.weights[3], 20.0, 1e-7);
  const double odds = r.weights[0] * r.weights[3] / (r.weights[1] * r.weights[2]);
  EXPECT_NEAR(odds, 4.0 / 9.0, 1e-9);
  for (const auto& c : constraints) EXPECT_NEAR(achieved(c, r.weights), c.target, 1e-7) << c.name;
  EXPECT_LT(r.max_relative_error, 1e-9);
  EXPECT_GE(r.iterations, 2);  // the seed does not meet the margins: at least one more pass
}

/// Templates 0: one-person household, 1: two-person household. Constraints: households and
/// persons.
std::vector<FitConstraint> sizes(double households, double persons) {
  return {
      {"persons", persons, {{0, 1.0}, {1, 2.0}}},
      {"households", households, {{0, 1.0}, {1, 1.0}}},
  };
}

TEST(Ipf, CountContributionsMeetHouseholdAndPersonTargets) {
  for (const double persons : {120.0, 150.0, 180.0}) {
    const auto constraints = sizes(100, persons);
    const FitResult r = fit_ipf(2, constraints);
    ASSERT_EQ(r.weights.size(), 2u);
    for (const auto& c : constraints)
      EXPECT_LT(std::abs(achieved(c, r.weights) / c.target - 1.0), 1e-6)
          << c.name << " with " << persons << " persons";
    EXPECT_LT(r.max_relative_error, 1e-6);
    // Two equations, two unknowns: singles = 2 x households - persons.
    EXPECT_NEAR(r.weights[0], 200.0 - persons, 1e-4) << persons << " persons";
    EXPECT_NEAR(r.weights[1], persons - 100.0, 1e-4) << persons << " persons";
  }
}

TEST(Ipf, PersonsConstraintShiftsWeightBetweenHouseholdSizes) {
  // Few persons per household: mostly singles; many: mostly couples. A proportional update
  // (every template of the constraint scaled by the same factor) could not change the mix.
  const FitResult few = fit_ipf(2, sizes(100, 120));
  const FitResult many = fit_ipf(2, sizes(100, 180));
  EXPECT_GT(few.weights[0], 3 * few.weights[1]);
  EXPECT_GT(many.weights[1], 3 * many.weights[0]);
  EXPECT_NEAR(few.weights[0] + few.weights[1], 100.0, 1e-4);
  EXPECT_NEAR(many.weights[0] + many.weights[1], 100.0, 1e-4);
}

TEST(Ipf, PriorProportionsHoldWithinAConstraintGroup) {
  // Three one-person templates under one households constraint: the fit only rescales, so the
  // result is proportional to the prior.
  const std::vector<FitConstraint> one = {{"households", 60, {{0, 1.0}, {1, 1.0}, {2, 1.0}}}};
  const FitResult r = fit_ipf(3, one, {1, 2, 3});
  ASSERT_EQ(r.weights.size(), 3u);
  EXPECT_NEAR(r.weights[0], 10, 1e-9);
  EXPECT_NEAR(r.weights[1], 20, 1e-9);
  EXPECT_NEAR(r.weights[2], 30, 1e-9);
}

TEST(Ipf, PriorRatioKeptBetweenTemplatesWithEqualContributions) {
  // Templates 0 and 1 are one-person households (prior 1 and 3), template 2 a two-person
  // household. Household and person targets fix the totals by size, not the split of the
  // singles: the fit closest to the prior keeps their 1:3 ratio.
  const std::vector<FitConstraint> constraints = {
      {"persons", 130, {{0, 1.0}, {1, 1.0}, {2, 2.0}}},
      {"households", 100, {{0, 1.0}, {1, 1.0}, {2, 1.0}}},
  };
  const FitResult r = fit_ipf(3, constraints, {1, 3, 2});
  ASSERT_EQ(r.weights.size(), 3u);
  for (const auto& c : constraints)
    EXPECT_LT(std::abs(achieved(c, r.weights) / c.target - 1.0), 1e-6) << c.name;
  EXPECT_NEAR(r.weights[0] + r.weights[1], 70.0, 1e-4);
  EXPECT_NEAR(r.weights[2], 30.0, 1e-4);
  EXPECT_NEAR(r.weights[1] / r.weights[0], 3.0, 1e-9);
}

TEST(Ipf, PriorIsLeftAloneWhenItAlreadyMeetsTheTargets) {
  const std::vector<FitConstraint> constraints = {
      {"persons", 8, {{0, 1.0}, {1, 2.0}}},
      {"households", 5, {{0, 1.0}, {1, 1.0}}},
  };
  const FitResult r = fit_ipf(2, constraints, {2, 3});
  EXPECT_NEAR(r.weights[0], 2.0, 1e-12);
  EXPECT_NEAR(r.weights[1], 3.0, 1e-12);
  EXPECT_EQ(r.iterations, 1);
}

}  // namespace
}  // namespace leidensim
