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

bool fitted_household_type(HouseholdType t) {
  return t == HouseholdType::CoupleWithKids || t == HouseholdType::SingleParent;
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

namespace {

/// Persons on 1 January of `year` in the city bands 0-19, 20-64 and 65+ (the BRP series).
std::array<double, 3> city_bands(const CsvTable& pas, int year) {
  const std::string date = std::to_string(year) + "-01-01";
  std::array<double, 3> v{};
  const char* bands[] = {"0-19", "20-64", "65+"};
  for (int b = 0; b < 3; ++b) {
    const auto row = pas.find({{"reference_date", date}, {"age_band", bands[b]}, {"sex", "total"}});
    if (!row)
      throw InputError(input_error_message(
          pas.origin(), "age_band",
          "no persons aged " + std::string(bands[b]) + " on " + date +
              ": the population year must be one with the city's 0-19/20-64/65+ counts"));
    v[b] = pas.number(*row, "count");
  }
  return v;
}

void rescale_to_year(PopulationTargets& t, const std::filesystem::path& dir, int year) {
  // The pack describes the districts only on 1 January 2024. For another year the 2024 district
  // structure is kept and scaled to the city's published age bands of that year: persons under 65
  // by the city's under-65 ratio, 65+ by the 65+ ratio; households in proportion to each
  // district's persons. The bijstand stock is the published count at the end of the year before.
  const CsvTable pas = CsvTable::read(dir / "population_age_sex.csv");
  const auto now = city_bands(pas, year);
  double under65_2024 = 0, over65_2024 = 0;
  for (const auto& d : t.districts) {
    under65_2024 += d.persons_by_band[0] + d.persons_by_band[1] + d.persons_by_band[2];
    over65_2024 += d.persons_by_band[3];
  }
  const double r_under = (now[0] + now[1]) / under65_2024;
  const double r_over = now[2] / over65_2024;
  const double persons_2024 = t.persons();
  for (auto& d : t.districts) {
    const double before = d.persons;
    for (int b = 0; b < 3; ++b) d.persons_by_band[b] *= r_under;
    d.persons_by_band[3] *= r_over;
    d.persons =
        d.persons_by_band[0] + d.persons_by_band[1] + d.persons_by_band[2] + d.persons_by_band[3];
    d.households *= d.persons / before;
    d.households_with_children *= d.persons / before;
  }
  for (auto& h : t.households_by_type) h *= t.persons() / persons_2024;
  const std::string date = std::to_string(year) + "-01-01";
  if (const auto row =
          pas.find({{"reference_date", date}, {"age_band", "18-26"}, {"sex", "total"}}))
    t.persons_18_26 = pas.number(*row, "count");
  else
    t.persons_18_26 *= r_under;

  const CsvTable lb = CsvTable::read(dir / "labour_benefits.csv");
  const std::string end_before = std::to_string(year - 1) + "-12-31";
  const auto row = lb.find({{"geography", "Leiden"},
                            {"reference_date", end_before},
                            {"indicator", "bijstand_recipients_total_periodic"}});
  if (!row)
    throw InputError(input_error_message(
        lb.origin(), "indicator",
        "no bijstand_recipients_total_periodic on " + end_before +
            ": a population year needs the bijstand stock at the end of the year before"));
  t.bijstand_recipients = lb.number(*row, "value");
}

}  // namespace

PopulationTargets PopulationTargets::load(const std::filesystem::path& dir, const ParameterSet& ps,
                                          int year) {
  PopulationTargets t;
  t.year = year;
  t.reference_date = std::to_string(year) + "-01-01";
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
  t.bijstand_recipients = ps.scalar("population.bijstand_recipients");
  if (year != kPackYear) rescale_to_year(t, dir, year);
  t.persons_0_17 = ps.scalar("population.share_0_17") * t.persons();
  t.male_share_under_65 = ps.scalar("population.male_share_under_65");
  t.male_share_65_plus = ps.scalar("population.male_share_65_plus");
  return t;
}

}  // namespace leidensim
