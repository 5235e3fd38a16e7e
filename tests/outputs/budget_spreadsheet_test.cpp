// The budget workbook: a valid .xlsx (a zip archive with the expected sheets, checked with
// `unzip`), the numbers in the right sheet, "n/a" for undefined ratios, and no half-written or
// temporary file left behind.
#include "leidensim/outputs/budget_spreadsheet.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace leidensim {
namespace {

namespace fs = std::filesystem;
using outputs::budget_sheet_name;
using outputs::write_budget_spreadsheet;

class SpreadsheetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("leidensim_xlsx_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

/// Output of a shell command (stdout), and its exit status.
std::string run(const std::string& command, int* status = nullptr) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("popen failed");
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  const int rc = ::pclose(pipe);
  if (status) *status = rc;
  return out;
}
std::string member(const fs::path& xlsx, const std::string& name) {
  int status = 0;
  std::string out = run("unzip -p '" + xlsx.string() + "' '" + name + "' 2>/dev/null", &status);
  EXPECT_EQ(status, 0) << name;
  return out;
}
bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}
std::string escaped(std::string s) {  // XML escaping of '&'
  for (std::size_t k = 0; (k = s.find('&', k)) != std::string::npos; k += 5)
    s.replace(k, 1, "&amp;");
  return s;
}

Estimate est(double mean, double half) {
  return {mean, mean - half, mean + half};
}

Comparison hand_made() {
  Comparison c;
  c.scenarios = {"baseline", "Kindpakket"};
  c.replications = 4;
  c.discount_rate = 0.03;
  for (int s = 0; s < 2; ++s)
    for (int y = 2025; y <= 2027; ++y)
      for (int p = 0; p < kProgrammes; ++p) {
        BudgetRow r{s, y, static_cast<Programme>(p), est(1000.0 * (p + 1) + y, 10), {}};
        if (s == 1) r.difference = est(-50.0 * (p + 1), 5);
        if (s == 1 && y == 2026 && static_cast<Programme>(p) == Programme::WerkInkomen) {
          r.value = est(1234567.25, 100);
          r.difference = est(-98765.5, 20);
        }
        c.budget.push_back(r);
      }
  for (int h : {5, 10, 30}) {
    NetEffect e;
    e.scenario = 1;
    e.horizon_years = h;
    e.measure_cost = est(424242.0 * h, 1000);
    e.avoided_cost = est(100000.0 * h, 1000);
    e.net_budget = est(324242.0 * h, 2000);
    e.bijstand_years = est(-2.5 * h, 1);
    e.poverty_years = est(0, 0);
    e.euro_per_bijstand_year_less = 129696.8;
    e.euro_per_poverty_year_less = std::numeric_limits<double>::quiet_NaN();
    e.social_return = 100000.0 / 424242.0;
    c.net_effects.push_back(e);
  }
  return c;
}

TEST(SpreadsheetNames, ProgrammeSheetNamesAreValidForExcel) {
  EXPECT_EQ(budget_sheet_name(Programme::JeugdOnderwijs), "7 Jeugd & Onderwijs");
  EXPECT_EQ(budget_sheet_name(Programme::Sport), "8C Sport");
  EXPECT_EQ(budget_sheet_name(Programme::MaatschappelijkeOndersteuning),
            "9 Maatsch. Ondersteuning");
  EXPECT_EQ(budget_sheet_name(Programme::WerkInkomen), "10 Werk & Inkomen");
  EXPECT_EQ(budget_sheet_name(Programme::Other), "other");
  for (int p = 0; p < kProgrammes; ++p) {
    const std::string name = budget_sheet_name(static_cast<Programme>(p));
    EXPECT_LE(name.size(), 31u) << name;
    EXPECT_EQ(name.find_first_of("[]:*?/\\"), std::string::npos) << name;
  }
}

