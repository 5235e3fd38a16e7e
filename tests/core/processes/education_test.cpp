// Education on its own: stages by age, track choice, dropout (early school leavers), completion,
// higher education and the second chance, each with a zero rate and with a known rate.
#include "leidensim/processes/education.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "leidensim/indicators.hpp"
#include "leidensim/model_spec.hpp"
#include "support/test_model.hpp"

namespace leidensim {
namespace {

using Overrides = std::map<std::string, std::vector<double>>;

constexpr std::size_t kN = 20000;

double monthly(double annual) {
  return 1.0 - std::pow(1.0 - annual, 1.0 / 12.0);
}

std::unique_ptr<Module> make(const Overrides& overrides) {
  return test::create(education_module(),
                      test::model_with(Population{}, test::parameters(overrides)));
}

PersonRecord pupil(EduStage stage, int years, int extra_months = 0) {
  PersonRecord r;
  r.age_months = static_cast<std::uint16_t>(12 * years + extra_months);
  r.edu_stage = stage;
  r.edu_level = EduLevel::Basic;
  r.labour = Labour::Student;
  return r;
}

/// Appends `n` one-person households of `r` to `pop`; returns the first new person slot.
std::uint32_t add(Population& pop, std::size_t n, const PersonRecord& r) {
  const auto first = static_cast<std::uint32_t>(pop.person_slots());
  for (std::size_t i = 0; i < n; ++i) pop.add_household(0, {r});
  return first;
}

struct Month {
  IndicatorCounts flows{1};
  HouseholdEvents events;
};

Month run(Module& m, Population& pop, std::uint64_t seed, std::uint32_t month = 0) {
  Month out;
  test::run_phase(m, kHazards, pop, RandomKey(seed, 0), month, out.flows, out.events);
  return out;
}

template <class Pred>
std::size_t count_range(std::uint32_t begin, std::size_t n, Pred pred) {
  std::size_t k = 0;
  for (std::uint32_t p = begin; p < begin + n; ++p) k += pred(p) ? 1 : 0;
  return k;
}

bool early_leaver(const Population& pop, std::uint32_t p) {
  return pop.flags[p] & person_flag::kEarlyLeaver;
}

// ---------------------------------------------------------------------------------------------
// Dropout from the upper secondary tracks

TEST(Education, NoDropoutWhenTheRateIsZero) {
  Population pop;
  add(pop, kN / 2, pupil(EduStage::Vocational, 17));
  add(pop, kN / 2, pupil(EduStage::General, 17));
  auto m = make({{"education.dropout_annual", {0.0}}});
  for (std::uint32_t month = 0; month < 6; ++month) {
    const Month r = run(*m, pop, 11, month);
    EXPECT_EQ(r.flows.total(Indicator::EarlySchoolLeavers), 0);
  }
  for (std::uint32_t p = 0; p < kN; ++p) {
    ASSERT_EQ(pop.edu_stage[p], p < kN / 2 ? EduStage::Vocational : EduStage::General);
    ASSERT_FALSE(early_leaver(pop, p));
    ASSERT_EQ(pop.labour[p], Labour::Student);
  }
}

TEST(Education, PupilsDropOutAtTheAnnualRateAndAreCountedAsEarlyLeavers) {
  Population pop;
  const auto voc = add(pop, kN, pupil(EduStage::Vocational, 17));
  const auto gen = add(pop, kN, pupil(EduStage::General, 17));
  auto m = make({{"education.dropout_annual", {0.3}}});
  const Month r = run(*m, pop, 12);
  auto left = [&](std::uint32_t p) { return pop.edu_stage[p] == EduStage::None; };
  const auto voc_left = count_range(voc, kN, left);
  const auto gen_left = count_range(gen, kN, left);
  EXPECT_TRUE(test::within_standard_errors(double(voc_left) / kN, monthly(0.3), kN)) << voc_left;
  EXPECT_TRUE(test::within_standard_errors(double(gen_left) / kN, monthly(0.3), kN)) << gen_left;
  EXPECT_EQ(r.flows.total(Indicator::EarlySchoolLeavers),
            static_cast<std::int64_t>(voc_left + gen_left));
  for (std::uint32_t p = 0; p < 2 * kN; ++p) {
    if (left(p)) {
      ASSERT_TRUE(early_leaver(pop, p));
      ASSERT_EQ(pop.labour[p], Labour::Unemployed);
      ASSERT_EQ(pop.edu_level[p], EduLevel::Basic);  // no startkwalificatie
    } else {
      ASSERT_FALSE(early_leaver(pop, p));
      ASSERT_EQ(pop.labour[p], Labour::Student);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Completion at the completion age

TEST(Education, TracksCompleteAtTheCompletionAgeAndSomeGoOnToHigherEducation) {
  Population pop;
  const auto voc = add(pop, kN, pupil(EduStage::Vocational, 19));
  const auto voc_young = add(pop, kN / 4, pupil(EduStage::Vocational, 18, 11));
  const auto gen = add(pop, kN, pupil(EduStage::General, 18));
  const auto gen_young = add(pop, kN / 4, pupil(EduStage::General, 17, 11));
  auto m = make({{"education.dropout_annual", {0.0}},
                 {"education.vocational_completion_age", {19}},
                 {"education.general_completion_age", {18}},
                 {"education.higher_entry_share_vocational", {0.2}},
                 {"education.higher_entry_share_general", {0.85}}});
  const Month r = run(*m, pop, 21);
  EXPECT_EQ(r.flows.total(Indicator::EarlySchoolLeavers), 0);
  auto qualified = [&](std::uint32_t p) { return pop.edu_level[p] == EduLevel::Qualified; };
  auto higher = [&](std::uint32_t p) { return pop.edu_stage[p] == EduStage::Higher; };
  EXPECT_EQ(count_range(voc, kN, qualified), kN);
  EXPECT_EQ(count_range(gen, kN, qualified), kN);
  EXPECT_EQ(count_range(voc_young, kN / 4, qualified), 0u);
  EXPECT_EQ(count_range(gen_young, kN / 4, qualified), 0u);
  const auto voc_higher = count_range(voc, kN, higher);
  const auto gen_higher = count_range(gen, kN, higher);
  EXPECT_TRUE(test::within_standard_errors(double(voc_higher) / kN, 0.2, kN)) << voc_higher;
  EXPECT_TRUE(test::within_standard_errors(double(gen_higher) / kN, 0.85, kN)) << gen_higher;
  for (std::uint32_t p = 0; p < pop.person_slots(); ++p) {
    ASSERT_FALSE(early_leaver(pop, p));
    if (pop.edu_stage[p] == EduStage::None) {
      ASSERT_EQ(pop.labour[p], Labour::Unemployed);  // graduates leave for the labour market
    } else {
      ASSERT_EQ(pop.labour[p], Labour::Student);
    }
  }
  EXPECT_EQ(count_range(voc_young, kN / 4,
                        [&](auto p) { return pop.edu_stage[p] == EduStage::Vocational; }),
            kN / 4);
}

TEST(Education, TheCompletionAgeIsAParameter) {
  Population pop;
  add(pop, 1000, pupil(EduStage::Vocational, 19));
  auto m =
      make({{"education.dropout_annual", {0.0}}, {"education.vocational_completion_age", {20}}});
  run(*m, pop, 22);
  for (std::uint32_t p = 0; p < pop.person_slots(); ++p) {
    ASSERT_EQ(pop.edu_stage[p], EduStage::Vocational);
    ASSERT_EQ(pop.edu_level[p], EduLevel::Basic);
  }
}

// ---------------------------------------------------------------------------------------------
// Higher education: completion and dropout hazards from age 21

PersonRecord student(int years, int extra_months = 0) {
  PersonRecord r = pupil(EduStage::Higher, years, extra_months);
  r.edu_level = EduLevel::Qualified;
  return r;
}

TEST(Education, NoHigherCompletionWhenTheRateIsZero) {
  Population pop;
  add(pop, kN, student(22));
  auto m = make(
      {{"education.higher_completion_annual", {0.0}}, {"education.higher_dropout_annual", {0.0}}});
  for (std::uint32_t month = 0; month < 6; ++month) run(*m, pop, 31, month);
  for (std::uint32_t p = 0; p < kN; ++p) {
    ASSERT_EQ(pop.edu_stage[p], EduStage::Higher);
    ASSERT_EQ(pop.edu_level[p], EduLevel::Qualified);
  }
}

TEST(Education, HigherEducationIsCompletedAtTheAnnualRateFromAge21) {
  Population pop;
  const auto at21 = add(pop, kN, student(21));
  const auto below21 = add(pop, kN / 4, student(20, 11));
  auto m = make(
      {{"education.higher_completion_annual", {0.35}}, {"education.higher_dropout_annual", {0.0}}});
  run(*m, pop, 32);
  const auto graduates =
      count_range(at21, kN, [&](auto p) { return pop.edu_level[p] == EduLevel::Higher; });
  EXPECT_TRUE(test::within_standard_errors(double(graduates) / kN, monthly(0.35), kN)) << graduates;
  EXPECT_EQ(
      count_range(below21, kN / 4, [&](auto p) { return pop.edu_stage[p] != EduStage::Higher; }),
      0u);
  for (std::uint32_t p = at21; p < at21 + kN; ++p) {
    const bool graduated = pop.edu_level[p] == EduLevel::Higher;
    ASSERT_EQ(pop.edu_stage[p], graduated ? EduStage::None : EduStage::Higher);
    ASSERT_EQ(pop.labour[p], graduated ? Labour::Unemployed : Labour::Student);
  }
}

TEST(Education, HigherEducationDropoutKeepsTheStartkwalificatie) {
  Population pop;
  add(pop, kN, student(23));
  auto m = make(
      {{"education.higher_completion_annual", {0.0}}, {"education.higher_dropout_annual", {0.3}}});
  const Month r = run(*m, pop, 33);
  const auto dropouts =
      count_range(0, kN, [&](auto p) { return pop.edu_stage[p] == EduStage::None; });
  EXPECT_TRUE(test::within_standard_errors(double(dropouts) / kN, monthly(0.3), kN)) << dropouts;
  EXPECT_EQ(r.flows.total(Indicator::EarlySchoolLeavers), 0);  // they hold a startkwalificatie
  for (std::uint32_t p = 0; p < kN; ++p) {
    ASSERT_EQ(pop.edu_level[p], EduLevel::Qualified);
    ASSERT_FALSE(early_leaver(pop, p));
  }
}

// ---------------------------------------------------------------------------------------------
// Second chance: young adults without startkwalificatie

PersonRecord unqualified(int years) {
  PersonRecord r;
  r.age_months = static_cast<std::uint16_t>(12 * years);
  r.edu_stage = EduStage::None;
  r.edu_level = EduLevel::Basic;
  r.labour = Labour::Unemployed;
  r.flags = person_flag::kEarlyLeaver;
  return r;
}

TEST(Education, NoSecondChanceWhenTheRateIsZero) {
  Population pop;
  add(pop, kN, unqualified(20));
  auto m = make({{"education.second_chance_annual", {0.0}}});
  for (std::uint32_t month = 0; month < 6; ++month) run(*m, pop, 41, month);
  for (std::uint32_t p = 0; p < kN; ++p) ASSERT_EQ(pop.edu_level[p], EduLevel::Basic);
}

TEST(Education, SecondChanceAtTheAnnualRateBetween18And27) {
  Population pop;
  const auto at20 = add(pop, kN, unqualified(20));
  const auto at17 = add(pop, kN / 4, unqualified(17));
  const auto at28 = add(pop, kN / 4, unqualified(28));
  auto m = make({{"education.second_chance_annual", {0.3}}});
  run(*m, pop, 42);
  auto qualified = [&](std::uint32_t p) { return pop.edu_level[p] == EduLevel::Qualified; };
  const auto n20 = count_range(at20, kN, qualified);
  EXPECT_TRUE(test::within_standard_errors(double(n20) / kN, monthly(0.3), kN)) << n20;
  EXPECT_EQ(count_range(at17, kN / 4, qualified), 0u);
  EXPECT_EQ(count_range(at28, kN / 4, qualified), 0u);
}

// ---------------------------------------------------------------------------------------------
// Stages by age and the track choice at 16

TEST(Education, StagesFollowAgeAndTheTrackShare) {
  Population pop;
  PersonRecord toddler;
  toddler.age_months = 48;
  toddler.labour = Labour::Child;
  const auto start = add(pop, 100, toddler);
  PersonRecord child = toddler;
  child.edu_stage = EduStage::Primary;
  child.age_months = 12 * 12;
  const auto secondary = add(pop, 100, child);
  child.edu_stage = EduStage::LowerSecondary;
  child.age_months = 15 * 12;
  const auto fifteen = add(pop, 100, child);
  child.age_months = 16 * 12;
  const auto sixteen = add(pop, kN, child);
  auto m = make({{"education.general_track_share", {0.3}}});
  run(*m, pop, 51);
  for (std::uint32_t p = start; p < start + 100; ++p)
    ASSERT_EQ(pop.edu_stage[p], EduStage::Primary);
  for (std::uint32_t p = secondary; p < secondary + 100; ++p)
    ASSERT_EQ(pop.edu_stage[p], EduStage::LowerSecondary);
  for (std::uint32_t p = fifteen; p < fifteen + 100; ++p) {
    ASSERT_EQ(pop.edu_stage[p], EduStage::LowerSecondary);
    ASSERT_EQ(pop.labour[p], Labour::Student);
  }
  const auto general =
      count_range(sixteen, kN, [&](auto p) { return pop.edu_stage[p] == EduStage::General; });
  const auto vocational =
      count_range(sixteen, kN, [&](auto p) { return pop.edu_stage[p] == EduStage::Vocational; });
  EXPECT_EQ(general + vocational, kN);
  EXPECT_TRUE(test::within_standard_errors(double(general) / kN, 0.3, kN)) << general;
  EXPECT_EQ(count_range(sixteen, kN, [&](auto p) { return pop.edu_level[p] == EduLevel::Basic; }),
            kN);
}

// ---------------------------------------------------------------------------------------------
// The vector screen (where built) and the scalar screen

TEST(Education, VectorAndScalarScreensAgree) {
  // Every stage and level at ages around each stage's boundaries, children and others, vacant
  // slots; rates high enough that every event happens.
  Population pop;
  test::TestSequence sequence(9001);
  auto next = [&sequence] { return sequence.next(); };
  for (int i = 0; i < 12000; ++i) {
    PersonRecord r;
    r.age_months = static_cast<std::uint16_t>(next() % (32 * 12));
    r.edu_stage = static_cast<EduStage>(next() % 6);
    r.edu_level = static_cast<EduLevel>(next() % 4);
    r.labour = next() % 2 ? Labour::Child : Labour::Student;
    pop.add_household(0, {r});
  }
  for (std::uint32_t p = 2; p < pop.person_slots(); p += 19) pop.vacate(p);
  auto m = make({{"education.dropout_annual", {0.3}},
                 {"education.higher_completion_annual", {0.35}},
                 {"education.higher_dropout_annual", {0.3}},
                 {"education.second_chance_annual", {0.3}}});
  Population scalar = pop;
  for (std::uint32_t month = 0; month < 6; ++month) {
    set_education_vector_path(true);
    const Month vector_month = run(*m, pop, 88, month);
    set_education_vector_path(false);
    const Month scalar_month = run(*m, scalar, 88, month);
    set_education_vector_path(true);
    ASSERT_EQ(pop.edu_stage, scalar.edu_stage) << "month " << month;
    ASSERT_EQ(pop.edu_level, scalar.edu_level) << "month " << month;
    ASSERT_EQ(pop.labour, scalar.labour) << "month " << month;
    ASSERT_EQ(pop.flags, scalar.flags) << "month " << month;
    ASSERT_EQ(vector_month.flows.total(Indicator::EarlySchoolLeavers),
              scalar_month.flows.total(Indicator::EarlySchoolLeavers));
    // Age everyone a month so that the boundaries move through the population.
    for (std::uint32_t p = 0; p < pop.person_slots(); ++p) {
      ++pop.age_months[p];
      ++scalar.age_months[p];
    }
  }
}

}  // namespace
}  // namespace leidensim
