#include "leidensim/invariants.hpp"

#include <stdexcept>

namespace leidensim {

namespace {
[[noreturn]] void fail(const std::string& when, const std::string& what) {
  throw std::logic_error("invariant violated " + when + ": " + what);
}
}  // namespace

void InvariantChecker::check_structure(const Population& pop, const std::string& when) {
  std::size_t persons = 0, households = 0;
  std::vector<std::uint8_t> seen(pop.person_slots(), 0);
  for (std::uint32_t h = 0; h < pop.household_slots(); ++h) {
    const std::uint32_t end = pop.hh_first[h] + pop.hh_slots[h];
    if (end > pop.person_slots()) fail(when, "household " + std::to_string(h) + " out of range");
    int present = 0, heads = 0;
    for (std::uint32_t p = pop.hh_first[h]; p < end; ++p) {
      if (!pop.present(p)) continue;
      if (seen[p]++) fail(when, "person slot " + std::to_string(p) + " in two households");
      if (pop.household[p] != h)
        fail(when, "person " + std::to_string(pop.id[p]) + " points to another household");
      if (pop.district[p] != pop.hh_district[h])
        fail(when, "person " + std::to_string(pop.id[p]) + " in another district");
      ++present;
      heads += pop.role[p] == Role::Head;
    }
    if (pop.household_present(h) != (present > 0))
      fail(when, "household " + std::to_string(h) + " presence does not match its members");
    if (present != pop.hh_members[h])
      fail(when, "household " + std::to_string(h) + " member count is wrong");
    if (present > 0 && heads != 1)
      fail(when, "household " + std::to_string(h) + " has " + std::to_string(heads) + " heads");
    persons += present;
    households += present > 0;
  }
  for (std::uint32_t p = 0; p < pop.person_slots(); ++p)
    if (pop.present(p) && !seen[p])
      fail(when, "person " + std::to_string(pop.id[p]) + " belongs to no household");
  if (persons != pop.persons()) fail(when, "person count is wrong");
  if (households != pop.households()) fail(when, "household count is wrong");
}

void InvariantChecker::before_month(const Population& pop) {
  persons_before_ = pop.persons();
  age_before_.clear();
  age_before_.reserve(pop.persons());
  for (std::uint32_t p = 0; p < pop.person_slots(); ++p)
    if (pop.present(p)) age_before_[pop.id[p]] = pop.age_months[p];
}

void InvariantChecker::after_month(const Population& pop, const IndicatorCounts& c,
                                   int month) const {
  const std::string when = "after month " + std::to_string(month);
  check_structure(pop, when);
  for (int d = 0; d < c.districts(); ++d)
    for (int i = 0; i < kIndicators; ++i)
      if (c.data()[d * kIndicators + i] < 0)
        fail(when, std::string("negative count of ") + indicator_table()[i].name);
  const auto expected = static_cast<std::int64_t>(persons_before_) + c.total(Indicator::Births) +
                        c.total(Indicator::Immigrants) - c.total(Indicator::Deaths) -
                        c.total(Indicator::Emigrants);
  if (expected != static_cast<std::int64_t>(pop.persons()))
    fail(when, "persons not conserved: expected " + std::to_string(expected) + ", found " +
                   std::to_string(pop.persons()));
  if (c.total(Indicator::Persons) != static_cast<std::int64_t>(pop.persons()))
    fail(when, "person indicator differs from the population");
  for (std::uint32_t p = 0; p < pop.person_slots(); ++p) {
    if (!pop.present(p)) continue;
    auto it = age_before_.find(pop.id[p]);
    if (it == age_before_.end()) {
      continue;  // born or settled this month
    }
    if (pop.age_months[p] != it->second + 1)
      fail(when, "person " + std::to_string(pop.id[p]) + " aged from " +
                     std::to_string(it->second) + " to " + std::to_string(pop.age_months[p]) +
                     " months");
  }
}

}  // namespace leidensim
