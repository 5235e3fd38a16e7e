// The model-validity outputs: the CSV tables hold every row with its verdict, and the HTML page
// is self-contained with a chart per backcast series.
#include "leidensim/outputs/validation_report.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "leidensim/outputs/validation_csv.hpp"

namespace leidensim {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& f) {
  std::ifstream in(f);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto p = text.find(needle); p != std::string::npos; p = text.find(needle, p + 1)) ++n;
  return n;
}

outputs::ValidationReport sample() {
  outputs::ValidationReport r;
  r.calibration = {{"persons by district", "Binnenstad-Zuid", "persons", "calibration", 8915, 8937,
                    8.5, 0.02, "districts.csv"},
                   {"social attributes", "unemployment rate", "share", "calibration", 0.04, 0.061,
                    0.001, 0.1, "parameters.csv, with a comma"},
                   {"households by type (assumed split, the fit's prior)", "single", "households",
                    "info", 38000, 45000, 30, 0, "households.csv"}};
  BackcastSeries s;
  s.name = "bijstand recipients (31 December)";
  s.unit = "benefit households";
  for (int y = 2017; y <= 2019; ++y)
    s.points.push_back({y, 3500.0 - 100 * (y - 2017), 3200.0 - 80 * (y - 2017),
                        3100.0 - 80 * (y - 2017), 3300.0 - 80 * (y - 2017), "labour_benefits.csv"});
  s.mape = 0.09;
  s.bound = 0.15;
  s.bound_note = "note <with> markup";
  r.backcast = {s};
  r.analytic = {
      {"markov_debt", "stationary share", 0.1667, 0.1659, 0.0005, 0.1645, 0.1689, true},
      {"survival", "survival from 40 to 80, men", 0.59, 0.55, 0.003, 0.578, 0.602, false}};
  r.provenance = {{"seed", 7}, {"program", "leidensim test"}};
  return r;
}

class ValidationOutputs : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("leidensim_validation_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(ValidationOutputs, CsvTablesHoldEveryRowWithItsVerdict) {
  const auto r = sample();
  outputs::write_calibration_csv(dir_, r.calibration);
  outputs::write_backcast_csv(dir_, r.backcast);
  outputs::write_analytic_checks_csv(dir_, r.analytic);
  const std::string cal = slurp(dir_ / "calibration.csv");
  EXPECT_EQ(count(cal, "\n"), 4u);
  EXPECT_NE(cal.find("Binnenstad-Zuid,persons,calibration,8915,8937,8.5,"), std::string::npos);
  EXPECT_NE(cal.find(",yes,districts.csv"), std::string::npos);  // 0.25% within 2%
  EXPECT_NE(cal.find(",no,\"parameters.csv, with a comma\""), std::string::npos);  // +52%
  EXPECT_NE(cal.find(",-,households.csv"), std::string::npos);  // info: not judged
  EXPECT_EQ(count(slurp(dir_ / "backcast.csv"), "\n"), 4u);
  EXPECT_NE(slurp(dir_ / "backcast_summary.csv").find(",0.089999999999999997,"), std::string::npos);
  const std::string an = slurp(dir_ / "analytic_checks.csv");
  EXPECT_NE(an.find("markov_debt,stationary share"), std::string::npos);
  EXPECT_NE(an.find(",no\n"), std::string::npos);
}

TEST_F(ValidationOutputs, EmptyPartsWriteNoFile) {
  outputs::write_backcast_csv(dir_, {});
  outputs::write_analytic_checks_csv(dir_, {});
  EXPECT_TRUE(fs::is_empty(dir_));
}

TEST_F(ValidationOutputs, PageIsSelfContainedWithAChartPerSeries) {
  const fs::path file = dir_ / "validation.html";
  outputs::write_validation_report(file, sample());
  const std::string html = slurp(file);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(count(html, "<svg"), 1u);
  EXPECT_EQ(count(html, "class=\"observed\""), 3u);
  EXPECT_EQ(count(html, "<polygon class=\"band\""), 1u);
  EXPECT_NE(html.find("1 of 2</b> judged rows"), std::string::npos) << "wrong count";
  EXPECT_NE(html.find("FAIL"), std::string::npos);
  EXPECT_NE(html.find("note &lt;with&gt; markup"), std::string::npos);  // escaped
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
  EXPECT_EQ(html.find("href=\"http"), std::string::npos);
  // Written in one piece: no temporary file left next to it.
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_)) ++files;
  EXPECT_EQ(files, 1u);
}

}  // namespace
}  // namespace leidensim
