#include "leidensim/indicators.hpp"

#include <algorithm>

#include "leidensim/population.hpp"

namespace leidensim {

const std::array<IndicatorInfo, kIndicators>& indicator_table() {
  using K = IndicatorKind;
  static const std::array<IndicatorInfo, kIndicators> table = {{
      {"persons", "persons", K::Stock, "residents"},
      {"households", "households", K::Stock, "private households"},
      {"employed", "persons", K::Stock, "persons in paid work"},
      {"unemployed", "persons", K::Stock, "persons without work who look for work"},
      {"bijstand", "persons", K::Stock, "bijstand recipients (one per benefit household)"},
      {"households_in_poverty", "households", K::Stock,
       "households below the poverty line (120% of the social minimum), student households "
       "excluded"},
      {"children_in_poverty", "persons", K::Stock, "persons under 18 in households in poverty"},
      {"problematic_debt", "households", K::Stock, "households with problematic debt"},
      {"jeugdhulp", "persons", K::Stock, "persons under 18 receiving jeugdhulp"},
      {"wmo", "persons", K::Stock, "persons receiving Wmo support"},
      {"early_school_leavers", "persons", K::Flow,
       "pupils leaving school without startkwalificatie (vsv) during the period"},
      {"no_startkwalificatie_18_27", "persons", K::Stock,
       "persons aged 18-27 not in education and without startkwalificatie"},
      {"neet_16_27", "persons", K::Stock,
       "persons aged 16-27 neither in education nor in employment"},
      {"births", "persons", K::Flow, "live births during the period"},
      {"deaths", "persons", K::Flow, "deaths during the period"},
      {"immigrants", "persons", K::Flow, "persons settling in the city during the period"},
      {"emigrants", "persons", K::Flow, "persons leaving the city during the period"},
      {"households_single", "households", K::Stock, "one-person households"},
      {"households_couple_no_kids", "households", K::Stock, "couples without children at home"},
      {"households_couple_with_kids", "households", K::Stock, "couples with children at home"},
      {"households_single_parent", "households", K::Stock, "one-parent households"},
      {"households_other", "households", K::Stock, "other households (e.g. shared housing)"},
  }};
  return table;
}

std::int64_t IndicatorCounts::total(Indicator i) const {
  std::int64_t s = 0;
  for (int d = 0; d < districts_; ++d) s += at(d, i);
  return s;
}

void count_stocks(const Population& pop, const Block& block, IndicatorCounts& counts) {
  // Runs over every person every month, so: raw column pointers, and no branch on presence
  // (vacant slots count with weight 0) or on the district.
  auto row = [&counts](int d) { return counts.data() + d * kIndicators; };
  constexpr auto I = [](Indicator i) { return static_cast<int>(i); };
  const std::uint8_t* const hh_flags = pop.hh_flags.data();
  const std::uint8_t* const hh_district = pop.hh_district.data();
  const HouseholdType* const hh_type = pop.hh_type.data();
  for (std::uint32_t h = block.household_begin; h < block.household_end; ++h) {
    const auto f = hh_flags[h];
    if (!(f & household_flag::kPresent)) continue;
    std::int64_t* r = row(hh_district[h]);
    r[I(Indicator::Households)] += 1;
    r[I(Indicator::HouseholdsSingle) + static_cast<int>(hh_type[h])] += 1;
    r[I(Indicator::HouseholdsInPoverty)] += (f & household_flag::kPoor) != 0;
    r[I(Indicator::ProblematicDebt)] += (f & household_flag::kDebt) != 0;
  }
  // Person counts: nine counters per district, packed as 16-bit fields into three 64-bit
  // words, so that each person costs three additions into its district's row whatever the
  // order of districts (households appended by events come in no district order). A chunk of at
  // most 65535 persons cannot overflow a field; the fields are unpacked after each chunk.
  // Consecutive persons mostly share a district, so each addition would wait for the previous
  // person's store to the same row: persons are spread over kCopies tables by slot (p mod
  // kCopies), which are summed at the end of the chunk.
  const int districts = counts.districts();
  constexpr int kWords = 3, kCopies = 4, kRow = 256 * kWords;  // districts are 8-bit codes
  std::array<std::uint64_t, kCopies * kRow> packed;
  const std::uint8_t* const flags = pop.flags.data();
  const std::uint8_t* const district = pop.district.data();
  const std::uint16_t* const age_months = pop.age_months.data();
  const Labour* const labour = pop.labour.data();
  const Benefit* const benefit = pop.benefit.data();
  const std::uint8_t* const care = pop.care.data();
  const EduStage* const edu_stage = pop.edu_stage.data();
  const EduLevel* const edu_level = pop.edu_level.data();
  const std::uint32_t* const household = pop.household.data();
  constexpr std::uint32_t kChunk = 0xFFFF;
  for (std::uint32_t begin = block.person_begin; begin < block.person_end; begin += kChunk) {
    const std::uint32_t end = begin + std::min(kChunk, block.person_end - begin);
    for (int copy = 0; copy < kCopies; ++copy)
      std::fill_n(packed.begin() + copy * kRow, districts * kWords, 0);
    for (std::uint32_t p = begin; p < end; ++p) {
      const std::uint64_t here = flags[p] & person_flag::kPresent;
      const std::uint32_t age = age_months[p];
      const Labour l = labour[p];
      const std::uint32_t c = care[p];
      const std::uint64_t minor = here & (age < 18 * 12);
      const std::uint64_t young = here & (age >= 16 * 12) & (age < 28 * 12);
      const std::uint64_t out_of_education = edu_stage[p] == EduStage::None;
      const std::uint64_t poor = (hh_flags[household[p]] & household_flag::kPoor) != 0;
      const std::uint64_t w0 = here | (here & (l == Labour::Employed)) << 16 |
                               (here & (l == Labour::Unemployed)) << 32 |
                               (here & (benefit[p] == Benefit::Bijstand)) << 48;
      const std::uint64_t w1 =
          (minor & poor) | (minor & ((c & care_flag::kJeugdhulp) != 0)) << 16 |
          (here & ((c & care_flag::kWmo) != 0)) << 32 |
          (young & (age >= 18 * 12) & out_of_education & (edu_level[p] < EduLevel::Qualified))
              << 48;
      const std::uint64_t w2 = young & out_of_education & (l != Labour::Employed);
      std::uint64_t* t = packed.data() + (p % kCopies) * kRow + district[p] * kWords;
      t[0] += w0;
      t[1] += w1;
      t[2] += w2;
    }
    for (int d = 0; d < districts; ++d) {
      // A field's copies sum to at most the chunk's persons, so they add without carries.
      std::uint64_t t[kWords] = {};
      for (int copy = 0; copy < kCopies; ++copy)
        for (int w = 0; w < kWords; ++w) t[w] += packed[copy * kRow + d * kWords + w];
      auto field = [&t](int word, int k) -> std::int64_t { return (t[word] >> (16 * k)) & 0xFFFF; };
      std::int64_t* r = row(d);
      r[I(Indicator::Persons)] += field(0, 0);
      r[I(Indicator::Employed)] += field(0, 1);
      r[I(Indicator::Unemployed)] += field(0, 2);
      r[I(Indicator::Bijstand)] += field(0, 3);
      r[I(Indicator::ChildrenInPoverty)] += field(1, 0);
      r[I(Indicator::Jeugdhulp)] += field(1, 1);
      r[I(Indicator::Wmo)] += field(1, 2);
      r[I(Indicator::NoStartkwalificatie18to27)] += field(1, 3);
      r[I(Indicator::Neet16to27)] += field(2, 0);
    }
  }
}

std::int64_t IndicatorSeries::city(int month, Indicator i) const {
  std::int64_t s = 0;
  for (int d = 0; d < districts_; ++d) s += at(month, d, i);
  return s;
}

std::int64_t IndicatorSeries::yearly(int year, int district, Indicator i) const {
  const int first = year * 12, last = std::min(months_, first + 12) - 1;
  if (indicator_table()[static_cast<int>(i)].kind == IndicatorKind::Stock)
    return at(last, district, i);
  std::int64_t s = 0;
  for (int m = first; m <= last; ++m) s += at(m, district, i);
  return s;
}

std::int64_t IndicatorSeries::yearly_city(int year, Indicator i) const {
  std::int64_t s = 0;
  for (int d = 0; d < districts_; ++d) s += yearly(year, d, i);
  return s;
}

}  // namespace leidensim
