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
  auto add = [&counts](int d, Indicator i) { ++counts.at(d, i); };
  for (std::uint32_t h = block.household_begin; h < block.household_end; ++h) {
    if (!pop.household_present(h)) continue;
    const int d = pop.hh_district[h];
    add(d, Indicator::Households);
    add(d, static_cast<Indicator>(static_cast<int>(Indicator::HouseholdsSingle) +
                                  static_cast<int>(pop.hh_type[h])));
    const auto f = pop.hh_flags[h];
    if (f & household_flag::kPoor) add(d, Indicator::HouseholdsInPoverty);
    if (f & household_flag::kDebt) add(d, Indicator::ProblematicDebt);
  }
  for (std::uint32_t p = block.person_begin; p < block.person_end; ++p) {
    if (!pop.present(p)) continue;
    const int d = pop.district[p];
    const std::uint32_t age = pop.age_years(p);
    const Labour l = pop.labour[p];
    add(d, Indicator::Persons);
    if (l == Labour::Employed) add(d, Indicator::Employed);
    if (l == Labour::Unemployed) add(d, Indicator::Unemployed);
    if (pop.benefit[p] == Benefit::Bijstand) add(d, Indicator::Bijstand);
    if (age < 18) {
      if (pop.hh_flags[pop.household[p]] & household_flag::kPoor)
        add(d, Indicator::ChildrenInPoverty);
      if (pop.care[p] & care_flag::kJeugdhulp) add(d, Indicator::Jeugdhulp);
    }
    if (pop.care[p] & care_flag::kWmo) add(d, Indicator::Wmo);
    const bool in_education = pop.edu_stage[p] != EduStage::None;
    if (age >= 18 && age <= 27 && !in_education && pop.edu_level[p] < EduLevel::Qualified)
      add(d, Indicator::NoStartkwalificatie18to27);
    if (age >= 16 && age <= 27 && !in_education && l != Labour::Employed)
      add(d, Indicator::Neet16to27);
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
