// Labour and benefits on their own: job loss (and WW eligibility), job finding by level and
// literacy, bijstand inflow for poor household heads, bijstand outflow by duration band and the
// exits to work, WW exhaustion, disability, inactivity and retirement at pension age.
#include "leidensim/processes/labour.hpp"

#include <gtest/gtest.h>

#include <cmath>
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

double monthly(double annual) {
  return 1.0 - std::pow(1.0 - annual, 1.0 / 12.0);
}

/// Every labour transition at zero, then `extra` on top.
Overrides quiet(const Overrides& extra = {}) {
  Overrides o = {
      {"labour.job_loss_monthly", {0.0}},
      {"labour.job_finding_monthly", {0.0}},
      {"labour.inactive_job_finding_monthly", {0.0}},
      {"labour.employed_to_inactive_monthly", {0.0}},
      {"labour.bijstand_inflow_monthly", {0.0}},
      {"labour.bijstand_outflow", {0.0, 0.0, 0.0}},
      {"labour.disability_inflow_annual", {0.0}},
      {"labour.disability_outflow_annual", {0.0}},
  };
  for (const auto& [name, values] : extra) o[name] = values;
  return o;
}

std::unique_ptr<Module> make(const Overrides& overrides) {
  return test::create(labour_module(), test::model_with(Population{}, test::parameters(overrides)));
}

PersonRecord adult(Labour s, Benefit b = Benefit::None, int years = 40) {
  PersonRecord r;
  r.age_months = static_cast<std::uint16_t>(12 * years);
  r.labour = s;
  r.benefit = b;
  r.edu_level = EduLevel::Qualified;
  r.labour_months = 12;
  r.wage_cents = 250000;
  return r;
}

/// Appends `n` households of `members`, flagged poor if asked; returns the first person slot.
std::uint32_t add(Population& pop, std::size_t n, const std::vector<PersonRecord>& members,
                  bool poor = false) {
  const auto first = static_cast<std::uint32_t>(pop.person_slots());
  for (std::size_t i = 0; i < n; ++i) {
    const auto h = pop.add_household(0, members);
    if (poor) pop.hh_flags[h] |= household_flag::kPoor;
  }
  return first;
}

void run(Module& m, Population& pop, std::uint64_t seed, std::uint32_t month = 0) {
  IndicatorCounts flows(1);
  HouseholdEvents events;
  test::run_phase(m, kHazards, pop, RandomKey(seed, 0), month, flows, events);
}

/// Persons of slots [begin, begin + n) (every `stride`-th) for which `pred` holds.
template <class Pred>
std::size_t count_range(std::uint32_t begin, std::size_t n, Pred pred, std::uint32_t stride = 1) {
  std::size_t k = 0;
  for (std::size_t i = 0; i < n; ++i) k += pred(begin + static_cast<std::uint32_t>(i) * stride);
  return k;
}

// ---------------------------------------------------------------------------------------------
// Job loss and WW eligibility

TEST(Labour, NoJobLossWhenTheRateIsZero) {
  Population pop;
  add(pop, kN, {adult(Labour::Employed)});
  // Other rates as in the data pack, except the way back from disability, so that job loss is
  // the only road to unemployment.
  auto m = make({{"labour.job_loss_monthly", {0.0}}, {"labour.disability_outflow_annual", {0.0}}});
  for (std::uint32_t month = 0; month < 6; ++month) run(*m, pop, 11, month);
  EXPECT_EQ(count_range(0, kN, [&](auto p) { return pop.labour[p] == Labour::Unemployed; }), 0u);
  EXPECT_EQ(count_range(0, kN, [&](auto p) { return pop.benefit[p] == Benefit::WW; }), 0u);
}

