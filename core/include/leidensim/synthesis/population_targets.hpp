#pragma once
// The marginals the synthetic base population is fitted to, read from a data pack
// (districts.csv, households.csv, population_age_sex.csv, labour_benefits.csv) and
// parameters.csv.
//
// Age bands of the fit (persons): 0-17, 18-24, 25-26, 27-44, 45-64, 65-74, 75+. They refine both
// the district bands (0-24, 25-44, 45-64, 65+) and the city bands (0-17, 18-26), so one template
// can count towards both.
#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "leidensim/parameters.hpp"
#include "leidensim/population.hpp"

namespace leidensim {

enum class FitBand : std::uint8_t { A0_17, A18_24, A25_26, A27_44, A45_64, A65_74, A75p };
inline constexpr int kFitBands = 7;
/// Lowest and highest age (years) of a fit band.
std::pair<int, int> fit_band_ages(FitBand b);
inline constexpr int kDistrictBands = 4;  // 0-24, 25-44, 45-64, 65+
int district_band_of(FitBand b);
const char* district_band_name(int band);

/// Household types whose city count is a fit constraint: those with children (published). The
/// split of the others is the pack's assumption, used only as the fit's prior.
bool fitted_household_type(HouseholdType t);

struct DistrictTargets {
  std::string name;
  std::string code;  // CBS wijk code, e.g. WK054600
  double persons = 0;
  std::array<double, kDistrictBands> persons_by_band{};
  double households = 0;
  double households_with_children = 0;
};

/// The year whose 1 January the data pack describes in full (districts, household types).
inline constexpr int kPackYear = 2024;

struct PopulationTargets {
  int year = kPackYear;
  std::string reference_date;                                // e.g. 2024-01-01
  std::vector<DistrictTargets> districts;                    // in CBS code order
  std::array<double, kHouseholdTypes> households_by_type{};  // city
  double persons_0_17 = 0;                                   // city
  double persons_18_26 = 0;                                  // city
  double male_share_under_65 = 0;
  double male_share_65_plus = 0;
  double bijstand_recipients = 0;  // benefit households

  double persons() const;
  double households() const;
  /// The targets for 1 January of `year`. For kPackYear they are the pack's own figures; for an
  /// earlier year (a backcast) the 2024 district structure is scaled to that year's published
  /// city age bands (0-19, 20-64, 65+) and the bijstand stock is the published count at the end
  /// of the year before. A year without those figures is an InputError naming the file.
  static PopulationTargets load(const std::filesystem::path& data_dir, const ParameterSet& ps,
                                int year = kPackYear);
};

}  // namespace leidensim
