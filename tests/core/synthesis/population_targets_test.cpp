// PopulationTargets for an earlier year (a backcast's base population): the 2024 districts
// scaled to the year's published city age bands, the bijstand stock of the end of the year
// before; a year the pack cannot describe is an input error naming the file.
#include "leidensim/synthesis/population_targets.hpp"

#include <gtest/gtest.h>

#include "leidensim/errors.hpp"
#include "leidensim/synthesis/population_builder.hpp"
#include "support/test_model.hpp"

namespace leidensim {
namespace {

double band_sum(const PopulationTargets& t, int from, int to) {
  double s = 0;
  for (const auto& d : t.districts)
    for (int b = from; b <= to; ++b) s += d.persons_by_band[b];
  return s;
}

TEST(PopulationTargets, PackYearIsThePacksOwnFigures) {
  const auto t = PopulationTargets::load(test::data_dir(), test::parameters());
  EXPECT_EQ(t.year, kPackYear);
  EXPECT_EQ(t.reference_date, "2024-01-01");
  EXPECT_NEAR(t.persons(), 130108, 5);  // the districts' sum; the city total is 130,108
  EXPECT_DOUBLE_EQ(t.bijstand_recipients,
                   test::parameters().scalar("population.bijstand_recipients"));
}

TEST(PopulationTargets, EarlierYearMatchesThePublishedCityBands) {
  const auto t2024 = PopulationTargets::load(test::data_dir(), test::parameters());
  const auto t = PopulationTargets::load(test::data_dir(), test::parameters(), 2017);
  EXPECT_EQ(t.reference_date, "2017-01-01");
  // population_age_sex.csv, 1 January 2017: 0-19 23,964, 20-64 82,015, 65+ 17,774.
  EXPECT_NEAR(t.persons(), 123753, 1);
  EXPECT_NEAR(band_sum(t, 3, 3), 17774, 1e-6);
  EXPECT_NEAR(band_sum(t, 0, 2), 123753 - 17774, 1e-6);
  // labour_benefits.csv: 3,544 periodic bijstand benefits on 31 December 2016.
  EXPECT_DOUBLE_EQ(t.bijstand_recipients, 3544);
  // Households follow each district's persons; the district pattern is 2024's.
  for (std::size_t d = 0; d < t.districts.size(); ++d) {
    const auto& a = t.districts[d];
    const auto& b = t2024.districts[d];
    EXPECT_NEAR(a.households / a.persons, b.households / b.persons, 1e-12) << a.name;
  }
}

TEST(PopulationTargets, YearWithoutFiguresIsAnInputErrorNamingTheFile) {
  try {
    PopulationTargets::load(test::data_dir(), test::parameters(), 2005);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("population_age_sex.csv"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("2005-01-01"), std::string::npos) << e.what();
  }
}

TEST(PopulationTargets, BuiltPopulationOfAnEarlierYearMeetsItsTargets) {
  const auto r = build_population(test::data_dir(), test::parameters(), 20170101, 1.0, 2017);
  EXPECT_NEAR(static_cast<double>(r.population.persons()), 123753, 0.01 * 123753);
  std::string failing;
  for (const auto& row : r.report)
    if (!row.within_tolerance()) failing += row.group + " / " + row.name + "\n";
  EXPECT_TRUE(failing.empty()) << failing;
}

}  // namespace
}  // namespace leidensim
