#include "leidensim/indicators.hpp"

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
  // Branch-free accumulation: this runs over every person every month.
  auto row = [&counts](int d) { return counts.data() + d * kIndicators; };
  constexpr auto I = [](Indicator i) { return static_cast<int>(i); };
  for (std::uint32_t h = block.household_begin; h < block.household_end; ++h) {
    if (!pop.household_present(h)) continue;
    std::int64_t* r = row(pop.hh_district[h]);
    const auto f = pop.hh_flags[h];
    r[I(Indicator::Households)] += 1;
    r[I(Indicator::HouseholdsSingle) + static_cast<int>(pop.hh_type[h])] += 1;
    r[I(Indicator::HouseholdsInPoverty)] += (f & household_flag::kPoor) != 0;
    r[I(Indicator::ProblematicDebt)] += (f & household_flag::kDebt) != 0;
  }
  // Person counts accumulate in local variables while the district stays the same (households
  // are stored together, so runs are long) and are added to the district's row when it changes:
  // adding into the row for every person would chain each addition on the previous one's store.
  struct Acc {
    std::int64_t persons = 0, employed = 0, unemployed = 0, bijstand = 0, poor_children = 0,
                 jeugdhulp = 0, wmo = 0, no_sk = 0, neet = 0;
  } a;
  int district = -1;
  auto flush = [&] {
    if (district < 0) return;
    std::int64_t* r = row(district);
    r[I(Indicator::Persons)] += a.persons;
    r[I(Indicator::Employed)] += a.employed;
    r[I(Indicator::Unemployed)] += a.unemployed;
    r[I(Indicator::Bijstand)] += a.bijstand;
    r[I(Indicator::ChildrenInPoverty)] += a.poor_children;
    r[I(Indicator::Jeugdhulp)] += a.jeugdhulp;
    r[I(Indicator::Wmo)] += a.wmo;
    r[I(Indicator::NoStartkwalificatie18to27)] += a.no_sk;
    r[I(Indicator::Neet16to27)] += a.neet;
    a = Acc{};
  };
  for (std::uint32_t p = block.person_begin; p < block.person_end; ++p) {
    if (!pop.present(p)) continue;
    if (pop.district[p] != district) {
      flush();
      district = pop.district[p];
    }
    const std::uint32_t age = pop.age_years(p);
    const Labour l = pop.labour[p];
    const std::uint8_t care = pop.care[p];
    const bool minor = age < 18;
    const bool young = age >= 16 && age <= 27;
    const bool in_education = pop.edu_stage[p] != EduStage::None;
    const bool poor = pop.hh_flags[pop.household[p]] & household_flag::kPoor;
    a.persons += 1;
    a.employed += l == Labour::Employed;
    a.unemployed += l == Labour::Unemployed;
    a.bijstand += pop.benefit[p] == Benefit::Bijstand;
    a.poor_children += minor & poor;
    a.jeugdhulp += minor & ((care & care_flag::kJeugdhulp) != 0);
    a.wmo += (care & care_flag::kWmo) != 0;
    a.no_sk += (age >= 18) & young & !in_education & (pop.edu_level[p] < EduLevel::Qualified);
    a.neet += young & !in_education & (l != Labour::Employed);
  }
  flush();
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
