// Problematic debt on its own: household inflow (with and without the poverty flag) and outflow,
// one draw per household.
#include "leidensim/processes/debt.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "leidensim/model_spec.hpp"
#include "support/test_model.hpp"

namespace leidensim {
namespace {

using Overrides = std::map<std::string, std::vector<double>>;

constexpr std::size_t kN = 20000;

std::unique_ptr<Module> make(double in_poor, double in_nonpoor, double out) {
  const Overrides o = {{"debt.inflow_monthly_poor", {in_poor}},
                       {"debt.inflow_monthly_nonpoor", {in_nonpoor}},
                       {"debt.outflow_monthly", {out}}};
  return test::create(debt_module(), test::model_with(Population{}, test::parameters(o)));
}

/// `n` three-person households (so a per-person draw would show as 1 - (1 - p)^3), with the
/// given household flags; returns the first household slot.
std::uint32_t add(Population& pop, std::size_t n, std::uint8_t flags,
                  std::uint16_t debt_months = 0) {
  PersonRecord head, partner, child;
  head.age_months = partner.age_months = 40 * 12;
  head.labour = partner.labour = Labour::Employed;
  partner.role = Role::Partner;
  partner.sex = Sex::Female;
  child.role = Role::Child;
  child.age_months = 8 * 12;
  const auto first = static_cast<std::uint32_t>(pop.household_slots());
  for (std::size_t i = 0; i < n; ++i) {
    const auto h = pop.add_household(0, {head, partner, child});
    pop.hh_flags[h] |= flags;
    pop.hh_debt_months[h] = debt_months;
  }
  return first;
}

void run(Module& m, Population& pop, std::uint64_t seed, std::uint32_t month = 0) {
  IndicatorCounts flows(1);
  HouseholdEvents events;
  test::run_phase(m, kHazards, pop, RandomKey(seed, 0), month, flows, events);
}

std::size_t in_debt(const Population& pop, std::uint32_t first, std::size_t n) {
  std::size_t k = 0;
  for (std::uint32_t h = first; h < first + n; ++h)
    k += (pop.hh_flags[h] & household_flag::kDebt) != 0;
  return k;
}

TEST(Debt, NoInflowWhenTheRatesAreZero) {
  Population pop;
  add(pop, kN, household_flag::kPoor);
  add(pop, kN, 0);
  auto m = make(0.0, 0.0, 0.5);
  for (std::uint32_t month = 0; month < 6; ++month) run(*m, pop, 11, month);
  EXPECT_EQ(in_debt(pop, 0, 2 * kN), 0u);
}

TEST(Debt, InflowDependsOnThePovertyFlagWithOneDrawPerHousehold) {
  Population pop;
  const auto poor = add(pop, kN, household_flag::kPoor);
  const auto nonpoor = add(pop, kN, 0);
  auto m = make(0.2, 0.05, 0.0);
  run(*m, pop, 12);
  const auto n_poor = in_debt(pop, poor, kN), n_nonpoor = in_debt(pop, nonpoor, kN);
  EXPECT_TRUE(test::within_standard_errors(double(n_poor) / kN, 0.2, kN)) << n_poor;
  EXPECT_TRUE(test::within_standard_errors(double(n_nonpoor) / kN, 0.05, kN)) << n_nonpoor;
  for (std::uint32_t h = 0; h < 2 * kN; ++h) {
    ASSERT_EQ(pop.hh_debt_months[h], 0);
    ASSERT_EQ(bool(pop.hh_flags[h] & household_flag::kPoor), h < nonpoor);  // untouched
  }
}

TEST(Debt, NoOutflowWhenTheRateIsZeroAndDurationGrows) {
  Population pop;
  add(pop, kN, household_flag::kDebt, 10);
  auto m = make(0.5, 0.5, 0.0);
  for (std::uint32_t month = 0; month < 6; ++month) run(*m, pop, 21, month);
  EXPECT_EQ(in_debt(pop, 0, kN), kN);
  for (std::uint32_t h = 0; h < kN; ++h) ASSERT_EQ(pop.hh_debt_months[h], 16);
}

TEST(Debt, OutflowAtTheMonthlyRate) {
  Population pop;
  add(pop, kN, household_flag::kDebt | household_flag::kPoor, 10);
  auto m = make(0.0, 0.0, 0.1);
  run(*m, pop, 22);
  const auto ended = kN - in_debt(pop, 0, kN);
  EXPECT_TRUE(test::within_standard_errors(double(ended) / kN, 0.1, kN)) << ended;
  for (std::uint32_t h = 0; h < kN; ++h)
    ASSERT_EQ(pop.hh_debt_months[h], (pop.hh_flags[h] & household_flag::kDebt) ? 11 : 0);
}

// The vector path (where built) and the scalar path.
TEST(Debt, VectorAndScalarPathsAgree) {
  // Poor and non-poor households in and out of debt, durations at the 16-bit limit, vacant
  // households; rates high enough that many change.
  Population pop;
  test::TestSequence sequence(1618);
  auto next = [&sequence] { return sequence.next(); };
  PersonRecord adult;
  adult.age_months = 40 * 12;
  for (int i = 0; i < 6000; ++i) {
    const auto h = pop.add_household(0, {adult});
    pop.hh_flags[h] |= static_cast<std::uint8_t>((next() % 2) * household_flag::kPoor |
                                                 (next() % 2) * household_flag::kDebt);
    pop.hh_debt_months[h] = static_cast<std::uint16_t>(next() % 3 == 0 ? 0xFFFF : next() % 60);
  }
  for (std::uint32_t h = 9; h < pop.household_slots(); h += 31) pop.remove_household(h);
  auto m = make(0.3, 0.1, 0.2);
  Population scalar = pop;
  for (std::uint32_t month = 0; month < 6; ++month) {
    set_debt_vector_path(true);
    run(*m, pop, 99, month);
    set_debt_vector_path(false);
    run(*m, scalar, 99, month);
    set_debt_vector_path(true);
    ASSERT_EQ(pop.hh_flags, scalar.hh_flags) << "month " << month;
    ASSERT_EQ(pop.hh_debt_months, scalar.hh_debt_months) << "month " << month;
  }
}

}  // namespace
}  // namespace leidensim