TEST_F(SpreadsheetTest, WritesAZipWithEverySheetAndTheNumbers) {
  const fs::path file = dir_ / "budget.xlsx";
  write_budget_spreadsheet(file, {}, hand_made());
  ASSERT_TRUE(fs::exists(file));
  EXPECT_GT(fs::file_size(file), 1000u);

  int status = 0;
  const std::string listing = run("unzip -l '" + file.string() + "'", &status);
  ASSERT_EQ(status, 0) << listing;
  EXPECT_TRUE(contains(listing, "xl/workbook.xml"));
  EXPECT_TRUE(contains(listing, "xl/worksheets/sheet7.xml"));
  EXPECT_EQ(run("unzip -tq '" + file.string() + "' >/dev/null 2>&1; echo $?"), "0\n");

  const std::string workbook = member(file, "xl/workbook.xml");
  std::vector<std::string> sheets;
  for (int p = 0; p < kProgrammes; ++p)
    sheets.push_back(budget_sheet_name(static_cast<Programme>(p)));
  sheets.push_back("Net effects");
  sheets.push_back("About");
  std::size_t previous = 0;
  for (std::size_t k = 0; k < sheets.size(); ++k) {
    const std::string tag =
        "name=\"" + escaped(sheets[k]) + "\" sheetId=\"" + std::to_string(k + 1) + "\"";
    const std::size_t at = workbook.find(tag);
    ASSERT_NE(at, std::string::npos) << tag << "\n" << workbook;
    EXPECT_GE(at, previous) << "sheet order";
    previous = at;
  }

  // Programme 10 is the fourth sheet; its known mean and difference are there and nowhere else.
  const std::string werk = member(file, "xl/worksheets/sheet4.xml");
  EXPECT_TRUE(contains(werk, "<v>1234567.25</v>"));
  EXPECT_TRUE(contains(werk, "<v>-98765.5</v>"));
  EXPECT_TRUE(contains(werk, "<pane "));  // frozen header
  EXPECT_TRUE(contains(werk, "<col "));   // column widths
  EXPECT_FALSE(contains(member(file, "xl/worksheets/sheet1.xml"), "1234567.25"));
  EXPECT_TRUE(contains(member(file, "xl/styles.xml"), "#,##0"));

  const std::string net = member(file, "xl/worksheets/sheet6.xml");
  EXPECT_TRUE(contains(net, "<v>" + std::to_string(424242 * 10) + "</v>"));
  EXPECT_TRUE(contains(net, "<v>129696.8</v>"));
  const std::string strings = member(file, "xl/sharedStrings.xml");
  EXPECT_TRUE(contains(strings, "n/a"));
  EXPECT_TRUE(contains(strings, "Kindpakket minus baseline"));
  EXPECT_TRUE(contains(strings, "Common random numbers"));
  EXPECT_TRUE(contains(strings, "3% a year"));

  // Nothing else in the folder: the temporary file was renamed.
  int files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_)) ++files;
  EXPECT_EQ(files, 1);
}

TEST_F(SpreadsheetTest, OverwritesAnOldFileAndLeavesNothingOnFailure) {
  const fs::path file = dir_ / "budget.xlsx";
  { std::ofstream(file) << "old"; }
  write_budget_spreadsheet(file, {}, hand_made());
  EXPECT_GT(fs::file_size(file), 1000u);

  const fs::path missing = dir_ / "no" / "such" / "folder" / "budget.xlsx";
  EXPECT_THROW(write_budget_spreadsheet(missing, {}, hand_made()), std::runtime_error);
  EXPECT_FALSE(fs::exists(missing.parent_path()));
  int files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_)) ++files;
  EXPECT_EQ(files, 1);
}

// End to end through compare_scenarios: fixed ledger postings give a known yearly mean.
TEST_F(SpreadsheetTest, FromCompareScenarios) {
  constexpr int kMonths = 24, kReplications = 3;
  std::vector<ScenarioResult> scenarios(2);
  for (int s = 0; s < 2; ++s) {
    scenarios[s].name = s == 0 ? "baseline" : "Schuldhulp";
    scenarios[s].scenario = nlohmann::json::object();
    scenarios[s].modules = nlohmann::json::array();
    scenarios[s].districts = {"Binnenstad", "Stevenshof"};
    scenarios[s].start = YearMonth{2025, 1};
    for (int r = 0; r < kReplications; ++r) {
      ReplicationResult rr;
      rr.replication = static_cast<std::uint32_t>(r);
      rr.indicators = IndicatorSeries(kMonths, 2);
      rr.ledger = LedgerSeries(kMonths);
      for (int m = 0; m < kMonths; ++m) {
        LedgerCounts lc;
        lc.post(Programme::WerkInkomen, LedgerCategory::BijstandPaid, 100000 + s * 1000 + r);
        lc.post(Programme::WerkInkomen, LedgerCategory::MeasureCost, s * 500);
        rr.ledger.set_month(m, lc);
      }
      scenarios[s].replications.push_back(std::move(rr));
    }
  }
  const Comparison c = compare_scenarios(scenarios);
  const fs::path file = dir_ / "budget.xlsx";
  write_budget_spreadsheet(file, scenarios, c);
  const std::string workbook = member(file, "xl/workbook.xml");
  EXPECT_TRUE(contains(workbook, "name=\"10 Werk &amp; Inkomen\""));
  EXPECT_TRUE(contains(workbook, "name=\"Net effects\""));
  EXPECT_TRUE(contains(workbook, "name=\"About\""));
  // Schuldhulp, programme 10: 12 * (101000 + mean r 1 + 500) cents = 12180.12 euros a year.
  const std::string werk = member(file, "xl/worksheets/sheet4.xml");
  EXPECT_TRUE(contains(werk, "<v>12180.12</v>")) << werk.substr(0, 3000);
  EXPECT_TRUE(contains(werk, "<v>12000.12</v>"));  // baseline
  EXPECT_TRUE(contains(member(file, "xl/sharedStrings.xml"), "from 2025-01, 24 months"));
}

}  // namespace
}  // namespace leidensim
