// Income and poverty on their own: deterministic, so every household kind is computed by hand in
// cents and compared exactly, with the poor and student flags.
#include "leidensim/processes/income.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "leidensim/model_spec.hpp"
#include "support/test_model.hpp"

namespace leidensim {
namespace {

// Round amounts, so that the expected incomes below can be checked by hand.
//   bijstand norm: single 1000.00, couple 1500.00; pension norm: single 1200.00, couple 1800.00
//   poverty line 1.2 x norm: single 1200.00, couple 1800.00, pension single 1440.00, couple 2160.00
std::unique_ptr<Module> make() {
  auto ps = test::parameters({{"income.bijstand_norm_single", {1000.0}},
                              {"income.bijstand_norm_couple", {1500.0}},
                              {"income.pension_norm_single", {1200.0}},
                              {"income.pension_norm_couple", {1800.0}},
                              {"income.poverty_line_factor", {1.2}},
                              {"income.ww_replacement_rate", {0.7}},
                              {"income.disability_benefit_monthly", {1100.0}},
                              {"income.supplementary_pension_factor", {0.5}},
                              {"income.student_income_monthly", {900.0}},
                              {"labour.pension_age_years", {67}}});
  return test::create(income_module(), test::model_with(Population{}, ps));
}

PersonRecord member(Role role, int years, Labour s, Benefit b = Benefit::None,
                    std::int32_t wage_cents = 0, Sex sex = Sex::Male) {
  PersonRecord r;
  r.role = role;
  r.sex = sex;
  r.age_months = static_cast<std::uint16_t>(12 * years);
  r.labour = s;
  r.benefit = b;
  r.wage_cents = wage_cents;
  return r;
}

struct Case {
  std::string what;
  std::vector<PersonRecord> members;
  std::int32_t income_cents;
  bool poor;
  bool student;
};

TEST(Income, HouseholdIncomeAndPovertyComputedByHand) {
  using enum Role;
  using L = Labour;
  using B = Benefit;
  const std::vector<Case> cases = {
      {"single earner", {member(Head, 40, L::Employed, B::None, 200000)}, 200000, false, false},
      {"single low earner", {member(Head, 40, L::Employed, B::None, 110000)}, 110000, true, false},
      {"single exactly at the line",
       {member(Head, 40, L::Employed, B::None, 120000)},
       120000,
       false,
       false},
      {"single one cent below the line",
       {member(Head, 40, L::Employed, B::None, 119999)},
       119999,
       true,
       false},
      {"bijstand single topped up to the norm (reference wage ignored)",
       {member(Head, 40, L::Unemployed, B::Bijstand, 180000)},
       100000,
       true,
       false},
      {"WW single: 70% of 1500.00",
       {member(Head, 40, L::Unemployed, B::WW, 150000)},
       105000,
       true,
       false},
      {"WW rounds to the cent: 0.7 x 2000.01 = 1400.007",
       {member(Head, 40, L::Unemployed, B::WW, 200001)},
       140001,
       false,
       false},
      {"disability single",
       {member(Head, 40, L::Disabled, B::Disability, 300000)},
       110000,
       true,
       false},
      {"unemployed single without benefit",
       {member(Head, 40, L::Unemployed, B::None, 300000)},
       0,
       true,
       false},
      // From retirement on, wage_cents holds the supplementary pension (fixed by labour).
      {"single pensioner: AOW 1200.00 + pension 500.00",
       {member(Head, 70, L::Retired, B::AOW, 50000)},
       170000,
       false,
       false},
      {"couple on AOW: 2 x 900.00 + pension 1500.00",
       {member(Head, 70, L::Retired, B::AOW, 150000),
        member(Partner, 68, L::Retired, B::AOW, 0, Sex::Female)},
       330000,
       false,
       false},
      {"couple on AOW only: 1800.00 below 2160.00",
       {member(Head, 70, L::Retired, B::AOW, 0),
        member(Partner, 69, L::Retired, B::AOW, 0, Sex::Female)},
       180000,
       true,
       false},
      {"pensioner couple on bijstand: topped up to the pension couple norm",
       {member(Head, 70, L::Retired, B::Bijstand, 0),
        member(Partner, 69, L::Retired, B::None, 0, Sex::Female)},
       180000,
       true,
       false},
      {"couple with kids, one earner",
       {member(Head, 40, L::Employed, B::None, 250000),
        member(Partner, 38, L::Inactive, B::None, 0, Sex::Female),
        member(Child, 10, L::Child, B::None, 0)},
       250000,
       false,
       false},
      {"bijstand couple topped up to the couple norm",
       {member(Head, 40, L::Unemployed, B::Bijstand, 0),
        member(Partner, 40, L::Inactive, B::None, 0, Sex::Female)},
       150000,
       true,
       false},
      {"bijstand head with an earning partner: no top-up needed",
       {member(Head, 40, L::Unemployed, B::Bijstand, 0),
        member(Partner, 40, L::Employed, B::None, 200000, Sex::Female)},
       200000,
       false,
       false},
      {"bijstand of a partner does not top up (only the head's)",
       {member(Head, 40, L::Unemployed, B::None, 0),
        member(Partner, 40, L::Unemployed, B::Bijstand, 0, Sex::Female)},
       0,
       true,
       false},
      {"student household: student finance, left out of poverty",
       {member(Head, 20, L::Student, B::None, 0)},
       90000,
       false,
       true},
      {"two students sharing",
       {member(Head, 20, L::Student, B::None, 0), member(Other, 21, L::Student, B::None, 0)},
       180000,
       false,
       true},
      {"student with an earning partner is not a student household",
       {member(Head, 22, L::Student, B::None, 0),
        member(Partner, 22, L::Employed, B::None, 150000, Sex::Female)},
       240000,
       false,
       false},
      {"pupil of 17 gets no student finance",
       {member(Head, 45, L::Employed, B::None, 100000, Sex::Female),
        member(Child, 17, L::Student, B::None, 0)},
       100000,
       true,
       false},
  };
  Population pop;
  for (const auto& c : cases) {
    const auto h = pop.add_household(0, c.members);
    // Stale flags from last month: poverty and student status are recomputed, debt is kept.
    pop.hh_flags[h] |=
        household_flag::kDebt | (c.poor ? household_flag::kStudent : household_flag::kPoor);
  }
  auto m = make();
  IndicatorCounts flows(1);
  HouseholdEvents events;
  test::run_phase(*m, kPayments, pop, RandomKey(1, 0), 0, flows, events, 4);
  for (std::uint32_t h = 0; h < cases.size(); ++h) {
    const auto& c = cases[h];
    const auto f = pop.hh_flags[h];
    EXPECT_EQ(pop.hh_income_cents[h], c.income_cents) << c.what;
    EXPECT_EQ(bool(f & household_flag::kPoor), c.poor) << c.what;
    EXPECT_EQ(bool(f & household_flag::kStudent), c.student) << c.what;
    EXPECT_TRUE(f & household_flag::kDebt) << c.what;
    EXPECT_TRUE(f & household_flag::kPresent) << c.what;
  }
}

TEST(Income, ADataPackSingleOnBijstandIsAtTheNormAndPoor) {
  // The data pack's amounts, in cents: bijstand norm single 1283.83, 120% line 1540.596.
  auto m = test::create(income_module(), test::model_with(Population{}, test::parameters()));
  Population pop;
  pop.add_household(0, {member(Role::Head, 30, Labour::Inactive, Benefit::Bijstand, 0)});
  pop.add_household(0, {member(Role::Head, 30, Labour::Employed, Benefit::None, 154059)});
  pop.add_household(0, {member(Role::Head, 30, Labour::Employed, Benefit::None, 154060)});
  IndicatorCounts flows(1);
  HouseholdEvents events;
  test::run_phase(*m, kPayments, pop, RandomKey(1, 0), 0, flows, events);
  EXPECT_EQ(pop.hh_income_cents[0], 128383);
  EXPECT_TRUE(pop.hh_flags[0] & household_flag::kPoor);
  EXPECT_TRUE(pop.hh_flags[1] & household_flag::kPoor);
  EXPECT_FALSE(pop.hh_flags[2] & household_flag::kPoor);
}

// The vector path of the person pass (where built) and the scalar path.
TEST(Income, VectorAndScalarPersonPassesAgree) {
  // Households of one to five members of every role, state and benefit, at all ages, with
  // vacant slots.
  Population pop;
  test::TestSequence sequence(2718);
  auto next = [&sequence] { return sequence.next(); };
  for (int i = 0; i < 6000; ++i) {
    std::vector<PersonRecord> members(1 + next() % 5);
    for (std::size_t j = 0; j < members.size(); ++j)
      members[j] = member(
          j == 0 ? Role::Head : static_cast<Role>(1 + next() % 3), static_cast<int>(next() % 90),
          static_cast<Labour>(next() % kLabourStates), static_cast<Benefit>(next() % kBenefits),
          static_cast<std::int32_t>(next() % 500000));
    pop.add_household(0, members);
  }
  for (std::uint32_t p = 6; p < pop.person_slots(); p += 29) pop.vacate(p);
  for (std::uint32_t h = 0; h < pop.household_slots(); ++h) pop.refresh_household(h);
  auto m = make();
  Population scalar = pop;
  IndicatorCounts flows(1);
  HouseholdEvents events;
  set_income_vector_path(true);
  test::run_phase(*m, kPayments, pop, RandomKey(1, 0), 0, flows, events);
  set_income_vector_path(false);
  test::run_phase(*m, kPayments, scalar, RandomKey(1, 0), 0, flows, events);
  set_income_vector_path(true);
  EXPECT_EQ(pop.hh_income_cents, scalar.hh_income_cents);
  EXPECT_EQ(pop.hh_flags, scalar.hh_flags);
}

}  // namespace
}  // namespace leidensim
