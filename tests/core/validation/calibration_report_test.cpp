// The calibration report: every judged row of the simulated base year is within its tolerance;
// the report notices a model that drifts away from a target; its inputs are checked.
#include "leidensim/validation/calibration_report.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "leidensim/errors.hpp"
#include "leidensim/scenario.hpp"
#include "support/test_model.hpp"

namespace leidensim {
namespace {

namespace fs = std::filesystem;

ModelSpec base_year(const fs::path& data, double scale,
                    const std::vector<ParameterOverride>& overrides = {}) {
  Scenario s;
  s.data_dir = data;
  s.scale = scale;
  s.start = {kPackYear, 1};
  s.years = 1;
  s.parameters = overrides;
  return make_model_spec(s, builtin_registry());
}

const CalibrationRow* find(const std::vector<CalibrationRow>& rows, const std::string& name) {
  for (const auto& r : rows)
    if (r.name == name) return &r;
  return nullptr;
}

TEST(CalibrationReport, EveryJudgedRowOfTheBaseYearIsWithinTolerance) {
  const auto rows = run_calibration(base_year(test::data_dir(), 1.0), 2);
  std::set<std::string> groups;
  std::string failing;
  int judged = 0;
  for (const auto& r : rows) {
    groups.insert(r.group);
    EXPECT_FALSE(r.source.empty()) << r.group << " / " << r.name;
    if (!r.judged()) continue;
    ++judged;
    EXPECT_GT(r.standard_error, 0) << r.group << " / " << r.name;
    if (!r.pass())
      failing += r.group + " / " + r.name + ": " + std::to_string(r.simulated) + " vs " +
                 std::to_string(r.target) + "\n";
  }
  EXPECT_TRUE(failing.empty()) << failing;
  EXPECT_GT(judged, 60);
  // Every kind of target the pack has: districts, age, household types, sex, the social
  // attributes and the base year's flows.
  for (const char* g :
       {"persons by district", "households by district", "households with children by district",
        "persons by district and age", "households by type", "persons by age", "sex",
        "social attributes", "flows in the base year"})
    EXPECT_TRUE(groups.count(g)) << g;
  for (const char* n : {"bijstand recipients", "unemployment rate", "early school leavers a year",
                        "jeugdhulp, share of under-18s", "Wmo clients per 1000 inhabitants",
                        "problematic debt, share of households"})
    EXPECT_NE(find(rows, n), nullptr) << n;
}

TEST(CalibrationReport, AModelThatDriftsFailsItsRow) {
  // Three times the bijstand outflow empties a third of the stock within the year.
  const auto& ps = test::parameters();
  std::vector<double> out(ps.table("labour.bijstand_outflow", 3).begin(),
                          ps.table("labour.bijstand_outflow", 3).end());
  for (auto& v : out) v *= 3;
  const auto rows = run_calibration(
      base_year(test::data_dir(), 0.25, {{"labour.bijstand_outflow", out, "test"}}), 2);
  const auto* row = find(rows, "bijstand recipients");
  ASSERT_NE(row, nullptr);
  EXPECT_LT(row->deviation(), -row->tolerance);
  EXPECT_FALSE(row->pass());
}

TEST(CalibrationReport, NeedsTheBaseYearAndTwoReplications) {
  Scenario s;
  s.data_dir = test::data_dir();
  s.scale = 0.02;
  s.years = 1;  // starts 2025-01: a year of warm-up before the report would begin
  const ModelSpec late = make_model_spec(s, builtin_registry());
  EXPECT_THROW(run_calibration(late, 2), InputError);
  EXPECT_THROW(run_calibration(base_year(test::data_dir(), 0.02), 1), InputError);
}

TEST(CalibrationReport, AToleranceFileWithoutAGroupNamesTheFile) {
  const fs::path dir = fs::temp_directory_path() / ("leidensim_cal_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& e : fs::directory_iterator(test::data_dir()))
    if (e.path().extension() == ".csv") fs::copy_file(e.path(), dir / e.path().filename());
  // Keep every row but the one of the flows.
  {
    std::ifstream in(test::data_dir() / "calibration_tolerances.csv");
    std::ofstream out(dir / "calibration_tolerances.csv");
    for (std::string line; std::getline(in, line);)
      if (line.rfind("flows in the base year", 0) != 0) out << line << "\n";
  }
  try {
    run_calibration(base_year(dir, 0.02), 2);
    ADD_FAILURE() << "expected an InputError";
  } catch (const InputError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("calibration_tolerances.csv"), std::string::npos) << m;
    EXPECT_NE(m.find("flows in the base year"), std::string::npos) << m;
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace leidensim