TEST(Labour, JobLossAtTheMonthlyRateWithWwAfterEnoughMonthsOfWork) {
  Population pop;
  // labour_months counts the completed months before this one: with 5, this is the sixth month
  // of work, exactly ww_min_employment_months.
  PersonRecord long_tenure = adult(Labour::Employed);
  long_tenure.labour_months = 5;
  PersonRecord short_tenure = adult(Labour::Employed);
  short_tenure.labour_months = 4;
  const auto eligible = add(pop, kN, {long_tenure});
  const auto not_eligible = add(pop, kN, {short_tenure});
  auto m =
      make(quiet({{"labour.job_loss_monthly", {0.1}}, {"labour.ww_min_employment_months", {6}}}));
  run(*m, pop, 12);
  auto lost = [&](std::uint32_t p) { return pop.labour[p] == Labour::Unemployed; };
  const auto lost_eligible = count_range(eligible, kN, lost);
  const auto lost_not_eligible = count_range(not_eligible, kN, lost);
  EXPECT_TRUE(test::within_standard_errors(double(lost_eligible) / kN, 0.1, kN)) << lost_eligible;
  EXPECT_TRUE(test::within_standard_errors(double(lost_not_eligible) / kN, 0.1, kN))
      << lost_not_eligible;
  for (std::uint32_t p = 0; p < 2 * kN; ++p) {
    if (lost(p)) {
      ASSERT_EQ(pop.benefit[p], p < not_eligible ? Benefit::WW : Benefit::None) << p;
      ASSERT_EQ(pop.labour_months[p], 0);
      ASSERT_EQ(pop.benefit_months[p], 0);
    } else {
      ASSERT_EQ(pop.labour[p], Labour::Employed);
      ASSERT_EQ(pop.labour_months[p], p < not_eligible ? 6 : 5);  // one more month of work
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Job finding: base rate x level factor x literacy factor

TEST(Labour, NoJobFindingWhenTheRateIsZero) {
  Population pop;
  add(pop, kN, {adult(Labour::Unemployed)});
  auto m = make({{"labour.job_finding_monthly", {0.0}}});
  for (std::uint32_t month = 0; month < 6; ++month) run(*m, pop, 21, month);
  EXPECT_EQ(count_range(0, kN, [&](auto p) { return pop.labour[p] == Labour::Employed; }), 0u);
}

TEST(Labour, JobFindingScalesWithEducationLevelAndLiteracy) {
  const std::vector<double> level_factor = {0.5, 0.7, 1.0, 1.3};
  const double literacy_factor = 0.6, base = 0.1;
  Population pop;
  std::uint32_t first[4][2];
  for (int level = 0; level < 4; ++level) {
    for (int low_lit = 0; low_lit < 2; ++low_lit) {
      PersonRecord r = adult(Labour::Unemployed);
      r.edu_level = static_cast<EduLevel>(level);
      r.wage_cents = 0;
      if (low_lit) r.flags |= person_flag::kLowLiteracy;
      first[level][low_lit] = add(pop, kN, {r});
    }
  }
  auto m = make(quiet({{"labour.job_finding_monthly", {base}},
                       {"labour.job_finding_factor_by_level", level_factor},
                       {"labour.low_literacy_job_finding_factor", {literacy_factor}}}));
  run(*m, pop, 22);
  for (int level = 0; level < 4; ++level) {
    for (int low_lit = 0; low_lit < 2; ++low_lit) {
      const double p = base * level_factor[level] * (low_lit ? literacy_factor : 1.0);
      const auto found = count_range(first[level][low_lit], kN,
                                     [&](auto q) { return pop.labour[q] == Labour::Employed; });
      EXPECT_TRUE(test::within_standard_errors(double(found) / kN, p, kN))
          << "level " << level << " low literacy " << low_lit << ": " << found;
    }
  }
  for (std::uint32_t q = 0; q < pop.person_slots(); ++q) {
    if (pop.labour[q] != Labour::Employed) continue;
    ASSERT_EQ(pop.benefit[q], Benefit::None);
    ASSERT_EQ(pop.labour_months[q], 0);
    ASSERT_GT(pop.wage_cents[q], 0);  // a wage is drawn at the job start
  }
}

TEST(Labour, InactivityDisabilityAndTheirExitsAtTheirRates) {
  Population pop;
  const auto employed = add(pop, kN, {adult(Labour::Employed)});
  const auto inactive = add(pop, kN, {adult(Labour::Inactive)});
  const auto disabled = add(pop, kN, {adult(Labour::Disabled, Benefit::Disability)});
  {
    auto m = make(quiet({{"labour.employed_to_inactive_monthly", {0.1}},
                         {"labour.inactive_job_finding_monthly", {0.05}},
                         {"labour.disability_outflow_annual", {0.3}}}));
    run(*m, pop, 23);
  }
  const auto to_inactive =
      count_range(employed, kN, [&](auto p) { return pop.labour[p] == Labour::Inactive; });
  const auto to_work =
      count_range(inactive, kN, [&](auto p) { return pop.labour[p] == Labour::Employed; });
  const auto recovered = count_range(disabled, kN, [&](auto p) {
    return pop.labour[p] == Labour::Unemployed && pop.benefit[p] == Benefit::None;
  });
  EXPECT_TRUE(test::within_standard_errors(double(to_inactive) / kN, 0.1, kN)) << to_inactive;
  EXPECT_TRUE(test::within_standard_errors(double(to_work) / kN, 0.05, kN)) << to_work;
  EXPECT_TRUE(test::within_standard_errors(double(recovered) / kN, monthly(0.3), kN)) << recovered;

  Population workers;
  add(workers, kN, {adult(Labour::Employed)});
  auto m = make(quiet({{"labour.disability_inflow_annual", {0.3}}}));
  run(*m, workers, 24);
  const auto newly_disabled = count_range(0, kN, [&](auto p) {
    return workers.labour[p] == Labour::Disabled && workers.benefit[p] == Benefit::Disability;
  });
  EXPECT_TRUE(test::within_standard_errors(double(newly_disabled) / kN, monthly(0.3), kN))
      << newly_disabled;
}

// ---------------------------------------------------------------------------------------------
// Bijstand inflow: only household heads without work or benefit, in a poor household

TEST(Labour, NoBijstandInflowWhenTheRateIsZero) {
  Population pop;
  add(pop, kN, {adult(Labour::Unemployed)}, /*poor=*/true);
  auto m = make({{"labour.bijstand_inflow_monthly", {0.0}}});
  for (std::uint32_t month = 0; month < 6; ++month) run(*m, pop, 31, month);
  EXPECT_EQ(count_range(0, kN, [&](auto p) { return pop.benefit[p] == Benefit::Bijstand; }), 0u);
}

TEST(Labour, BijstandInflowOnlyForPoorHouseholdHeadsWithoutWorkOrBenefit) {
  Population pop;
  const auto poor_unemployed = add(pop, kN, {adult(Labour::Unemployed)}, true);
  const auto poor_inactive = add(pop, kN, {adult(Labour::Inactive)}, true);
  const auto not_poor = add(pop, kN / 4, {adult(Labour::Unemployed)}, false);
  const auto partners = add(pop, kN / 4,
                            {adult(Labour::Employed),
                             [] {
                               PersonRecord r = adult(Labour::Unemployed);
                               r.role = Role::Partner;
                               return r;
                             }()},
                            true);
  const auto minors = add(pop, kN / 4, {adult(Labour::Unemployed, Benefit::None, 17)}, true);
  const auto on_ww = add(pop, kN / 4, {adult(Labour::Unemployed, Benefit::WW)}, true);
  auto m = make(quiet({{"labour.bijstand_inflow_monthly", {0.1}}}));
  run(*m, pop, 32);
  auto bijstand = [&](std::uint32_t p) { return pop.benefit[p] == Benefit::Bijstand; };
  const auto n_unemployed = count_range(poor_unemployed, kN, bijstand);
  const auto n_inactive = count_range(poor_inactive, kN, bijstand);
  EXPECT_TRUE(test::within_standard_errors(double(n_unemployed) / kN, 0.1, kN)) << n_unemployed;
  EXPECT_TRUE(test::within_standard_errors(double(n_inactive) / kN, 0.1, kN)) << n_inactive;
  EXPECT_EQ(count_range(not_poor, kN / 4, bijstand), 0u);
  EXPECT_EQ(count_range(partners + 1, kN / 4, bijstand, 2), 0u);  // the unemployed partners
  EXPECT_EQ(count_range(minors, kN / 4, bijstand), 0u);
  EXPECT_EQ(count_range(on_ww, kN / 4, bijstand), 0u);
  for (std::uint32_t p = 0; p < pop.person_slots(); ++p) {
    if (!bijstand(p)) continue;
    ASSERT_EQ(pop.benefit_months[p], 0);
    ASSERT_NE(pop.labour[p], Labour::Employed);
  }
}

// ---------------------------------------------------------------------------------------------
// Bijstand outflow by spell duration; a share of exits is to work

TEST(Labour, BijstandDurationBands) {
  EXPECT_EQ(bijstand_duration_band(0), 0);
  EXPECT_EQ(bijstand_duration_band(11), 0);
  EXPECT_EQ(bijstand_duration_band(12), 1);
  EXPECT_EQ(bijstand_duration_band(35), 1);
  EXPECT_EQ(bijstand_duration_band(36), 2);
  EXPECT_EQ(bijstand_duration_band(600), 2);
}

PersonRecord on_bijstand(int months, Labour s = Labour::Unemployed) {
  PersonRecord r = adult(s, Benefit::Bijstand);
  r.benefit_months = static_cast<std::uint16_t>(months);
  return r;
}

TEST(Labour, NoBijstandOutflowWhenTheRatesAreZero) {
  Population pop;
  add(pop, kN / 2, {on_bijstand(5)}, true);
  add(pop, kN / 2, {on_bijstand(40, Labour::Inactive)}, true);
  auto m = make({{"labour.bijstand_outflow", {0.0, 0.0, 0.0}}});
  for (std::uint32_t month = 0; month < 6; ++month) run(*m, pop, 41, month);
  for (std::uint32_t p = 0; p < kN; ++p) {
    ASSERT_EQ(pop.benefit[p], Benefit::Bijstand);
    ASSERT_EQ(pop.benefit_months[p], (p < kN / 2 ? 5 : 40) + 6);
  }
}

TEST(Labour, BijstandOutflowFollowsTheDurationBandAndTheExitToWorkShare) {
  const std::vector<double> outflow = {0.3, 0.2, 0.1};
  const double to_work = 0.4;
  Population pop;
  const std::uint32_t first[3] = {add(pop, kN, {on_bijstand(5)}, true),
                                  add(pop, kN, {on_bijstand(20)}, true),
                                  add(pop, kN, {on_bijstand(40, Labour::Inactive)}, true)};
  auto m = make(quiet(
      {{"labour.bijstand_outflow", outflow}, {"labour.bijstand_exit_to_work_share", {to_work}}}));
  run(*m, pop, 42);
  std::size_t exits = 0, exits_to_work = 0;
  for (int band = 0; band < 3; ++band) {
    const auto out =
        count_range(first[band], kN, [&](auto p) { return pop.benefit[p] != Benefit::Bijstand; });
    EXPECT_TRUE(test::within_standard_errors(double(out) / kN, outflow[band], kN))
        << "band " << band << ": " << out;
    exits += out;
    exits_to_work +=
        count_range(first[band], kN, [&](auto p) { return pop.labour[p] == Labour::Employed; });
  }
  EXPECT_TRUE(test::within_standard_errors(double(exits_to_work) / exits, to_work, exits))
      << exits_to_work << " of " << exits;
  for (std::uint32_t p = 0; p < pop.person_slots(); ++p) {
    if (pop.benefit[p] == Benefit::Bijstand) {
      ASSERT_EQ(pop.benefit_months[p], p < first[1] ? 6 : p < first[2] ? 21 : 41);
    } else {
      ASSERT_EQ(pop.benefit[p], Benefit::None);
      if (pop.labour[p] != Labour::Employed) {
        ASSERT_EQ(pop.labour[p], p < first[2] ? Labour::Unemployed : Labour::Inactive);
      }
    }
  }
}

TEST(Labour, BijstandOutflowBandBoundaries) {
  // Outflow certain in one band and impossible in the others shows which band a duration is in.
  const int months[] = {0, 11, 12, 35, 36, 90};
  const int band_of[] = {0, 0, 1, 1, 2, 2};
  for (int band = 0; band < 3; ++band) {
    std::vector<double> outflow = {0.0, 0.0, 0.0};
    outflow[static_cast<std::size_t>(band)] = 1.0;
    Population pop;
    for (int k = 0; k < 6; ++k) add(pop, 1, {on_bijstand(months[k])}, true);
    auto m = make(quiet({{"labour.bijstand_outflow", outflow}}));
    run(*m, pop, 43);
    for (std::uint32_t k = 0; k < 6; ++k)
      EXPECT_EQ(pop.benefit[k] != Benefit::Bijstand, band_of[k] == band)
          << months[k] << " months, band " << band;
  }
}

// ---------------------------------------------------------------------------------------------
// WW exhaustion

PersonRecord on_ww(int months) {
  PersonRecord r = adult(Labour::Unemployed, Benefit::WW);
  r.benefit_months = static_cast<std::uint16_t>(months);
  return r;
}

TEST(Labour, WwEndsAfterTheMaximumDuration) {
  Population pop;
  const auto exhausted = add(pop, 1000, {on_ww(30)});
  const auto running = add(pop, 1000, {on_ww(10)});
  auto m = make(quiet({{"labour.ww_max_months", {24}}}));
  run(*m, pop, 51);
  for (std::uint32_t p = exhausted; p < exhausted + 1000; ++p) {
    ASSERT_EQ(pop.benefit[p], Benefit::None);
    ASSERT_EQ(pop.labour[p], Labour::Unemployed);
  }
  for (std::uint32_t p = running; p < running + 1000; ++p) {
    ASSERT_EQ(pop.benefit[p], Benefit::WW);
    ASSERT_EQ(pop.benefit_months[p], 11);
  }
  // A longer maximum keeps the 30-month spells going.
  Population longer;
  add(longer, 1000, {on_ww(30)});
  auto m2 = make(quiet({{"labour.ww_max_months", {36}}}));
  run(*m2, longer, 51);
  for (std::uint32_t p = 0; p < 1000; ++p) ASSERT_EQ(longer.benefit[p], Benefit::WW);
}

// WW is paid in the month of job loss and ends after ww_max_months months in all.
TEST(Labour, WwIsHeldForExactlyTheMaximumNumberOfMonths) {
  Population pop;
  add(pop, 100, {adult(Labour::Employed)});
  auto m = make(quiet({{"labour.job_loss_monthly", {1.0}}, {"labour.ww_max_months", {24}}}));
  int months_on_ww = 0;
  for (std::uint32_t month = 0; month < 40; ++month) {
    run(*m, pop, 52, month);
    months_on_ww += pop.benefit[0] == Benefit::WW;
  }
  EXPECT_EQ(months_on_ww, 24);
}

// ---------------------------------------------------------------------------------------------
// Retirement (deterministic) and the end of compulsory schooling

TEST(Labour, EveryoneRetiresOnAowAtPensionAge) {
  const std::vector<PersonRecord> kinds = {adult(Labour::Employed), on_ww(3), on_bijstand(50),
                                           adult(Labour::Inactive),
                                           adult(Labour::Disabled, Benefit::Disability)};
  for (int pension_age : {67, 65}) {
    Population pop;
    for (auto r : kinds) {
      r.age_months = static_cast<std::uint16_t>(12 * pension_age);
      add(pop, 100, {r});
      r.age_months = static_cast<std::uint16_t>(12 * pension_age - 1);
      add(pop, 100, {r});
    }
    auto m = make(quiet({{"labour.pension_age_years", {double(pension_age)}}}));
    run(*m, pop, 61);
    for (std::uint32_t p = 0; p < pop.person_slots(); ++p) {
      const bool of_age = pop.age_months[p] >= 12 * pension_age;
      ASSERT_EQ(pop.labour[p] == Labour::Retired, of_age) << p;
      ASSERT_EQ(pop.benefit[p] == Benefit::AOW, of_age) << p;
      if (of_age) {
        ASSERT_EQ(pop.labour_months[p], 0);
        ASSERT_EQ(pop.benefit_months[p], 0);
      }
    }
  }
}

TEST(Labour, RetirementFixesTheSupplementaryPensionFromTheLastWage) {
  Population pop;
  PersonRecord r = adult(Labour::Employed);
  r.age_months = 67 * 12;
  r.wage_cents = 300001;
  add(pop, 10, {r});
  auto m = make(
      quiet({{"labour.pension_age_years", {67}}, {"income.supplementary_pension_factor", {0.35}}}));
  run(*m, pop, 3);
  for (std::uint32_t p = 0; p < 10; ++p) {
    ASSERT_EQ(pop.labour[p], Labour::Retired);
    ASSERT_EQ(pop.wage_cents[p], 105000);  // round(0.35 x 300001 cents)
  }
  run(*m, pop, 4);  // fixed once: a second month does not shrink it again
  for (std::uint32_t p = 0; p < 10; ++p) ASSERT_EQ(pop.wage_cents[p], 105000);
}

TEST(Labour, ChildrenPastSixteenOutOfSchoolJoinTheLabourMarket) {
  PersonRecord child;
  child.labour = Labour::Child;
  Population pop;
  child.age_months = 16 * 12;
  const auto out_of_school = add(pop, 100, {child});
  child.edu_stage = EduStage::Vocational;
  const auto in_school = add(pop, 100, {child});
  child.edu_stage = EduStage::None;
  child.age_months = 16 * 12 - 1;
  const auto younger = add(pop, 100, {child});
  auto m = make(quiet());
  run(*m, pop, 62);
  for (std::uint32_t i = 0; i < 100; ++i) {
    ASSERT_EQ(pop.labour[out_of_school + i], Labour::Unemployed);
    ASSERT_EQ(pop.labour[in_school + i], Labour::Child);
    ASSERT_EQ(pop.labour[younger + i], Labour::Child);
  }
}

// ---------------------------------------------------------------------------------------------
// The vector screen (where built) and the scalar screen

TEST(Labour, VectorAndScalarScreensAgree) {
  // Every state and benefit, all ages, durations around the band and WW limits, heads and
  // others in poor and non-poor households, vacant slots; rates high enough that every
  // transition happens.
  Population pop;
  test::TestSequence sequence(4242);
  auto next = [&sequence] { return sequence.next(); };
  for (int i = 0; i < 8000; ++i) {
    std::vector<PersonRecord> members(1 + next() % 3);
    for (std::size_t j = 0; j < members.size(); ++j) {
      PersonRecord& r = members[j];
      r.role = j == 0 ? Role::Head : Role::Partner;
      r.age_months = static_cast<std::uint16_t>(next() % (80 * 12));
      r.labour = static_cast<Labour>(next() % kLabourStates);
      r.benefit = static_cast<Benefit>(next() % kBenefits);
      r.edu_stage = next() % 2 ? EduStage::None : EduStage::Vocational;
      r.edu_level = static_cast<EduLevel>(next() % 4);
      r.flags = static_cast<std::uint8_t>(person_flag::kPresent |
                                          (next() % 2 ? person_flag::kLowLiteracy : 0));
      r.labour_months = static_cast<std::uint16_t>(next() % 40);
      r.benefit_months = static_cast<std::uint16_t>(next() % 40);
      r.wage_cents = 200000;
    }
    const auto h = pop.add_household(0, members);
    if (next() % 2) pop.hh_flags[h] |= household_flag::kPoor;
  }
  for (std::uint32_t p = 3; p < pop.person_slots(); p += 17) pop.vacate(p);
  auto m = make({{"labour.job_loss_monthly", {0.05}},
                 {"labour.job_finding_monthly", {0.2}},
                 {"labour.inactive_job_finding_monthly", {0.03}},
                 {"labour.employed_to_inactive_monthly", {0.02}},
                 {"labour.bijstand_inflow_monthly", {0.3}},
                 {"labour.bijstand_outflow", {0.1, 0.05, 0.02}},
                 {"labour.disability_inflow_annual", {0.1}},
                 {"labour.disability_outflow_annual", {0.2}}});
  Population scalar = pop;
  for (std::uint32_t month = 0; month < 6; ++month) {
    set_labour_vector_path(true);
    run(*m, pop, 77, month);
    set_labour_vector_path(false);
    run(*m, scalar, 77, month);
    set_labour_vector_path(true);
    ASSERT_EQ(pop.labour, scalar.labour) << "month " << month;
    ASSERT_EQ(pop.benefit, scalar.benefit) << "month " << month;
    ASSERT_EQ(pop.labour_months, scalar.labour_months) << "month " << month;
    ASSERT_EQ(pop.benefit_months, scalar.benefit_months) << "month " << month;
    ASSERT_EQ(pop.wage_cents, scalar.wage_cents) << "month " << month;
  }
}

}  // namespace
}  // namespace leidensim
