#include "leidensim/invariants.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "support/test_model.hpp"

namespace leidensim {
namespace {

Population couple_town() {
  Population pop;
  for (int i = 0; i < 20; ++i) {
    PersonRecord a, b;
    a.age_months = 480;
    b.age_months = 470;
    b.role = Role::Partner;
    pop.add_household(0, {a, b});
  }
  return pop;
}

IndicatorCounts counts_of(const Population& pop) {
  IndicatorCounts c(1);
  for (const Block& b : pop.partition(1 << 20)) count_stocks(pop, b, c);
  return c;
}

void age_all(Population& pop) {
  for (std::uint32_t p = 0; p < pop.person_slots(); ++p)
    if (pop.present(p)) ++pop.age_months[p];
}

TEST(Invariants, AcceptAConsistentMonth) {
  Population pop = couple_town();
  InvariantChecker c;
  c.before_month(pop);
  age_all(pop);
  pop.vacate(0);
  pop.refresh_household(0);
  IndicatorCounts counts = counts_of(pop);
  counts.at(0, Indicator::Deaths) = 1;
  EXPECT_NO_THROW(c.after_month(pop, counts, 0));
}

TEST(Invariants, DetectUnrecordedLoss) {
  Population pop = couple_town();
  InvariantChecker c;
  c.before_month(pop);
  age_all(pop);
  pop.vacate(0);
  pop.refresh_household(0);
  EXPECT_THROW(c.after_month(pop, counts_of(pop), 0), std::logic_error);  // no death counted
}

TEST(Invariants, DetectAgesThatDidNotAdvance) {
  Population pop = couple_town();
  InvariantChecker c;
  c.before_month(pop);
  EXPECT_THROW(c.after_month(pop, counts_of(pop), 0), std::logic_error);
}

TEST(Invariants, DetectBrokenHouseholds) {
  Population two_heads = couple_town();
  two_heads.role[1] = Role::Head;
  EXPECT_THROW(InvariantChecker::check_structure(two_heads, "t"), std::logic_error);
  Population wrong_count = couple_town();
  wrong_count.hh_members[3] = 5;
  EXPECT_THROW(InvariantChecker::check_structure(wrong_count, "t"), std::logic_error);
  Population wrong_pointer = couple_town();
  wrong_pointer.household[4] = 0;
  EXPECT_THROW(InvariantChecker::check_structure(wrong_pointer, "t"), std::logic_error);
  Population wrong_district = couple_town();
  wrong_district.district[4] = 1;
  EXPECT_THROW(InvariantChecker::check_structure(wrong_district, "t"), std::logic_error);
}

// The stock count (vectorised over runs of persons in one district where the build allows)
// against a plain person-by-person count: district runs and scattered districts, vacant slots,
// every age and state.
TEST(Invariants, StockCountMatchesAPlainCount) {
  Population pop;
  test::TestSequence sequence(777);
  auto next = [&sequence] { return sequence.next(); };
  constexpr int kDistricts = 40;
  for (int i = 0; i < 30000; ++i) {
    // Runs of 200 households in one district, then households in random districts.
    const auto d =
        static_cast<std::uint8_t>(i < 15000 ? (i / 200) % kDistricts : next() % kDistricts);
    std::vector<PersonRecord> members(1 + next() % 4);
    for (PersonRecord& r : members) {
      r.age_months = static_cast<std::uint16_t>(next() % (100 * 12));
      r.labour = static_cast<Labour>(next() % kLabourStates);
      r.benefit = static_cast<Benefit>(next() % kBenefits);
      r.edu_stage = static_cast<EduStage>(next() % 6);
      r.edu_level = static_cast<EduLevel>(next() % 4);
      r.care = static_cast<std::uint8_t>(next() % 4);
      r.role = Role::Other;
    }
    members[0].role = Role::Head;
    const auto h = pop.add_household(d, members);
    pop.hh_flags[h] |= static_cast<std::uint8_t>((next() % 4) * household_flag::kPoor);
  }
  for (std::uint32_t p = 5; p < pop.person_slots(); p += 11) pop.vacate(p);

  IndicatorCounts counts(kDistricts), plain(kDistricts);
  for (const Block& b : pop.partition(3000)) count_stocks(pop, b, counts);
  for (std::uint32_t p = 0; p < pop.person_slots(); ++p) {
    if (!pop.present(p)) continue;
    const int d = pop.district[p];
    const unsigned age = pop.age_months[p];
    const bool minor = age < 18 * 12, young = age >= 16 * 12 && age < 28 * 12;
    const bool in_education = pop.edu_stage[p] != EduStage::None;
    const bool employed = pop.labour[p] == Labour::Employed;
    plain.at(d, Indicator::Persons) += 1;
    plain.at(d, Indicator::Employed) += employed;
    plain.at(d, Indicator::Unemployed) += pop.labour[p] == Labour::Unemployed;
    plain.at(d, Indicator::Bijstand) += pop.benefit[p] == Benefit::Bijstand;
    plain.at(d, Indicator::ChildrenInPoverty) +=
        minor && (pop.hh_flags[pop.household[p]] & household_flag::kPoor);
    plain.at(d, Indicator::Jeugdhulp) += minor && (pop.care[p] & care_flag::kJeugdhulp);
    plain.at(d, Indicator::Wmo) += (pop.care[p] & care_flag::kWmo) != 0;
    plain.at(d, Indicator::NoStartkwalificatie18to27) +=
        young && !minor && !in_education && pop.edu_level[p] < EduLevel::Qualified;
    plain.at(d, Indicator::Neet16to27) += young && !in_education && !employed;
  }
  for (std::uint32_t h = 0; h < pop.household_slots(); ++h) {
    if (!pop.household_present(h)) continue;
    const int d = pop.hh_district[h];
    plain.at(d, Indicator::Households) += 1;
    plain.at(d, static_cast<Indicator>(static_cast<int>(Indicator::HouseholdsSingle) +
                                       static_cast<int>(pop.hh_type[h]))) += 1;
    plain.at(d, Indicator::HouseholdsInPoverty) += (pop.hh_flags[h] & household_flag::kPoor) != 0;
    plain.at(d, Indicator::ProblematicDebt) += (pop.hh_flags[h] & household_flag::kDebt) != 0;
  }
  for (int d = 0; d < kDistricts; ++d)
    for (int i = 0; i < kIndicators; ++i)
      ASSERT_EQ(counts.at(d, static_cast<Indicator>(i)), plain.at(d, static_cast<Indicator>(i)))
          << "district " << d << ", " << indicator_table()[i].name;
}

}  // namespace
}  // namespace leidensim
