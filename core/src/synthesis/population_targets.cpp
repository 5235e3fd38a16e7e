#include "leidensim/synthesis/population_targets.hpp"

#include <algorithm>
#include <map>

#include "leidensim/csv_table.hpp"
#include "leidensim/errors.hpp"

namespace leidensim {

std::pair<int, int> fit_band_ages(FitBand b) {
  switch (b) {
    case FitBand::A0_17:
      return {0, 17};
    case FitBand::A18_24:
      return {18, 24};
    case FitBand::A25_26:
      return {25, 26};
    case FitBand::A27_44:
      return {27, 44};
    case FitBand::A45_64:
      return {45, 64};
    case FitBand::A65_74:
      return {65, 74};
    case FitBand::A75p:
      return {75, 104};
  }
  return {0, 0};
}

int district_band_of(FitBand b) {
  switch (b) {
    case FitBand::A0_17:
    case FitBand::A18_24:
      return 0;
    case FitBand::A25_26:
    case FitBand::A27_44:
      return 1;
    case FitBand::A45_64:
      return 2;
    default:
      return 3;
  }
}

const char* district_band_name(int band) {
  static const char* names[] = {"0-24", "25-44", "45-64", "65+"};
  return names[band];
}

double PopulationTargets::persons() const {
  double s = 0;
  for (const auto& d : districts) s += d.persons;
  return s;
}

double PopulationTargets::households() const {
  double s = 0;
  for (const auto& d : districts) s += d.households;
  return s;
}

PopulationTargets PopulationTargets::load(const std::filesystem::path& dir,
                                          const ParameterSet& ps) {
  PopulationTargets t;
  t.reference_date = "2024-01-01";
  const CsvTable dist = CsvTable::read(dir / "districts.csv");
  // Districts: every row with a 2024 population whose note carries a CBS wijk code.
  std::map<std::string, DistrictTargets> by_code;
  for (std::size_t r = 0; r < dist.rows(); ++r) {
    if (dist.cell(r, "year") != "2024" || dist.cell(r, "indicator") != "population") continue;
    const std::string& note = dist.cell(r, "note");
    const auto pos = note.find("WK0");
    if (pos == std::string::npos) continue;
    DistrictTargets d;
    d.name = dist.cell(r, "district");
    d.code = note.substr(pos, 8);
    d.persons = dist.number(r, "value");
    by_code[d.code] = d;
  }
  if (by_code.empty())
    throw InputError(input_error_message(dist.origin(), "population",
                                         "no 2024 district population rows with a CBS code"));
  for (auto& [code, d] : by_code) {
    auto value = [&](const std::string& indicator) {
      return dist.number(
          dist.require({{"district", d.name}, {"year", "2024"}, {"indicator", indicator}}),
          "value");
    };
    d.persons_by_band = {value("persons_0_24"), value("persons_25_44"), value("persons_45_64"),
                         value("persons_65_plus")};
    d.households = value("private_households");
    d.households_with_children = value("households_with_children");
    t.districts.push_back(d);
  }

  const CsvTable hh = CsvTable::read(dir / "households.csv");
  for (int k = 0; k < kHouseholdTypes; ++k) {
    const auto type = static_cast<HouseholdType>(k);
    t.households_by_type[k] = hh.number(
        hh.require(
            {{"geography", "Leiden"}, {"year", "2024"}, {"household_type", to_string(type)}}),
        "count");
  }

  const CsvTable pas = CsvTable::read(dir / "population_age_sex.csv");
  t.persons_18_26 =
      pas.number(pas.require({{"year", "2024"}, {"age_band", "18-26"}, {"sex", "total"}}), "count");
  t.persons_0_17 = ps.scalar("population.share_0_17") * t.persons();
  t.male_share_under_65 = ps.scalar("population.male_share_under_65");
  t.male_share_65_plus = ps.scalar("population.male_share_65_plus");
  return t;
}

}  // namespace leidensim
