// Care on its own: jeugdhulp inflow for under-18s (higher below the poverty line), outflow and
// its end at 18; Wmo inflow by age and outflow.
#include "leidensim/processes/care.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "leidensim/model_spec.hpp"
#include "leidensim/rate_tables.hpp"
#include "support/test_model.hpp"

namespace leidensim {
namespace {

using Overrides = std::map<std::string, std::vector<double>>;

constexpr std::size_t kN = 20000;

double monthly(double annual) {
  return 1.0 - std::pow(1.0 - annual, 1.0 / 12.0);
}

std::vector<double> wmo_table_at(int age, double value) {
  std::vector<double> t(kMaxAge + 1, 0.0);
  t[static_cast<std::size_t>(age)] = value;
  return t;
}

/// Every care rate at zero, then `extra` on top.
std::unique_ptr<Module> make(const Overrides& extra) {
  Overrides o = {{"care.jeugdhulp_inflow_monthly", {0.0}},
                 {"care.jeugdhulp_outflow_monthly", {0.0}},
                 {"care.jeugdhulp_poverty_factor", {1.0}},
                 {"care.wmo_inflow_annual", std::vector<double>(kMaxAge + 1, 0.0)},
                 {"care.wmo_outflow_annual", {0.0}}};
  for (const auto& [name, values] : extra) o[name] = values;
  return test::create(care_module(), test::model_with(Population{}, test::parameters(o)));
}

PersonRecord aged(int years, int extra_months = 0, Role role = Role::Head, std::uint8_t care = 0) {
  PersonRecord r;
  r.role = role;
  r.age_months = static_cast<std::uint16_t>(12 * years + extra_months);
  r.labour = years >= 18 ? Labour::Employed : Labour::Child;
  r.care = care;
  return r;
}

/// `n` families of a parent of 40 and one child; returns the child's first slot (stride 2).
std::uint32_t families(Population& pop, std::size_t n, const PersonRecord& child, bool poor) {
  const auto first = static_cast<std::uint32_t>(pop.person_slots()) + 1;
  PersonRecord kid = child;
  kid.role = Role::Child;
  for (std::size_t i = 0; i < n; ++i) {
    const auto h = pop.add_household(0, {aged(40), kid});
    if (poor) pop.hh_flags[h] |= household_flag::kPoor;
  }
  return first;
}

/// `n` one-person households; returns the first slot (stride 1).
std::uint32_t singles(Population& pop, std::size_t n, const PersonRecord& r) {
  const auto first = static_cast<std::uint32_t>(pop.person_slots());
  for (std::size_t i = 0; i < n; ++i) pop.add_household(0, {r});
  return first;
}

void run(Module& m, Population& pop, std::uint64_t seed, std::uint32_t month = 0) {
  IndicatorCounts flows(1);
  HouseholdEvents events;
  test::run_phase(m, kHazards, pop, RandomKey(seed, 0), month, flows, events);
}

std::size_t with_flag(const Population& pop, std::uint32_t first, std::size_t n,
                      std::uint32_t stride, std::uint8_t flag) {
  std::size_t k = 0;
  for (std::size_t i = 0; i < n; ++i) k += (pop.care[first + i * stride] & flag) != 0;
  return k;
}

// ---------------------------------------------------------------------------------------------
// Jeugdhulp

TEST(Care, NoJeugdhulpInflowWhenTheRateIsZero) {
  Population pop;
  const auto poor = families(pop, kN / 2, aged(10), true);
  const auto nonpoor = families(pop, kN / 2, aged(10), false);
  auto m =
      make({{"care.jeugdhulp_inflow_monthly", {0.0}}, {"care.jeugdhulp_poverty_factor", {3.0}}});
  for (std::uint32_t month = 0; month < 6; ++month) run(*m, pop, 11, month);
  EXPECT_EQ(with_flag(pop, poor, kN / 2, 2, care_flag::kJeugdhulp), 0u);
  EXPECT_EQ(with_flag(pop, nonpoor, kN / 2, 2, care_flag::kJeugdhulp), 0u);
}

TEST(Care, JeugdhulpInflowIsHigherBelowThePovertyLine) {
  Population pop;
  const auto poor = families(pop, kN, aged(10), true);
  const auto nonpoor = families(pop, kN, aged(10), false);
  auto m =
      make({{"care.jeugdhulp_inflow_monthly", {0.05}}, {"care.jeugdhulp_poverty_factor", {3.0}}});
  run(*m, pop, 12);
  const auto n_poor = with_flag(pop, poor, kN, 2, care_flag::kJeugdhulp);
  const auto n_nonpoor = with_flag(pop, nonpoor, kN, 2, care_flag::kJeugdhulp);
  EXPECT_TRUE(test::within_standard_errors(double(n_poor) / kN, 0.15, kN)) << n_poor;
  EXPECT_TRUE(test::within_standard_errors(double(n_nonpoor) / kN, 0.05, kN)) << n_nonpoor;
  // The parents (40) never receive jeugdhulp.
  EXPECT_EQ(with_flag(pop, 0, 2 * kN, 2, care_flag::kJeugdhulp), 0u);
}

TEST(Care, NoJeugdhulpOutflowWhenTheRateIsZero) {
  Population pop;
  const auto kids = families(pop, kN, aged(10, 0, Role::Child, care_flag::kJeugdhulp), false);
  auto m = make({{"care.jeugdhulp_outflow_monthly", {0.0}}});
  for (std::uint32_t month = 0; month < 6; ++month) run(*m, pop, 21, month);
  EXPECT_EQ(with_flag(pop, kids, kN, 2, care_flag::kJeugdhulp), kN);
}

TEST(Care, JeugdhulpEndsAtTheMonthlyOutflowRate) {
  Population pop;
  const auto kids = families(pop, kN, aged(10, 0, Role::Child, care_flag::kJeugdhulp), true);
  auto m = make({{"care.jeugdhulp_outflow_monthly", {0.1}}});
  run(*m, pop, 22);
  const auto ended = kN - with_flag(pop, kids, kN, 2, care_flag::kJeugdhulp);
  EXPECT_TRUE(test::within_standard_errors(double(ended) / kN, 0.1, kN)) << ended;
}

TEST(Care, JeugdhulpEndsAt18AndNeverStartsFrom18) {
  Population pop;
  const auto adults_in_care = singles(pop, 1000, aged(18, 0, Role::Head, care_flag::kJeugdhulp));
  const auto minors_in_care = singles(pop, 1000, aged(17, 11, Role::Head, care_flag::kJeugdhulp));
  const auto adults = singles(pop, 1000, aged(18));
  const auto minors = singles(pop, 1000, aged(17, 11));
  auto m = make({{"care.jeugdhulp_inflow_monthly", {1.0}}});  // certain below 18
  run(*m, pop, 23);
  EXPECT_EQ(with_flag(pop, adults_in_care, 1000, 1, care_flag::kJeugdhulp), 0u);
  EXPECT_EQ(with_flag(pop, minors_in_care, 1000, 1, care_flag::kJeugdhulp), 1000u);
  EXPECT_EQ(with_flag(pop, adults, 1000, 1, care_flag::kJeugdhulp), 0u);
  EXPECT_EQ(with_flag(pop, minors, 1000, 1, care_flag::kJeugdhulp), 1000u);
}

// ---------------------------------------------------------------------------------------------
// Wmo

TEST(Care, NoWmoInflowWhenTheTableIsZero) {
  Population pop;
  singles(pop, kN, aged(85));
  auto m = make({});
  for (std::uint32_t month = 0; month < 6; ++month) run(*m, pop, 31, month);
  EXPECT_EQ(with_flag(pop, 0, kN, 1, care_flag::kWmo), 0u);
}

TEST(Care, WmoInflowFollowsTheAgeTable) {
  Population pop;
  const auto at80 = singles(pop, kN, aged(80, 6));
  const auto at79 = singles(pop, kN / 4, aged(79, 11));
  const auto children = families(pop, kN / 4, aged(10), true);
  auto m = make({{"care.wmo_inflow_annual", wmo_table_at(80, 0.3)}});
  run(*m, pop, 32);
  const auto n80 = with_flag(pop, at80, kN, 1, care_flag::kWmo);
  EXPECT_TRUE(test::within_standard_errors(double(n80) / kN, monthly(0.3), kN)) << n80;
  EXPECT_EQ(with_flag(pop, at79, kN / 4, 1, care_flag::kWmo), 0u);
  EXPECT_EQ(with_flag(pop, children - 1, kN / 2, 1, care_flag::kWmo), 0u);
}

TEST(Care, NoWmoOutflowWhenTheRateIsZero) {
  Population pop;
  singles(pop, kN, aged(50, 0, Role::Head, care_flag::kWmo));
  auto m = make({});
  for (std::uint32_t month = 0; month < 6; ++month) run(*m, pop, 41, month);
  EXPECT_EQ(with_flag(pop, 0, kN, 1, care_flag::kWmo), kN);
}

TEST(Care, WmoEndsAtTheAnnualOutflowRate) {
  Population pop;
  singles(pop, kN, aged(50, 0, Role::Head, care_flag::kWmo));
  auto m = make({{"care.wmo_outflow_annual", {0.3}}});
  run(*m, pop, 42);
  const auto ended = kN - with_flag(pop, 0, kN, 1, care_flag::kWmo);
  EXPECT_TRUE(test::within_standard_errors(double(ended) / kN, monthly(0.3), kN)) << ended;
}

TEST(Care, JeugdhulpAndWmoAreIndependentFlags) {
  // A child in both keeps the Wmo flag when jeugdhulp ends and the other way round.
  Population pop;
  const auto kids =
      families(pop, kN, aged(12, 0, Role::Child, care_flag::kJeugdhulp | care_flag::kWmo), false);
  auto m = make({{"care.jeugdhulp_outflow_monthly", {1.0}}});
  run(*m, pop, 51);
  EXPECT_EQ(with_flag(pop, kids, kN, 2, care_flag::kJeugdhulp), 0u);
  EXPECT_EQ(with_flag(pop, kids, kN, 2, care_flag::kWmo), kN);
}

// ---------------------------------------------------------------------------------------------
// The vector path (where built) and the scalar path

TEST(Care, VectorAndScalarPathsAgree) {
  // All ages, both flags, poor and non-poor households and vacant slots, with rates high enough
  // that many draws fall between the thresholds the lookups can give.
  Population pop;
  test::TestSequence sequence(12345);
  auto next = [&sequence] { return sequence.next(); };
  for (int i = 0; i < 6000; ++i) {
    PersonRecord r = aged(static_cast<int>(next() % 101), static_cast<int>(next() % 12));
    r.care = static_cast<std::uint8_t>(next() % 4);
    const auto h = pop.add_household(0, {r});
    if (next() % 3 == 0) pop.hh_flags[h] |= household_flag::kPoor;
  }
  for (std::uint32_t p = 7; p < pop.person_slots(); p += 13) pop.vacate(p);
  std::vector<double> wmo(kMaxAge + 1);
  for (int a = 0; a <= kMaxAge; ++a) wmo[static_cast<std::size_t>(a)] = 0.002 * a;
  auto m = make({{"care.jeugdhulp_inflow_monthly", {0.1}},
                 {"care.jeugdhulp_poverty_factor", {2.5}},
                 {"care.jeugdhulp_outflow_monthly", {0.2}},
                 {"care.wmo_inflow_annual", wmo},
                 {"care.wmo_outflow_annual", {0.5}}});
  Population scalar = pop;
  for (std::uint32_t month = 0; month < 6; ++month) {
    set_care_vector_path(true);
    run(*m, pop, 61, month);
    set_care_vector_path(false);
    run(*m, scalar, 61, month);
    set_care_vector_path(true);
    ASSERT_EQ(pop.care, scalar.care) << "month " << month;
  }
}

}  // namespace
}  // namespace leidensim
