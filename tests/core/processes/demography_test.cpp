// Demography on its own: each transition with a zero rate (nothing happens) and with a known rate
// (the simulated monthly share within 4 standard errors of the analytic probability), and the
// serial application of the recorded events (population structure, flows).
#include "leidensim/processes/demography.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "leidensim/household_events.hpp"
#include "leidensim/indicators.hpp"
#include "leidensim/invariants.hpp"
#include "leidensim/model_spec.hpp"
#include "leidensim/rate_tables.hpp"
#include "support/test_model.hpp"

namespace leidensim {
namespace {

using Overrides = std::map<std::string, std::vector<double>>;

constexpr std::size_t kN = 20000;

/// An annual probability as a monthly one, computed here independently of the module.
double monthly(double annual) {
  return 1.0 - std::pow(1.0 - annual, 1.0 / 12.0);
}

std::vector<double> age_table(double value) {
  return std::vector<double>(kMaxAge + 1, value);
}
std::vector<double> age_table_at(int age, double value) {
  auto t = age_table(0.0);
  t[static_cast<std::size_t>(age)] = value;
  return t;
}

/// The data pack's parameters with every demographic rate at zero, then `extra` on top: a test
/// switches on only the transition it examines.
ParameterSet quiet(const Overrides& extra = {}) {
  Overrides o = {
      {"demography.mortality_annual_male", age_table(0.0)},
      {"demography.mortality_annual_female", age_table(0.0)},
      {"demography.fertility_annual", age_table(0.0)},
      {"demography.leaving_home_annual", age_table(0.0)},
      {"demography.partnering_annual", age_table(0.0)},
      {"demography.emigration_annual", age_table(0.0)},
      {"demography.separation_annual", {0.0}},
      {"demography.immigration_annual", {0.0}},
  };
  for (const auto& [name, values] : extra) o[name] = values;
  return test::parameters(o);
}

PersonRecord person(Sex sex, int years, Role role = Role::Head, int extra_months = 0) {
  PersonRecord r;
  r.sex = sex;
  r.role = role;
  r.age_months = static_cast<std::uint16_t>(12 * years + extra_months);
  r.labour = years >= 18 ? Labour::Employed : Labour::Child;
  return r;
}

/// Adds `n` households of the given members in `district`.
void add(Population& pop, std::size_t n, const std::vector<PersonRecord>& members,
         std::uint8_t district = 0) {
  for (std::size_t i = 0; i < n; ++i) pop.add_household(district, members);
}

/// The module; `base` only sets the size of in-migration (its persons), never the population run.
std::unique_ptr<Module> make(const ParameterSet& ps, Population base = {}, int districts = 1) {
  return test::create(demography_module(), test::model_with(std::move(base), ps, districts));
}

HouseholdEvents hazards(Module& m, Population& pop, const RandomKey& key, std::uint32_t month,
                        int districts = 1) {
  HouseholdEvents events;
  IndicatorCounts flows(districts);
  test::run_phase(m, kHazards, pop, key, month, flows, events);
  return events;
}

void transitions(Module& m, Population& pop, const RandomKey& key, std::uint32_t month,
                 HouseholdEvents& events, IndicatorCounts& flows) {
  MonthContext ctx;
  ctx.month = month;
  ctx.key = &key;
  LedgerCounts ledger;
  SerialContext sc{pop, ctx, events, flows, ledger};
  m.run_serial(kTransitions, sc);
}

template <class Pred>
std::size_t count_where(const std::vector<std::uint32_t>& slots, Pred pred) {
  std::size_t n = 0;
  for (auto s : slots) n += pred(s) ? 1 : 0;
  return n;
}

std::size_t households_of_type(const Population& pop, HouseholdType t) {
  std::size_t n = 0;
  for (std::uint32_t h = 0; h < pop.household_slots(); ++h)
    n += pop.household_present(h) && pop.hh_type[h] == t;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Ageing and the hazards phase in general

TEST(Demography, HazardsAgeEveryPresentPersonFirst) {
  // Ageing comes first in the hazards phase, so this month's draws see this month's age: a man of
  // 39 years and 11 months turns 40 and meets a certain death at 40.
  Population pop;
  add(pop, 100, {person(Sex::Male, 39, Role::Head, 11), person(Sex::Female, 38, Role::Partner)});
  pop.vacate(0);
  pop.refresh_household(0);
  auto m = make(quiet({{"demography.mortality_annual_male", age_table_at(40, 1.0)}}));
  const auto events = hazards(*m, pop, RandomKey(1, 0), 0);
  EXPECT_EQ(pop.age_months[0], 39 * 12 + 11);  // vacated: not aged, no event
  for (std::uint32_t p = 1; p < pop.person_slots(); ++p)
    EXPECT_EQ(pop.age_months[p], (p % 2 ? 38 * 12 : 40 * 12) + (p % 2 ? 1 : 0)) << p;
  EXPECT_EQ(events.deaths.size(), 99u);
  EXPECT_EQ(count_where(events.deaths, [&](auto p) { return pop.sex[p] == Sex::Male; }), 99u);
}

TEST(Demography, HazardsOnlyRecordEventsAndLeaveThePopulationUnchanged) {
  Population pop;
  add(pop, 2000,
      {person(Sex::Male, 30), person(Sex::Female, 30, Role::Partner),
       person(Sex::Female, 20, Role::Child)});
  auto ps = quiet({{"demography.mortality_annual_male", age_table(0.5)},
                   {"demography.fertility_annual", age_table(0.5)},
                   {"demography.leaving_home_annual", age_table(0.5)},
                   {"demography.emigration_annual", age_table(0.2)},
                   {"demography.separation_annual", {0.5}}});
  auto m = make(ps);
  const Population before = pop;
  const RandomKey key(11, 0);
  const auto events = hazards(*m, pop, key, 0);
  // Apart from ageing by one month, nothing changed: membership, roles, states are as before.
  for (std::uint32_t p = 0; p < pop.person_slots(); ++p)
    ASSERT_EQ(pop.age_months[p], before.age_months[p] + 1);
  pop.age_months = before.age_months;
  EXPECT_EQ(pop.hash(), before.hash());
  EXPECT_EQ(pop.persons(), before.persons());
  EXPECT_FALSE(events.deaths.empty());
  EXPECT_FALSE(events.births.empty());
  EXPECT_FALSE(events.leaving_home.empty());
  EXPECT_FALSE(events.emigrations.empty());
  EXPECT_FALSE(events.separations.empty());
}

// ---------------------------------------------------------------------------------------------
// Mortality

TEST(Demography, NoDeathsWhenMortalityIsZero) {
  Population pop = test::singles(kN / 2, person(Sex::Male, 90));
  add(pop, kN / 2, {person(Sex::Female, 90)});
  const RandomKey key(101, 0);
  // Control: the data pack's mortality kills 90-year-olds, so an empty result below means
  // something.
  {
    auto m = make(test::parameters());
    EXPECT_GT(hazards(*m, pop, key, 0).deaths.size(), 0u);
  }
  auto m = make(test::parameters({{"demography.mortality_annual_male", age_table(0.0)},
                                  {"demography.mortality_annual_female", age_table(0.0)}}));
  for (std::uint32_t month = 0; month < 6; ++month)
    EXPECT_TRUE(hazards(*m, pop, key, month).deaths.empty()) << "month " << month;
}

TEST(Demography, MortalityFollowsTheTableBySexAndAge) {
  Population pop = test::singles(kN, person(Sex::Male, 40, Role::Head, 6));
  add(pop, kN, {person(Sex::Female, 40, Role::Head, 6)});
  add(pop, kN, {person(Sex::Male, 41)});
  auto m = make(quiet({{"demography.mortality_annual_male", age_table_at(40, 0.3)},
                       {"demography.mortality_annual_female", age_table_at(40, 0.1)}}));
  const auto events = hazards(*m, pop, RandomKey(102, 0), 3);
  const auto men40 = count_where(
      events.deaths, [&](auto p) { return pop.sex[p] == Sex::Male && pop.age_years(p) == 40; });
  const auto women40 =
      count_where(events.deaths, [&](auto p) { return pop.sex[p] == Sex::Female; });
  const auto men41 = count_where(events.deaths, [&](auto p) { return pop.age_years(p) == 41; });
  EXPECT_TRUE(test::within_standard_errors(double(men40) / kN, monthly(0.3), kN)) << men40;
  EXPECT_TRUE(test::within_standard_errors(double(women40) / kN, monthly(0.1), kN)) << women40;
  EXPECT_EQ(men41, 0u);
}

TEST(Demography, ApplyingDeathsVacatesPersonsAndPromotesThePartner) {
  Population pop;
  add(pop, kN / 2, {person(Sex::Male, 70), person(Sex::Female, 70, Role::Partner)});
  auto m = make(quiet({{"demography.mortality_annual_male", age_table_at(70, 0.5)}}));
  const RandomKey key(103, 0);
  auto events = hazards(*m, pop, key, 0);
  const std::size_t deaths = events.deaths.size();
  EXPECT_TRUE(test::within_standard_errors(double(deaths) / (kN / 2), monthly(0.5), kN / 2));
  IndicatorCounts flows(1);
  transitions(*m, pop, key, 0, events, flows);
  EXPECT_EQ(flows.total(Indicator::Deaths), static_cast<std::int64_t>(deaths));
  EXPECT_EQ(pop.persons(), kN - deaths);
  EXPECT_EQ(pop.households(), kN / 2);
  for (auto p : events.deaths) {
    EXPECT_FALSE(pop.present(p));
    const auto h = pop.household[p];
    EXPECT_EQ(pop.hh_type[h], HouseholdType::Single);
    EXPECT_EQ(pop.hh_members[h], 1);
    EXPECT_EQ(pop.role[p + 1], Role::Head);  // the widow leads the household now
  }
  EXPECT_EQ(households_of_type(pop, HouseholdType::Single), deaths);
  EXPECT_NO_THROW(InvariantChecker::check_structure(pop, "after deaths"));
}

// ---------------------------------------------------------------------------------------------
// Births

TEST(Demography, NoBirthsWhenFertilityIsZero) {
  Population pop;
  add(pop, kN, {person(Sex::Male, 30), person(Sex::Female, 30, Role::Partner)});
  auto m = make(test::parameters({{"demography.fertility_annual", age_table(0.0)}}));
  for (std::uint32_t month = 0; month < 6; ++month)
    EXPECT_TRUE(hazards(*m, pop, RandomKey(201, 0), month).births.empty()) << "month " << month;
}

TEST(Demography, BirthsFollowTheFertilityTableWithAndWithoutPartner) {
  Population pop;
  add(pop, kN, {person(Sex::Male, 30), person(Sex::Female, 30, Role::Partner)});  // couples
  add(pop, kN, {person(Sex::Female, 30)});                                        // single women
  add(pop, kN, {person(Sex::Male, 31), person(Sex::Female, 31, Role::Partner)});  // other age
  auto m = make(quiet({{"demography.fertility_annual", age_table_at(30, 0.3)},
                       {"demography.fertility_single_factor", {0.5}}}));
  const auto events = hazards(*m, pop, RandomKey(202, 0), 0);
  const auto partnered = count_where(events.births, [&](auto p) {
    return pop.age_years(p) == 30 && pop.hh_type[pop.household[p]] == HouseholdType::CoupleNoKids;
  });
  const auto single = count_where(events.births, [&](auto p) {
    return pop.hh_type[pop.household[p]] == HouseholdType::Single;
  });
  const auto other_age = count_where(events.births, [&](auto p) { return pop.age_years(p) == 31; });
  const auto fathers = count_where(events.births, [&](auto p) { return pop.sex[p] == Sex::Male; });
  EXPECT_TRUE(test::within_standard_errors(double(partnered) / kN, monthly(0.3), kN)) << partnered;
  EXPECT_TRUE(test::within_standard_errors(double(single) / kN, monthly(0.15), kN)) << single;
  EXPECT_EQ(other_age, 0u);
  EXPECT_EQ(fathers, 0u);
}

TEST(Demography, ApplyingBirthsAddsABabyToTheMothersHousehold) {
  Population pop;
  add(pop, kN, {person(Sex::Male, 30), person(Sex::Female, 30, Role::Partner)});
  auto ps = quiet({{"demography.fertility_annual", age_table_at(30, 0.9)}});
  const double male_share = ps.scalar("demography.male_share_at_birth");
  auto m = make(ps);
  const RandomKey key(203, 0);
  auto events = hazards(*m, pop, key, 0);
  const std::size_t births = events.births.size();
  ASSERT_TRUE(test::within_standard_errors(double(births) / kN, monthly(0.9), kN)) << births;
  IndicatorCounts flows(1);
  transitions(*m, pop, key, 0, events, flows);
  EXPECT_EQ(flows.total(Indicator::Births), static_cast<std::int64_t>(births));
  EXPECT_EQ(pop.persons(), 2 * kN + births);
  EXPECT_EQ(pop.households(), kN);
  EXPECT_EQ(households_of_type(pop, HouseholdType::CoupleWithKids), births);
  std::size_t babies = 0, boys = 0;
  for (std::uint32_t p = 0; p < pop.person_slots(); ++p) {
    if (!pop.present(p) || pop.age_months[p] != 0) continue;
    ++babies;
    boys += pop.sex[p] == Sex::Male;
    EXPECT_EQ(pop.role[p], Role::Child);
    EXPECT_EQ(pop.hh_type[pop.household[p]], HouseholdType::CoupleWithKids);
  }
  EXPECT_EQ(babies, births);
  EXPECT_TRUE(test::within_standard_errors(double(boys) / births, male_share, births)) << boys;
  EXPECT_NO_THROW(InvariantChecker::check_structure(pop, "after births"));
}

// Partnering runs before births and moves women to other slots (a single mother's household is
// rebuilt, a single woman moves into a new couple household); their births must still happen.
TEST(Demography, BirthsOfWomenWhoPartnerInTheSameMonthAreNotLost) {
  Population pop;
  add(pop, 200, {person(Sex::Female, 30), person(Sex::Male, 5, Role::Child)});  // single mothers
  add(pop, 200, {person(Sex::Male, 31)});
  auto m = make(quiet({{"demography.fertility_annual", age_table_at(30, 1.0)},
                       {"demography.fertility_single_factor", {1.0}},
                       {"demography.partnering_annual", age_table(1.0)}}));
  const RandomKey key(204, 0);
  auto events = hazards(*m, pop, key, 0);
  ASSERT_EQ(events.births.size(), 200u);
  ASSERT_EQ(events.partner_seekers.size(), 400u);
  IndicatorCounts flows(1);
  transitions(*m, pop, key, 0, events, flows);
  EXPECT_EQ(households_of_type(pop, HouseholdType::CoupleWithKids), 200u);
  EXPECT_EQ(flows.total(Indicator::Births), 200);
  EXPECT_EQ(pop.persons(), 800u);
}

// ---------------------------------------------------------------------------------------------
// Leaving home

TEST(Demography, NoOneLeavesHomeWhenTheRateIsZero) {
  Population pop;
  add(pop, kN, {person(Sex::Female, 50), person(Sex::Male, 20, Role::Child)});
  auto m = make(test::parameters({{"demography.leaving_home_annual", age_table(0.0)}}));
  for (std::uint32_t month = 0; month < 6; ++month)
    EXPECT_TRUE(hazards(*m, pop, RandomKey(301, 0), month).leaving_home.empty());
}

TEST(Demography, AdultChildrenLeaveHomeAtTheTableRate) {
  Population pop;
  add(pop, kN, {person(Sex::Female, 50), person(Sex::Male, 20, Role::Child)});
  add(pop, kN, {person(Sex::Male, 20)});  // already on their own: a head never "leaves home"
  auto m = make(quiet({{"demography.leaving_home_annual", age_table_at(20, 0.3)}}));
  const RandomKey key(302, 0);
  auto events = hazards(*m, pop, key, 0);
  const std::size_t leavers = events.leaving_home.size();
  EXPECT_EQ(count_where(events.leaving_home, [&](auto p) { return pop.role[p] != Role::Child; }),
            0u);
  EXPECT_TRUE(test::within_standard_errors(double(leavers) / kN, monthly(0.3), kN)) << leavers;

  IndicatorCounts flows(1);
  std::vector<std::uint32_t> ids;
  for (auto p : events.leaving_home) ids.push_back(pop.id[p]);
  transitions(*m, pop, key, 0, events, flows);
  EXPECT_EQ(pop.persons(), 3 * kN);
  EXPECT_EQ(pop.households(), 2 * kN + leavers);
  EXPECT_EQ(households_of_type(pop, HouseholdType::SingleParent), kN - leavers);
  EXPECT_EQ(households_of_type(pop, HouseholdType::Single), kN + 2 * leavers);
  std::size_t found = 0;
  for (std::uint32_t p = pop.person_slots() - leavers; p < pop.person_slots(); ++p) {
    EXPECT_EQ(pop.role[p], Role::Head);
    EXPECT_EQ(pop.hh_members[pop.household[p]], 1);
    found += std::find(ids.begin(), ids.end(), pop.id[p]) != ids.end();
  }
  EXPECT_EQ(found, leavers);
  EXPECT_NO_THROW(InvariantChecker::check_structure(pop, "after leaving home"));
}

// ---------------------------------------------------------------------------------------------
// Separation

TEST(Demography, NoSeparationsWhenTheRateIsZero) {
  Population pop;
  add(pop, kN, {person(Sex::Male, 35), person(Sex::Female, 35, Role::Partner)});
  auto m = make(test::parameters({{"demography.separation_annual", {0.0}}}));
  for (std::uint32_t month = 0; month < 6; ++month)
    EXPECT_TRUE(hazards(*m, pop, RandomKey(401, 0), month).separations.empty());
}

TEST(Demography, CouplesSeparateAtTheAnnualRateAndSinglesNever) {
  Population pop;
  add(pop, kN, {person(Sex::Male, 35), person(Sex::Female, 35, Role::Partner)});
  add(pop, kN, {person(Sex::Female, 35)});
  auto m = make(quiet({{"demography.separation_annual", {0.3}}}));
  const auto events = hazards(*m, pop, RandomKey(402, 0), 0);
  const auto couples = count_where(
      events.separations, [&](auto h) { return pop.hh_type[h] == HouseholdType::CoupleNoKids; });
  EXPECT_EQ(couples, events.separations.size());
  EXPECT_TRUE(test::within_standard_errors(double(couples) / kN, monthly(0.3), kN)) << couples;
}

TEST(Demography, OnSeparationTheManMovesOutAndTheChildrenStayWithTheirMother) {
  Population pop;
  add(pop, kN / 2,
      {person(Sex::Male, 35), person(Sex::Female, 35, Role::Partner),
       person(Sex::Female, 5, Role::Child)});
  auto m = make(quiet({{"demography.separation_annual", {0.3}}}));
  const RandomKey key(403, 0);
  auto events = hazards(*m, pop, key, 0);
  const std::size_t separations = events.separations.size();
  ASSERT_GT(separations, 0u);
  const auto separated = events.separations;
  IndicatorCounts flows(1);
  transitions(*m, pop, key, 0, events, flows);
  EXPECT_EQ(pop.persons(), 3 * (kN / 2));
  EXPECT_EQ(pop.households(), kN / 2 + separations);
  for (auto h : separated) {
    EXPECT_EQ(pop.hh_type[h], HouseholdType::SingleParent);
    const auto members = pop.members(h);
    ASSERT_EQ(members.size(), 2u);
    for (auto p : members) {
      EXPECT_EQ(pop.sex[p], Sex::Female);
      if (pop.role[p] == Role::Head) {
        EXPECT_EQ(pop.age_years(p), 35u);
      }
    }
  }
  std::size_t lone_men = 0;
  for (std::uint32_t h = 0; h < pop.household_slots(); ++h)
    if (pop.household_present(h) && pop.hh_type[h] == HouseholdType::Single)
      lone_men += pop.sex[pop.members(h).front()] == Sex::Male;
  EXPECT_EQ(lone_men, separations);
  EXPECT_NO_THROW(InvariantChecker::check_structure(pop, "after separations"));
}

// ---------------------------------------------------------------------------------------------
// Emigration

TEST(Demography, NoEmigrationWhenTheRateIsZero) {
  Population pop = test::singles(kN, person(Sex::Male, 25));
  auto m = make(test::parameters({{"demography.emigration_annual", age_table(0.0)}}));
  for (std::uint32_t month = 0; month < 6; ++month)
    EXPECT_TRUE(hazards(*m, pop, RandomKey(501, 0), month).emigrations.empty());
}

TEST(Demography, WholeHouseholdsEmigrateByTheHeadsAge) {
  Population pop;
  add(pop, kN, {person(Sex::Male, 25)});
  add(pop, kN, {person(Sex::Male, 25), person(Sex::Female, 60, Role::Partner)});
  add(pop, kN, {person(Sex::Male, 60), person(Sex::Female, 25, Role::Partner)});
  auto m = make(quiet({{"demography.emigration_annual", age_table_at(25, 0.3)}}));
  const RandomKey key(502, 0);
  auto events = hazards(*m, pop, key, 0);
  std::size_t singles = 0, young_head = 0, old_head = 0;
  for (auto h : events.emigrations) {
    if (h < kN)
      ++singles;
    else if (h < 2 * kN)
      ++young_head;
    else
      ++old_head;
  }
  EXPECT_TRUE(test::within_standard_errors(double(singles) / kN, monthly(0.3), kN)) << singles;
  EXPECT_TRUE(test::within_standard_errors(double(young_head) / kN, monthly(0.3), kN))
      << young_head;
  EXPECT_EQ(old_head, 0u);

  IndicatorCounts flows(1);
  const auto emigrating = events.emigrations;
  transitions(*m, pop, key, 0, events, flows);
  const std::size_t persons_out = singles + 2 * young_head;
  EXPECT_EQ(flows.total(Indicator::Emigrants), static_cast<std::int64_t>(persons_out));
  EXPECT_EQ(pop.persons(), 5 * kN - persons_out);
  EXPECT_EQ(pop.households(), 3 * kN - singles - young_head);
  for (auto h : emigrating) EXPECT_FALSE(pop.household_present(h));
  EXPECT_NO_THROW(InvariantChecker::check_structure(pop, "after emigration"));
}

// ---------------------------------------------------------------------------------------------
// Partnering

TEST(Demography, NoOneSeeksAPartnerWhenTheRateIsZero) {
  Population pop = test::singles(kN, person(Sex::Female, 30));
  auto m = make(test::parameters({{"demography.partnering_annual", age_table(0.0)}}));
  for (std::uint32_t month = 0; month < 6; ++month)
    EXPECT_TRUE(hazards(*m, pop, RandomKey(601, 0), month).partner_seekers.empty());
}

TEST(Demography, SinglesSeekAPartnerAtTheTableRateAndCouplesDoNot) {
  Population pop = test::singles(kN, person(Sex::Male, 30));
  add(pop, kN, {person(Sex::Female, 30)});
  add(pop, kN / 4, {person(Sex::Male, 30), person(Sex::Female, 30, Role::Partner)});
  add(pop, kN / 4, {person(Sex::Female, 17)});  // too young, whatever the table says
  auto m = make(quiet({{"demography.partnering_annual", [] {
                          auto t = age_table_at(30, 0.3);
                          t[17] = 1.0;
                          return t;
                        }()}}));
  const auto events = hazards(*m, pop, RandomKey(602, 0), 0);
  const auto men = count_where(events.partner_seekers, [&](auto p) { return p < kN; });
  const auto women =
      count_where(events.partner_seekers, [&](auto p) { return p >= kN && p < 2 * kN; });
  EXPECT_TRUE(test::within_standard_errors(double(men) / kN, monthly(0.3), kN)) << men;
  EXPECT_TRUE(test::within_standard_errors(double(women) / kN, monthly(0.3), kN)) << women;
  EXPECT_EQ(men + women, events.partner_seekers.size());  // no partner, no 17-year-old
}

TEST(Demography, SeekersInTheSameDistrictAndAgeBandFormCouples) {
  Population pop = test::singles(1000, person(Sex::Male, 30));
  add(pop, 600, {person(Sex::Female, 34, Role::Head, 6)});  // same five-year band 30-34
  auto m = make(quiet({{"demography.partnering_annual", age_table(1.0)}}));
  const RandomKey key(603, 0);
  auto events = hazards(*m, pop, key, 0);
  ASSERT_EQ(events.partner_seekers.size(), 1600u);
  IndicatorCounts flows(1);
  transitions(*m, pop, key, 0, events, flows);
  EXPECT_EQ(pop.persons(), 1600u);
  EXPECT_EQ(pop.households(), 1000u);
  EXPECT_EQ(households_of_type(pop, HouseholdType::CoupleNoKids), 600u);
  std::size_t lone_men = 0;
  for (std::uint32_t h = 0; h < pop.household_slots(); ++h) {
    if (!pop.household_present(h)) continue;
    const auto members = pop.members(h);
    if (pop.hh_type[h] == HouseholdType::Single) {
      lone_men += pop.sex[members.front()] == Sex::Male;
      continue;
    }
    ASSERT_EQ(members.size(), 2u);
    for (auto p : members) {
      EXPECT_EQ(pop.role[p], pop.sex[p] == Sex::Female ? Role::Head : Role::Partner);
    }
  }
  EXPECT_EQ(lone_men, 400u);
  EXPECT_NO_THROW(InvariantChecker::check_structure(pop, "after partnering"));
}

TEST(Demography, APartnerMovesInWithASingleParentButTwoFamiliesNeverMerge) {
  Population pop;
  add(pop, 300, {person(Sex::Female, 32), person(Sex::Male, 5, Role::Child)});  // single mothers
  add(pop, 300, {person(Sex::Male, 31)});
  add(pop, 200, {person(Sex::Male, 44), person(Sex::Female, 8, Role::Child)}, 1);    // fathers
  add(pop, 200, {person(Sex::Female, 42), person(Sex::Female, 9, Role::Child)}, 1);  // mothers
  auto m = make(quiet({{"demography.partnering_annual", age_table(1.0)}}), Population{}, 2);
  const RandomKey key(605, 0);
  auto events = hazards(*m, pop, key, 0, 2);
  ASSERT_EQ(events.partner_seekers.size(), 1000u);
  IndicatorCounts flows(2);
  transitions(*m, pop, key, 0, events, flows);
  EXPECT_EQ(pop.persons(), 1700u);
  EXPECT_EQ(pop.households(), 700u);
  std::size_t families_by_district[2] = {0, 0}, single_parents_by_district[2] = {0, 0};
  for (std::uint32_t h = 0; h < pop.household_slots(); ++h) {
    if (!pop.household_present(h)) continue;
    if (pop.hh_type[h] == HouseholdType::SingleParent)
      ++single_parents_by_district[pop.hh_district[h]];
    if (pop.hh_type[h] != HouseholdType::CoupleWithKids) continue;
    ++families_by_district[pop.hh_district[h]];
    for (auto p : pop.members(h)) {
      const Role expected = pop.age_years(p) < 18       ? Role::Child
                            : pop.sex[p] == Sex::Female ? Role::Head
                                                        : Role::Partner;
      EXPECT_EQ(pop.role[p], expected);
    }
  }
  EXPECT_EQ(families_by_district[0], 300u);
  EXPECT_EQ(families_by_district[1], 0u);  // a single father and a single mother stay apart
  EXPECT_EQ(single_parents_by_district[1], 400u);
  EXPECT_NO_THROW(InvariantChecker::check_structure(pop, "after partnering"));
}

TEST(Demography, SeekersInDifferentDistrictsOrAgeBandsNeverPair) {
  Population pop;
  add(pop, 500, {person(Sex::Male, 30)}, 0);
  add(pop, 500, {person(Sex::Male, 30)}, 1);
  add(pop, 500, {person(Sex::Male, 35)}, 2);  // band 35-39
  add(pop, 500, {person(Sex::Female, 30)}, 0);
  add(pop, 500, {person(Sex::Female, 34)}, 2);  // band 30-34
  auto m = make(quiet({{"demography.partnering_annual", age_table(1.0)}}), Population{}, 3);
  const RandomKey key(604, 0);
  auto events = hazards(*m, pop, key, 0, 3);
  ASSERT_EQ(events.partner_seekers.size(), 2500u);
  IndicatorCounts flows(3);
  transitions(*m, pop, key, 0, events, flows);
  EXPECT_EQ(pop.persons(), 2500u);
  EXPECT_EQ(pop.households(), 2000u);
  std::size_t couples_by_district[3] = {0, 0, 0};
  for (std::uint32_t h = 0; h < pop.household_slots(); ++h) {
    if (!pop.household_present(h) || pop.hh_type[h] != HouseholdType::CoupleNoKids) continue;
    ++couples_by_district[pop.hh_district[h]];
    for (auto p : pop.members(h)) EXPECT_EQ(pop.age_years(p), 30u);
  }
  // Only the 500 men and 500 women of district 0 share a (district, band) bucket.
  EXPECT_EQ(couples_by_district[0], 500u);
  EXPECT_EQ(couples_by_district[1], 0u);
  EXPECT_EQ(couples_by_district[2], 0u);
  EXPECT_NO_THROW(InvariantChecker::check_structure(pop, "after partnering"));
}

// ---------------------------------------------------------------------------------------------
// In-migration (serial transitions phase)

TEST(Demography, NoOneSettlesWhenImmigrationIsZero) {
  Population pop = test::singles(12000, person(Sex::Male, 40));
  auto m = make(test::parameters({{"demography.immigration_annual", {0.0}}}), pop);
  const RandomKey key(701, 0);
  for (std::uint32_t month = 0; month < 24; ++month) {
    HouseholdEvents none;
    IndicatorCounts flows(1);
    transitions(*m, pop, key, month, none, flows);
    EXPECT_EQ(flows.total(Indicator::Immigrants), 0);
  }
  EXPECT_EQ(pop.persons(), 12000u);
  EXPECT_EQ(pop.households(), 12000u);
}

TEST(Demography, ImmigrationAddsAGrowingExpectedNumberOfPersonsEachMonth) {
  Population pop = test::singles(12000, person(Sex::Male, 40));
  const double annual = 0.1, growth = 0.05;
  auto m = make(test::parameters({{"demography.immigration_annual", {annual}},
                                  {"demography.immigration_growth_annual", {growth}}}),
                pop);
  const RandomKey key(702, 0);
  double expected_total = 0, variance = 0;
  std::int64_t total = 0;
  for (std::uint32_t month = 0; month < 60; ++month) {
    const double expected = annual * 12000 / 12.0 * std::pow(1.0 + growth, month / 12.0);
    const std::size_t before = pop.persons();
    HouseholdEvents none;
    IndicatorCounts flows(1);
    transitions(*m, pop, key, month, none, flows);
    const auto added = static_cast<std::int64_t>(pop.persons() - before);
    // One-person households: the count is the expected value rounded at random, up or down.
    EXPECT_GE(added, static_cast<std::int64_t>(std::floor(expected))) << "month " << month;
    EXPECT_LE(added, static_cast<std::int64_t>(std::ceil(expected))) << "month " << month;
    EXPECT_EQ(flows.total(Indicator::Immigrants), added);
    const double frac = expected - std::floor(expected);
    expected_total += expected;
    variance += frac * (1 - frac);
    total += added;
  }
  EXPECT_LE(std::abs(double(total) - expected_total), 4 * std::sqrt(variance) + 1e-9)
      << total << " vs " << expected_total;
  EXPECT_NO_THROW(InvariantChecker::check_structure(pop, "after immigration"));
}

TEST(Demography, InMigrantsCopyResidentHouseholdsFavouringYoungOnes) {
  Population pop = test::singles(12000, person(Sex::Female, 25));  // district 0, young heads
  add(pop, 12000, {person(Sex::Male, 50), person(Sex::Female, 50, Role::Partner)}, 1);
  const double young_share = 0.7;
  auto m = make(test::parameters({{"demography.immigration_annual", {1.0}},
                                  {"demography.immigration_young_share", {young_share}}}),
                pop, 2);
  const RandomKey key(703, 0);
  const std::size_t households_before = pop.households();
  HouseholdEvents none;
  IndicatorCounts flows(2);
  transitions(*m, pop, key, 0, none, flows);
  const std::size_t arrivals = pop.households() - households_before;
  std::size_t young = 0;
  for (std::uint32_t h = static_cast<std::uint32_t>(households_before); h < pop.household_slots();
       ++h) {
    const auto members = pop.members(h);
    if (pop.hh_district[h] == 0) {
      ++young;
      ASSERT_EQ(members.size(), 1u);
      EXPECT_EQ(pop.age_years(members[0]), 25u);
    } else {
      EXPECT_EQ(pop.hh_type[h], HouseholdType::CoupleNoKids);
    }
  }
  // Young pool with probability 0.7, otherwise any household (half of them young).
  const double p_young = young_share + (1 - young_share) * 0.5;
  EXPECT_TRUE(test::within_standard_errors(double(young) / arrivals, p_young, arrivals))
      << young << " of " << arrivals;
  EXPECT_EQ(flows.at(0, Indicator::Immigrants), static_cast<std::int64_t>(young));
  EXPECT_EQ(flows.at(1, Indicator::Immigrants), static_cast<std::int64_t>(2 * (arrivals - young)));
  // 36,000 base persons x 1.0 / 12 = 3,000 persons; the last household may overshoot by one.
  const auto persons_in = flows.total(Indicator::Immigrants);
  EXPECT_GE(persons_in, 3000);
  EXPECT_LE(persons_in, 3001);
  EXPECT_NO_THROW(InvariantChecker::check_structure(pop, "after immigration"));
}

// ---------------------------------------------------------------------------------------------
// A whole month at the data pack's rates keeps every invariant.

TEST(Demography, FullMonthsAtDataPackRatesKeepInvariantsAndConservePersons) {
  Population pop;
  add(pop, 1500,
      {person(Sex::Male, 42), person(Sex::Female, 40, Role::Partner),
       person(Sex::Female, 10, Role::Child), person(Sex::Male, 21, Role::Child)});
  add(pop, 1500, {person(Sex::Male, 28), person(Sex::Female, 27, Role::Partner)});
  add(pop, 1500, {person(Sex::Female, 33), person(Sex::Male, 4, Role::Child)});
  add(pop, 1500, {person(Sex::Female, 24)});
  add(pop, 1500, {person(Sex::Male, 27)});
  add(pop, 1000, {person(Sex::Male, 85)});
  // Strong rates so that every kind of event happens often.
  auto ps = test::parameters(
      {{"demography.separation_annual", {0.2}}, {"demography.partnering_annual", age_table(0.5)}});
  auto m = make(ps, pop);
  const RandomKey key(801, 0);
  std::int64_t kinds_seen[4] = {0, 0, 0, 0};
  for (std::uint32_t month = 0; month < 12; ++month) {
    InvariantChecker checker;
    checker.before_month(pop);
    HouseholdEvents events;
    IndicatorCounts flows(1);
    test::run_phase(*m, kHazards, pop, key, month, flows, events);
    transitions(*m, pop, key, month, events, flows);
    for (const Block& b : pop.partition(1024)) count_stocks(pop, b, flows);
    ASSERT_NO_THROW(checker.after_month(pop, flows, static_cast<int>(month))) << month;
    kinds_seen[0] += flows.total(Indicator::Births);
    kinds_seen[1] += flows.total(Indicator::Deaths);
    kinds_seen[2] += flows.total(Indicator::Immigrants);
    kinds_seen[3] += flows.total(Indicator::Emigrants);
  }
  for (auto k : kinds_seen) EXPECT_GT(k, 0);
}

// ---------------------------------------------------------------------------------------------
// The vector path of the person pass (where built) and the scalar path

TEST(Demography, VectorAndScalarPersonPassesAgree) {
  // Both sexes, every role, ages up to and past the tables' last age (and the 16-bit limit),
  // vacant slots; the data pack's tables with raised rates so that every event fires often.
  Population pop;
  test::TestSequence sequence(31337);
  auto next = [&sequence] { return sequence.next(); };
  for (int i = 0; i < 8000; ++i) {
    std::vector<PersonRecord> members(1 + next() % 4);
    for (std::size_t j = 0; j < members.size(); ++j) {
      PersonRecord& r = members[j];
      r.role = static_cast<Role>(j == 0 ? 0 : 1 + next() % 3);
      r.sex = next() % 2 ? Sex::Female : Sex::Male;
      r.age_months =
          static_cast<std::uint16_t>(next() % 7 == 0 ? 0xFFFF - next() % 3 : next() % (120 * 12));
    }
    pop.add_household(0, members);
  }
  for (std::uint32_t p = 4; p < pop.person_slots(); p += 23) pop.vacate(p);
  std::vector<double> high(kMaxAge + 1);
  for (int a = 0; a <= kMaxAge; ++a) high[static_cast<std::size_t>(a)] = 0.05 + 0.004 * a;
  const auto m = make(test::parameters({{"demography.mortality_annual_male", high},
                                        {"demography.mortality_annual_female", high},
                                        {"demography.fertility_annual", high},
                                        {"demography.leaving_home_annual", high},
                                        {"demography.partnering_annual", high}}));
  Population scalar = pop;
  for (std::uint32_t month = 0; month < 4; ++month) {
    const RandomKey key(5, 0);
    set_demography_vector_path(true);
    const HouseholdEvents v = hazards(*m, pop, key, month);
    set_demography_vector_path(false);
    const HouseholdEvents s = hazards(*m, scalar, key, month);
    set_demography_vector_path(true);
    ASSERT_EQ(pop.age_months, scalar.age_months) << "month " << month;
    ASSERT_EQ(v.deaths, s.deaths) << "month " << month;
    ASSERT_EQ(v.births, s.births) << "month " << month;
    ASSERT_EQ(v.leaving_home, s.leaving_home) << "month " << month;
    ASSERT_EQ(v.partner_seekers, s.partner_seekers) << "month " << month;
    ASSERT_EQ(v.emigrations, s.emigrations) << "month " << month;
    ASSERT_EQ(v.separations, s.separations) << "month " << month;
    ASSERT_FALSE(v.deaths.empty());
  }
}

}  // namespace
}  // namespace leidensim
