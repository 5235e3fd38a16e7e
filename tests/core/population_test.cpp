#include "leidensim/population.hpp"

#include <gtest/gtest.h>

#include <set>

#include "leidensim/invariants.hpp"

namespace leidensim {
namespace {

PersonRecord adult(Role role, Sex sex, int years) {
  PersonRecord r;
  r.role = role;
  r.sex = sex;
  r.age_months = static_cast<std::uint16_t>(years * 12);
  r.labour = Labour::Employed;
  return r;
}

Population family_town() {
  Population pop;
  for (int i = 0; i < 100; ++i) {
    pop.add_household(static_cast<std::uint8_t>(i % 3),
                      {adult(Role::Head, Sex::Male, 40), adult(Role::Partner, Sex::Female, 38),
                       adult(Role::Child, Sex::Female, 10)});
    pop.add_household(static_cast<std::uint8_t>(i % 3), {adult(Role::Head, Sex::Female, 30)});
  }
  return pop;
}

TEST(Population, ClassifiesHouseholds) {
  Population pop = family_town();
  EXPECT_EQ(pop.persons(), 400u);
  EXPECT_EQ(pop.households(), 200u);
  EXPECT_EQ(pop.hh_type[0], HouseholdType::CoupleWithKids);
  EXPECT_EQ(pop.hh_type[1], HouseholdType::Single);
  InvariantChecker::check_structure(pop, "test");
}

TEST(Population, VacatingTheHeadPromotesThePartner) {
  Population pop = family_town();
  pop.vacate(pop.hh_first[0]);
  pop.refresh_household(0);
  EXPECT_EQ(pop.hh_members[0], 2);
  EXPECT_EQ(pop.role[pop.hh_first[0] + 1], Role::Head);
  EXPECT_EQ(pop.hh_type[0], HouseholdType::SingleParent);
  InvariantChecker::check_structure(pop, "test");
}

TEST(Population, RegrowingMovesTheHouseholdAndKeepsIds) {
  Population pop = family_town();
  const std::uint32_t id0 = pop.id[pop.hh_first[0]];
  PersonRecord baby;
  baby.role = Role::Child;
  const auto nh = pop.regrow_household(0, {baby});
  EXPECT_FALSE(pop.household_present(0));
  EXPECT_EQ(pop.hh_members[nh], 4);
  EXPECT_EQ(pop.id[pop.hh_first[nh]], id0);
  EXPECT_EQ(pop.id[pop.hh_first[nh] + 3], 401u);  // the next new id
  EXPECT_EQ(pop.persons(), 401u);
  InvariantChecker::check_structure(pop, "test");
}

TEST(Population, CompactionKeepsOrderAndContent) {
  Population pop = family_town();
  for (std::uint32_t h = 0; h < 200; h += 4) pop.remove_household(h);
  pop.regrow_household(3, {adult(Role::Child, Sex::Male, 0)});
  std::vector<std::uint32_t> ids_before;
  for (std::uint32_t p = 0; p < pop.person_slots(); ++p)
    if (pop.present(p)) ids_before.push_back(pop.id[p]);
  const std::size_t persons = pop.persons(), households = pop.households();
  ASSERT_TRUE(pop.needs_compaction());
  pop.compact();
  EXPECT_EQ(pop.person_slots(), persons);
  EXPECT_EQ(pop.household_slots(), households);
  std::vector<std::uint32_t> ids_after(pop.id.begin(), pop.id.end());
  EXPECT_EQ(ids_before, ids_after);
  EXPECT_FALSE(pop.needs_compaction());
  InvariantChecker::check_structure(pop, "test");
}

TEST(Population, BlocksAreRangesOfWholeHouseholdsCoveringEverything) {
  Population pop = family_town();
  const auto blocks = pop.partition(16);
  ASSERT_GT(blocks.size(), 10u);
  std::uint32_t next_h = 0, next_p = 0;
  for (const Block& b : blocks) {
    EXPECT_EQ(b.household_begin, next_h);
    EXPECT_EQ(b.person_begin, next_p);
    EXPECT_EQ(b.person_begin, pop.hh_first[b.household_begin]);
    const auto last = b.household_end - 1;
    EXPECT_EQ(b.person_end, pop.hh_first[last] + pop.hh_slots[last]);
    next_h = b.household_end;
    next_p = b.person_end;
  }
  EXPECT_EQ(next_h, pop.household_slots());
  EXPECT_EQ(next_p, pop.person_slots());
}

TEST(Population, StateIsSmall) {
  Population pop = family_town();
  // The Netherlands (17.9 million persons) must fit in 4 GiB: at most 128 bytes per person.
  EXPECT_LE(pop.bytes_per_person(), 128.0);
  EXPECT_LE(pop.bytes_per_person(), 48.0);  // today's layout; raise deliberately
}

TEST(Population, HashSeesEveryChange) {
  Population a = family_town(), b = family_town();
  EXPECT_EQ(a.hash(), b.hash());
  b.age_months[5] += 1;
  EXPECT_NE(a.hash(), b.hash());
}

}  // namespace
}  // namespace leidensim
