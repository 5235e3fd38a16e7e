// The HTML report: one self-contained page (no external references, no scripts) with a chart per
// key indicator and scenario difference, the budget and net effects tables, the parameter
// register, the provenance, HTML escaping, "n/a" for undefined numbers, and no half file after a
// failed write.
#include "leidensim/outputs/html_report.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include "html_report_sample.hpp"

namespace leidensim {
namespace {

namespace fs = std::filesystem;
using outputs::html_escape;
using outputs::html_report_indicators;
using outputs::write_html_report;

fs::path temp_folder(const std::string& name) {
  const fs::path p = fs::temp_directory_path() /
                     ("leidensim_html_" + name + "_" +
                      std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(HtmlReport, ChartsTablesAndProvenance) {
  const auto sample = test::sample_report(6, 4);
  const fs::path dir = temp_folder("full");
  const fs::path file = dir / "report.html";
  write_html_report(file, sample.scenarios, sample.comparison, sample.provenance);
  ASSERT_TRUE(fs::exists(file));
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 1) << "no temporary file is left";
  const std::string html = read(file);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("</html>"), std::string::npos);

  const int K = static_cast<int>(html_report_indicators().size());
  EXPECT_EQ(K, 9);
  // One time chart and one difference chart (second scenario vs the first) per key indicator.
  EXPECT_EQ(count(html, "class=\"chart\""), 2 * K);
  EXPECT_EQ(count(html, "data-chart=\"time\""), K);
  EXPECT_EQ(count(html, "data-chart=\"difference\""), K);
  for (const char* name :
       {"employed", "bijstand", "households_in_poverty", "children_in_poverty", "problematic_debt",
        "jeugdhulp", "wmo", "early_school_leavers", "neet_16_27"})
    EXPECT_EQ(count(html, std::string("data-indicator=\"") + name + "\""), 2) << name;
  // Time charts: a band and a line per scenario; difference charts: one each and a zero line.
  EXPECT_EQ(count(html, "<polygon class=\"band\""), 3 * K);
  EXPECT_EQ(count(html, "<path class=\"series\""), 3 * K);
  EXPECT_EQ(count(html, "<line class=\"zero\""), K);
  // Axes with year ticks 2025..2030 and value labels.
  EXPECT_EQ(count(html, "class=\"axis x-axis\""), 2 * K);
  EXPECT_EQ(count(html, ">2025</text>"), 2 * K);
  EXPECT_EQ(count(html, ">2030</text>"), 2 * K);
  EXPECT_GT(count(html, "class=\"tick-label\""), 2 * K * 3);

  // Budget: 6 years x 5 programmes, both scenarios and the difference side by side.
  EXPECT_EQ(count(html, "<table class=\"budget\""), 1);
  EXPECT_EQ(count(html, "class=\"budget-row"), 6 * kProgrammes);
  for (const char* code : {"7", "8C", "9", "10", "other"})
    EXPECT_EQ(count(html, std::string("data-programme=\"") + code + "\""), 6) << code;
  EXPECT_NE(html.find("<th>baseline</th><th>schuldhulp</th><th>&Delta; schuldhulp</th>"),
            std::string::npos);
  // Net effects: horizons 5 and 6 (the run's length).
  EXPECT_EQ(count(html, "<table class=\"net-effects\""), 1);
  EXPECT_EQ(count(html, "class=\"net-effect\""), 2);
  EXPECT_EQ(count(html, "data-horizon=\"5\""), 1);
  EXPECT_EQ(count(html, "data-horizon=\"6\""), 1);

  // Provenance.
  for (const char* s :
       {"0.0.0-test", "20240101", "test-host", "2026-01-01T00:01:00Z",
        "<details class=\"scenario-json\"><summary>Scenario baseline",
        "<details class=\"scenario-json\"><summary>Scenario schuldhulp", "debt_help"})
    EXPECT_NE(html.find(s), std::string::npos) << s;

  // Self-contained: nothing to fetch, nothing to run; strings escaped.
  const std::string l = lower(html);
  for (const char* s : {"http:", "https:", "<script", "<link", "src=", "@import", "url(", "<iframe",
                        "<img", "//fonts"})
    EXPECT_EQ(l.find(s), std::string::npos) << s;
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"),
            std::string::npos);
  fs::remove_all(dir);
}

TEST(HtmlReport, UndefinedNumbersAndOneScenario) {
  auto sample = test::sample_report(2, 3);
  NetEffect e;
  e.scenario = 1;
  e.horizon_years = 30;
  e.euro_per_bijstand_year_less = std::numeric_limits<double>::quiet_NaN();
  e.euro_per_poverty_year_less = std::numeric_limits<double>::infinity();
  e.social_return = std::numeric_limits<double>::quiet_NaN();
  sample.comparison.net_effects = {e};
  const fs::path dir = temp_folder("nan");
  write_html_report(dir / "r.html", sample.scenarios, sample.comparison, sample.provenance);
  const std::string html = read(dir / "r.html");
  EXPECT_EQ(count(html, "<td class=\"num\">n/a</td>"), 3);
  for (const char* s : {">nan", "nan<", "-nan", ">inf", "inf<"})
    EXPECT_EQ(lower(html).find(s), std::string::npos) << s;

  // One scenario: time charts only, no net effects.
  Comparison one = compare_scenarios({sample.scenarios[0]});
  write_html_report(dir / "one.html", {sample.scenarios[0]}, one, nlohmann::json::object());
  const std::string h1 = read(dir / "one.html");
  EXPECT_EQ(count(h1, "class=\"chart\""), 9);
  EXPECT_EQ(count(h1, "data-chart=\"difference\""), 0);
  EXPECT_EQ(count(h1, "class=\"net-effect\""), 0);
  EXPECT_EQ(count(h1, "class=\"budget-row"), 2 * kProgrammes);
  fs::remove_all(dir);
}

TEST(HtmlReport, ParameterRegisterSection) {
  const auto sample = test::sample_report(2, 2);
  const fs::path dir = temp_folder("register");
  write_html_report(dir / "r.html", sample.scenarios, sample.comparison, sample.provenance,
                    sample.registers);
  const std::string html = read(dir / "r.html");
  EXPECT_EQ(count(html, "<section class=\"parameter-register\">"), 1);
  // The section comes before the provenance.
  EXPECT_LT(html.find("id=\"parameters\""), html.find("id=\"provenance\""));
  // Model parameters once: three rows, not one per scenario.
  EXPECT_EQ(count(html, "<table class=\"parameters model-parameters\""), 1);
  EXPECT_EQ(count(html, "data-name=\"labour.job_loss_monthly\""), 1);
  EXPECT_EQ(count(html, "data-name=\"demography.mortality_annual_male\""), 1);
  EXPECT_EQ(count(html, "data-name=\"debt.inflow_monthly\""), 1);
  // A table is shortened; a value a scenario set is shown per scenario with its origin.
  EXPECT_NE(html.find("5 values, 0.0001\u20131"), std::string::npos);
  EXPECT_EQ(count(html, "class=\"parameter overridden\""), 2);
  EXPECT_NE(html.find("<strong>baseline</strong>: 0.0035 (data pack)"), std::string::npos);
  EXPECT_NE(html.find("<strong>schuldhulp</strong>: 0.004 <span class=\"set-by\">(set by "
                      "schuldhulp.json: /<wbr>parameters/<wbr>labour.job_loss_monthly)</span>"),
            std::string::npos);
  // Measure parameters per scenario: none for the baseline, three for schuldhulp.
  EXPECT_NE(html.find("<p class=\"note\" data-scenario=\"baseline\">No policy measures.</p>"),
            std::string::npos);
  EXPECT_EQ(count(html,
                  "<table class=\"parameters measure-parameters\" "
                  "data-scenario=\"schuldhulp\""),
            1);
  EXPECT_EQ(count(html, "data-name=\"debt_help."), 3);
  EXPECT_NE(html.find("<td class=\"num\">0.7&ndash;0.95</td>"), std::string::npos);
  EXPECT_NE(
      html.find("<td class=\"set-by\">schuldhulp.json: /<wbr>measures/<wbr>0/<wbr>params/<wbr>"
                "annual_budget</td>"),
      std::string::npos);
  // Quality marks, sources (escaped) and notes; a parameter without a source says so.
  EXPECT_EQ(count(html, "data-quality=\"derived\""), 2);
  EXPECT_EQ(count(html, "data-quality=\"assumption\""), 3);
  EXPECT_EQ(count(html, "data-quality=\"none\""), 1);
  EXPECT_NE(html.find("labour_benefits.csv &lt;derived&gt;"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"param-note\">note on debt.inflow_monthly</span>"),
            std::string::npos);
  EXPECT_NE(html.find("<em>no source: not in the data pack</em>"), std::string::npos);
  // Without registers there is no section.
  write_html_report(dir / "none.html", sample.scenarios, sample.comparison, sample.provenance);
  EXPECT_EQ(read(dir / "none.html").find("parameter-register"), std::string::npos);
  fs::remove_all(dir);
}

TEST(HtmlReport, FailedWriteLeavesNoFile) {
  const auto sample = test::sample_report(1, 2);
  const fs::path dir = temp_folder("fail");
  // The target is a non-empty directory: the final rename fails.
  fs::create_directories(dir / "report.html" / "x");
  EXPECT_ANY_THROW(write_html_report(dir / "report.html", sample.scenarios, sample.comparison, {}));
  int entries = 0;
  for ([[maybe_unused]] const auto& x : fs::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 1);
  EXPECT_TRUE(fs::is_directory(dir / "report.html"));
  EXPECT_ANY_THROW(write_html_report(dir / "", sample.scenarios, sample.comparison, {}));
  fs::remove_all(dir);
}

TEST(HtmlReport, Escape) {
  EXPECT_EQ(html_escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
  EXPECT_EQ(html_escape("plain"), "plain");
}

}  // namespace
}  // namespace leidensim
