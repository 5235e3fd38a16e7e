#include "leidensim/synthesis/marginal_report.hpp"

#include "leidensim/synthesis/attribute_assignment.hpp"

namespace leidensim {

std::vector<MarginalRow> population_marginals(const Population& pop,
                                              const PopulationTargets& targets,
                                              const ParameterSet& ps, double scale) {
  std::vector<MarginalRow> rep;
  const auto& ds = targets.districts;
  std::vector<double> persons(ds.size()), households(ds.size());
  std::vector<std::array<double, kDistrictBands>> bands(ds.size());
  std::array<double, kHouseholdTypes> types{};
  double n0_17 = 0, n18_26 = 0, men_u = 0, all_u = 0, men_o = 0, all_o = 0;
  for (std::uint32_t h = 0; h < pop.household_slots(); ++h) {
    if (!pop.household_present(h)) continue;
    households[pop.hh_district[h]] += 1;
    types[int(pop.hh_type[h])] += 1;
  }
  for (std::uint32_t p = 0; p < pop.person_slots(); ++p) {
    if (!pop.present(p)) continue;
    const int a = static_cast<int>(pop.age_years(p));
    persons[pop.district[p]] += 1;
    bands[pop.district[p]][a < 25 ? 0 : a < 45 ? 1 : a < 65 ? 2 : 3] += 1;
    n0_17 += a < 18;
    n18_26 += a >= 18 && a <= 26;
    const bool male = pop.sex[p] == Sex::Male;
    if (a < 65)
      all_u += 1, men_u += male;
    else
      all_o += 1, men_o += male;
  }
  std::vector<double> with_kids(ds.size());
  for (std::uint32_t h = 0; h < pop.household_slots(); ++h)
    if (pop.household_present(h) && (pop.hh_type[h] == HouseholdType::CoupleWithKids ||
                                     pop.hh_type[h] == HouseholdType::SingleParent))
      with_kids[pop.hh_district[h]] += 1;
  for (std::size_t d = 0; d < ds.size(); ++d)
    rep.push_back(
        {"persons by district", ds[d].name, ds[d].persons * scale, persons[d], 0.01, "persons"});
  for (std::size_t d = 0; d < ds.size(); ++d)
    rep.push_back({"households by district", ds[d].name, ds[d].households * scale, households[d],
                   0.01, "households"});
  for (std::size_t d = 0; d < ds.size(); ++d)
    rep.push_back({"households with children by district", ds[d].name,
                   ds[d].households_with_children * scale, with_kids[d], 0.03, "households"});
  for (std::size_t d = 0; d < ds.size(); ++d)
    for (int b = 0; b < kDistrictBands; ++b)
      rep.push_back({"persons by district and age", ds[d].name + " " + district_band_name(b),
                     ds[d].persons_by_band[b] * scale, bands[d][b], 0.03, "persons"});
  for (int k = 0; k < kHouseholdTypes; ++k)
    rep.push_back({fitted_household_type(HouseholdType(k))
                       ? "households by type"
                       : "households by type (assumed split, the fit's prior)",
                   to_string(HouseholdType(k)), targets.households_by_type[k] * scale, types[k],
                   0.02, "households", fitted_household_type(HouseholdType(k))});
  rep.push_back({"persons by age", "0-17", targets.persons_0_17 * scale, n0_17, 0.03, "persons"});
  rep.push_back(
      {"persons by age", "18-26", targets.persons_18_26 * scale, n18_26, 0.03, "persons"});
  rep.push_back(
      {"sex", "male share under 65", targets.male_share_under_65, men_u / all_u, 0.02, "share"});
  rep.push_back(
      {"sex", "male share 65+", targets.male_share_65_plus, men_o / all_o, 0.03, "share"});
  const auto attributes = attribute_report(pop, ps, scale, targets.bijstand_recipients);
  rep.insert(rep.end(), attributes.begin(), attributes.end());
  return rep;
}

}  // namespace leidensim
