#include "leidensim/invariants.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace leidensim
