#include "leidensim/indicators.hpp"

#include <algorithm>
#include <bit>
#if defined(__AVX512F__) && defined(__AVX512BW__)
#include <immintrin.h>
#define LEIDENSIM_STOCKS_AVX512 1
#endif

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
    // The person-by-person count of [from, to); returns `to`.
    auto count_scalar = [&](std::uint32_t from, std::uint32_t to) {
      for (std::uint32_t p = from; p < to; ++p) {
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
      return to;
    };
    std::uint32_t p = begin;
#if defined(LEIDENSIM_STOCKS_AVX512)
    // 64 persons at a time: the nine tests in 64-bit lane masks. Where the 64 live in one
    // district (much of the population: the base population comes district by district, and
    // households stay contiguous), each counter takes the population count of its mask instead
    // of 64 additions. Otherwise each person adds its fields to its district's row as in the
    // scalar loop, with the fields taken from the masks (a byte per person for the first
    // eight, spread into 16-bit fields by a table) rather than computed one person at a time.
    // The spread table: the four bits of a nibble as four 16-bit fields.
    static constexpr auto spread = [] {
      std::array<std::uint64_t, 16> t{};
      for (unsigned v = 0; v < 16; ++v)
        for (unsigned b = 0; b < 4; ++b) t[v] |= std::uint64_t{(v >> b) & 1u} << (16 * b);
      return t;
    }();
    const std::uint32_t group_end = begin + (end - begin) / 64 * 64;
    for (; p < group_end; p += 64) {
      auto bytes = [p](const void* column) {
        return _mm512_loadu_si512(static_cast<const std::uint8_t*>(column) + p);
      };
      auto byte_is = [](__m512i v, auto value) {
        return _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(static_cast<char>(value)));
      };
      // Age tests on two halves of 32 16-bit ages, joined into 64-bit lane masks.
      auto age_test = [&](auto cmp) {
        const __m512i lo = _mm512_loadu_si512(age_months + p);
        const __m512i hi = _mm512_loadu_si512(age_months + p + 32);
        return static_cast<std::uint64_t>(cmp(lo)) | static_cast<std::uint64_t>(cmp(hi)) << 32;
      };
      const std::uint64_t minor_age = age_test(
          [](__m512i a) { return _mm512_cmplt_epu16_mask(a, _mm512_set1_epi16(18 * 12)); });
      const std::uint64_t young_age = age_test([](__m512i a) {
        return _mm512_cmpge_epu16_mask(a, _mm512_set1_epi16(16 * 12)) &
               _mm512_cmplt_epu16_mask(a, _mm512_set1_epi16(28 * 12));
      });
      const std::uint64_t here =
          _mm512_test_epi8_mask(bytes(flags), _mm512_set1_epi8(person_flag::kPresent));
      const __m512i l = bytes(labour), c = bytes(care);
      const std::uint64_t employed = byte_is(l, Labour::Employed);
      const std::uint64_t minor = here & minor_age;
      const std::uint64_t young = here & young_age;
      const std::uint64_t out_of_education = byte_is(bytes(edu_stage), EduStage::None);
      const std::uint64_t unqualified = _mm512_cmplt_epu8_mask(
          bytes(edu_level), _mm512_set1_epi8(static_cast<char>(EduLevel::Qualified)));
      std::uint64_t poor_minor = 0;
      for (std::uint64_t m = minor; m != 0; m &= m - 1) {
        const int i = std::countr_zero(m);
        poor_minor |= std::uint64_t{(hh_flags[household[p + static_cast<std::uint32_t>(i)]] &
                                     household_flag::kPoor) != 0}
                      << i;
      }
      // The nine fields in the order of the packed words (see above).
      const std::uint64_t field[9] = {
          here,
          here & employed,
          here & byte_is(l, Labour::Unemployed),
          here & byte_is(bytes(benefit), Benefit::Bijstand),
          poor_minor,
          minor & _mm512_test_epi8_mask(c, _mm512_set1_epi8(care_flag::kJeugdhulp)),
          here & _mm512_test_epi8_mask(c, _mm512_set1_epi8(care_flag::kWmo)),
          young & ~minor_age & out_of_education & unqualified,
          young & out_of_education & ~employed,
      };
      const __m512i dist = bytes(district);
      if (_mm512_cmpneq_epi8_mask(dist, _mm512_set1_epi8(static_cast<char>(district[p]))) == 0) {
        auto count = [&field](int f) -> std::uint64_t { return std::popcount(field[f]); };
        std::uint64_t* t = packed.data() + district[p] * kWords;
        t[0] += count(0) | count(1) << 16 | count(2) << 32 | count(3) << 48;
        t[1] += count(4) | count(5) << 16 | count(6) << 32 | count(7) << 48;
        t[2] += count(8);
        continue;
      }
      __m512i code = _mm512_setzero_si512();
      for (int f = 0; f < 8; ++f)
        code =
            _mm512_mask_add_epi8(code, field[f], code, _mm512_set1_epi8(static_cast<char>(1 << f)));
      alignas(64) std::uint8_t codes[64];
      _mm512_store_si512(codes, code);
      for (std::uint32_t i = 0; i < 64; ++i) {
        const std::uint32_t q = p + i;
        std::uint64_t* t = packed.data() + (q % kCopies) * kRow + district[q] * kWords;
        t[0] += spread[codes[i] & 15u];
        t[1] += spread[codes[i] >> 4];
        t[2] += (field[8] >> i) & 1u;
      }
    }
#endif
    p = count_scalar(p, end);
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
