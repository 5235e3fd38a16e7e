#include "leidensim/population.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstring>
#include <functional>

namespace leidensim {

const char* to_string(HouseholdType t) {
  switch (t) {
    case HouseholdType::Single:
      return "single";
    case HouseholdType::CoupleNoKids:
      return "couple_no_kids";
    case HouseholdType::CoupleWithKids:
      return "couple_with_kids";
    case HouseholdType::SingleParent:
      return "single_parent";
    case HouseholdType::Other:
      return "other";
  }
  return "?";
}

HouseholdType classify_household(int adults_in_couple, int children, int others) {
  if (adults_in_couple == 2) {
    if (others > 0) return HouseholdType::Other;
    return children > 0 ? HouseholdType::CoupleWithKids : HouseholdType::CoupleNoKids;
  }
  if (others > 0) return HouseholdType::Other;
  return children > 0 ? HouseholdType::SingleParent : HouseholdType::Single;
}

template <class F>
void Population::for_each_person_column(F&& f) {
  f(id), f(household), f(age_months), f(labour_months), f(benefit_months), f(wage_cents);
  f(flags), f(sex), f(role), f(district), f(edu_stage), f(edu_level), f(labour), f(benefit);
  f(care), f(measure_bits);
}

template <class F>
void Population::for_each_household_column(F&& f) {
  f(hh_first), f(hh_slots), f(hh_members), f(hh_district), f(hh_type), f(hh_flags);
  f(hh_debt_months), f(hh_income_cents);
}

PersonRecord Population::record(std::size_t p) const {
  PersonRecord r;
  r.id = id[p];
  r.age_months = age_months[p];
  r.flags = flags[p];
  r.sex = sex[p];
  r.role = role[p];
  r.edu_stage = edu_stage[p];
  r.edu_level = edu_level[p];
  r.labour = labour[p];
  r.benefit = benefit[p];
  r.care = care[p];
  r.labour_months = labour_months[p];
  r.benefit_months = benefit_months[p];
  r.wage_cents = wage_cents[p];
  r.measure_bits = measure_bits[p];
  return r;
}

void Population::household_subjects(const Block& block, std::vector<std::uint32_t>& out) const {
  out.resize(block.household_end - block.household_begin);
  for (std::uint32_t h = block.household_begin; h < block.household_end; ++h) {
    std::uint32_t subject = 0;
    if (household_present(h)) {
      std::uint32_t p = hh_first[h];
      while (!present(p)) ++p;
      subject = id[p];
    }
    out[h - block.household_begin] = subject;
  }
}

std::uint32_t Population::append_person(const PersonRecord& r, std::uint32_t household_slot,
                                        std::uint8_t district_code) {
  const auto slot = static_cast<std::uint32_t>(id.size());
  id.push_back(r.id != 0 ? r.id : next_id_++);
  household.push_back(household_slot);
  age_months.push_back(r.age_months);
  labour_months.push_back(r.labour_months);
  benefit_months.push_back(r.benefit_months);
  wage_cents.push_back(r.wage_cents);
  flags.push_back(static_cast<std::uint8_t>(r.flags | person_flag::kPresent));
  sex.push_back(r.sex);
  role.push_back(r.role);
  district.push_back(district_code);
  edu_stage.push_back(r.edu_stage);
  edu_level.push_back(r.edu_level);
  labour.push_back(r.labour);
  benefit.push_back(r.benefit);
  care.push_back(r.care);
  measure_bits.push_back(r.measure_bits);
  ++persons_;
  return slot;
}

std::uint32_t Population::add_household(std::uint8_t district_code,
                                        const std::vector<PersonRecord>& members_in) {
  const auto h = static_cast<std::uint32_t>(hh_first.size());
  hh_first.push_back(static_cast<std::uint32_t>(id.size()));
  hh_slots.push_back(static_cast<std::uint16_t>(members_in.size()));
  hh_members.push_back(static_cast<std::uint8_t>(members_in.size()));
  hh_district.push_back(district_code);
  hh_type.push_back(HouseholdType::Single);
  hh_flags.push_back(members_in.empty() ? 0 : household_flag::kPresent);
  hh_debt_months.push_back(0);
  hh_income_cents.push_back(0);
  for (const auto& r : members_in) append_person(r, h, district_code);
  if (!members_in.empty()) {
    ++households_;
    refresh_household(h);
  }
  return h;
}

void Population::vacate(std::uint32_t p) {
  if (!present(p)) return;
  flags[p] = static_cast<std::uint8_t>(flags[p] & ~person_flag::kPresent);
  --persons_;
  ++vacant_person_slots_;
  const auto h = household[p];
  if (--hh_members[h] == 0) {
    hh_flags[h] = static_cast<std::uint8_t>(hh_flags[h] & ~household_flag::kPresent);
    --households_;
  }
}

void Population::remove_household(std::uint32_t h) {
  const std::uint32_t end = hh_first[h] + hh_slots[h];
  for (std::uint32_t p = hh_first[h]; p < end; ++p) vacate(p);
}

std::vector<std::uint32_t> Population::members(std::uint32_t h) const {
  std::vector<std::uint32_t> out;
  const std::uint32_t end = hh_first[h] + hh_slots[h];
  for (std::uint32_t p = hh_first[h]; p < end; ++p)
    if (present(p)) out.push_back(p);
  return out;
}

std::uint32_t Population::regrow_household(std::uint32_t h,
                                           const std::vector<PersonRecord>& extra) {
  std::vector<PersonRecord> all;
  for (auto p : members(h)) all.push_back(record(p));
  all.insert(all.end(), extra.begin(), extra.end());
  const auto keep_flags = hh_flags[h];
  const auto keep_debt = hh_debt_months[h];
  const auto keep_income = hh_income_cents[h];
  const auto d = hh_district[h];
  remove_household(h);
  const auto nh = add_household(d, all);
  hh_flags[nh] = static_cast<std::uint8_t>(keep_flags | household_flag::kPresent);
  hh_debt_months[nh] = keep_debt;
  hh_income_cents[nh] = keep_income;
  return nh;
}

void Population::refresh_household(std::uint32_t h) {
  // Runs for every household event in the serial phase, so it walks the slots directly rather
  // than building a member list.
  const std::uint32_t begin = hh_first[h], end = begin + hh_slots[h];
  std::uint32_t head = end, partner = end, oldest = end;
  for (std::uint32_t p = begin; p < end; ++p) {
    if (!present(p)) continue;
    if (role[p] == Role::Head && head == end) head = p;
    if (role[p] == Role::Partner && partner == end) partner = p;
    if (oldest == end || age_months[p] > age_months[oldest]) oldest = p;
  }
  if (oldest == end) return;  // no members
  if (head == end) {
    // Promote the partner, else the oldest member.
    head = partner != end ? partner : oldest;
    role[head] = Role::Head;
    if (head == partner) partner = end;
  }
  int children = 0, others = 0, partners = 0;
  for (std::uint32_t p = begin; p < end; ++p) {
    if (!present(p)) continue;
    children += role[p] == Role::Child;
    others += role[p] == Role::Other;
    partners += role[p] == Role::Partner;
  }
  hh_type[h] = classify_household(partners > 0 ? 2 : 0, children, others);
}

bool Population::needs_compaction(double max_vacant_share) const {
  return static_cast<double>(vacant_person_slots_) >
         max_vacant_share * static_cast<double>(id.size());
}

void Population::compact() {
  std::vector<std::uint32_t> keep_persons;
  std::vector<std::uint32_t> keep_households;
  keep_persons.reserve(persons_);
  keep_households.reserve(households_);
  std::vector<std::uint32_t> new_first;
  new_first.reserve(households_);
  for (std::uint32_t h = 0; h < hh_first.size(); ++h) {
    if (!household_present(h)) continue;
    keep_households.push_back(h);
    new_first.push_back(static_cast<std::uint32_t>(keep_persons.size()));
    const std::uint32_t end = hh_first[h] + hh_slots[h];
    for (std::uint32_t p = hh_first[h]; p < end; ++p)
      if (present(p)) keep_persons.push_back(p);
  }
  // The gathers of the columns are independent: run them in parallel (this is serial-phase
  // work that would otherwise hold up every thread).
  std::vector<std::function<void()>> gathers;
  auto gather = [&gathers](const std::vector<std::uint32_t>& idx) {
    return [&gathers, &idx](auto& col) {
      gathers.emplace_back([&col, &idx] {
        std::remove_reference_t<decltype(col)> out(idx.size());
        for (std::size_t i = 0; i < idx.size(); ++i) out[i] = col[idx[i]];
        col.swap(out);
      });
    };
  };
  for_each_person_column(gather(keep_persons));
  for_each_household_column(gather(keep_households));
  tbb::parallel_for(std::size_t{0}, gathers.size(), [&gathers](std::size_t k) { gathers[k](); });
  for (std::uint32_t h = 0; h < hh_first.size(); ++h) {
    hh_first[h] = new_first[h];
    hh_slots[h] = hh_members[h];
    for (std::uint32_t p = hh_first[h]; p < hh_first[h] + hh_slots[h]; ++p) household[p] = h;
  }
  vacant_person_slots_ = 0;
}

std::vector<Block> Population::partition(std::size_t target_persons) const {
  std::vector<Block> blocks;
  extend_partition(blocks, target_persons);
  return blocks;
}

void Population::extend_partition(std::vector<Block>& blocks, std::size_t target_persons) const {
  const auto nh = static_cast<std::uint32_t>(hh_first.size());
  std::uint32_t h = blocks.empty() ? 0 : blocks.back().household_end;
  while (h < nh) {
    Block b{hh_first[h], 0, h, 0};
    while (h < nh && hh_first[h] + hh_slots[h] - b.person_begin < target_persons) ++h;
    if (h < nh) ++h;  // the household that crosses the target closes the block
    b.household_end = h;
    b.person_end = h < nh ? hh_first[h] : static_cast<std::uint32_t>(id.size());
    blocks.push_back(b);
  }
}

std::uint64_t hash_bytes(std::uint64_t h, const void* data, std::size_t n) {
  const auto* b = static_cast<const unsigned char*>(data);
  std::size_t words = n / 8;
  for (std::size_t k = 0; k < words; ++k) {
    std::uint64_t w;
    std::memcpy(&w, b + 8 * k, 8);
    h = (h ^ w) * 0x100000001b3ULL;
    h ^= h >> 29;
  }
  for (std::size_t k = words * 8; k < n; ++k) h = (h ^ b[k]) * 0x100000001b3ULL;
  return h;
}

std::uint64_t Population::hash() const {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  auto mix = [&h](const auto& col) { h = hash_bytes(h, col.data(), col.size() * sizeof(col[0])); };
  // const_cast-free: the column visitors are non-const, so list the columns here.
  mix(id), mix(household), mix(age_months), mix(labour_months), mix(benefit_months);
  mix(wage_cents), mix(flags), mix(sex), mix(role), mix(district), mix(edu_stage);
  mix(edu_level), mix(labour), mix(benefit), mix(care), mix(measure_bits);
  mix(hh_first), mix(hh_slots), mix(hh_members), mix(hh_district), mix(hh_type), mix(hh_flags);
  mix(hh_debt_months), mix(hh_income_cents);
  return h;
}

double Population::bytes_per_person() const {
  double per_person = 0, per_household = 0;
  auto add_p = [&per_person](auto& col) { per_person += sizeof(col[0]); };
  auto add_h = [&per_household](auto& col) { per_household += sizeof(col[0]); };
  auto& self = const_cast<Population&>(*this);  // visitors only read sizes
  self.for_each_person_column(add_p);
  self.for_each_household_column(add_h);
  const double hh_per_person =
      persons_ ? static_cast<double>(households_) / static_cast<double>(persons_) : 0.0;
  return per_person + per_household * hh_per_person;
}

void Population::reserve(std::size_t persons, std::size_t households) {
  for_each_person_column([persons](auto& col) { col.reserve(persons); });
  for_each_household_column([households](auto& col) { col.reserve(households); });
}

}  // namespace leidensim
