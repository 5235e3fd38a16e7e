#include "leidensim/comparison.hpp"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include "leidensim/plugin_loader.hpp"
#include "leidensim/scenario.hpp"
#include "support/test_model.hpp"

namespace leidensim {
namespace {

TEST(Estimate, MeanAndStudentInterval) {
  const Estimate e = estimate({1, 2, 3, 4, 5});
  EXPECT_DOUBLE_EQ(e.mean, 3);
  // sd = 1.5811, se = 0.7071, t(4) = 2.776
  EXPECT_NEAR(e.high - e.mean, 2.776 * 0.70711, 1e-3);
  const Estimate zero = estimate({0, 0, 0});
  EXPECT_EQ(zero.low, 0);
  EXPECT_EQ(zero.high, 0);
}

Scenario scenario(const std::string& name, const nlohmann::json& measures, std::uint64_t seed) {
  nlohmann::json j = {{"name", name},        {"data", test::data_dir().string()},
                      {"scale", 0.05},       {"years", 3},
                      {"replications", 20},  {"seed", seed},
                      {"measures", measures}};
  return Scenario::parse(j, name + ".json");
}

std::vector<ScenarioResult> run(const std::vector<Scenario>& scenarios) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 2);
  const PluginLoader loader({test::source_dir() / "build"});  // unused: fixtures by path below
  std::vector<ModelSpec> specs;
  for (const auto& s : scenarios) specs.push_back(make_model_spec(s, builtin_registry(), loader));
  std::vector<RunPlan> plans;
  for (const auto& spec : specs)
    for (int r = 0; r < 20; ++r) plans.push_back({&spec, static_cast<std::uint32_t>(r)});
  auto runs = run_plans(plans);
  std::vector<ScenarioResult> out;
  for (std::size_t s = 0; s < scenarios.size(); ++s) {
    ScenarioResult r;
    r.name = scenarios[s].name;
    r.districts = specs[s].districts;
    r.start = specs[s].start;
    for (int k = 0; k < 20; ++k) r.replications.push_back(runs[s * 20 + k]);
    out.push_back(std::move(r));
  }
  return out;
}

const std::string& measure() {
  static const std::string path =
      (std::filesystem::path(LEIDENSIM_FIXTURE_DIR) / "libleidensim_test_measure.so").string();
  return path;
}

TEST(Comparison, AZeroEffectMeasureGivesExactlyZeroDifferences) {
  // The test measure with a multiplier of 1 enrols people but changes nothing: every paired
  // difference is exactly 0, because both scenarios share their draws.
  const auto results =
      run({scenario("base", nlohmann::json::array(), 7),
           scenario("no_effect",
                    {{{"name", "test_measure"},
                      {"plugin", measure()},
                      {"params", {{"job_finding_multiplier", 1.0}, {"annual_budget", 1e6}}}}},
                    7)});
  const Comparison c = compare_scenarios(results);
  std::size_t checked = 0;
  for (const auto& row : c.indicators) {
    if (row.scenario != 1) continue;
    ASSERT_EQ(row.difference.mean, 0) << indicator_table()[int(row.indicator)].name;
    ASSERT_EQ(row.difference.low, 0);
    ASSERT_EQ(row.difference.high, 0);
    ++checked;
  }
  EXPECT_GT(checked, 100u);
  for (const auto& e : c.net_effects) {
    EXPECT_GT(e.measure_cost.mean, 0);  // it costs money
    EXPECT_EQ(e.avoided_cost.mean, 0);  // and avoids nothing
    EXPECT_TRUE(e.bijstand_years.contains(0));
  }
}

TEST(Comparison, CommonRandomNumbersNarrowTheIntervalsOfDifferences) {
  const nlohmann::json strong = {
      {{"name", "test_measure"},
       {"plugin", measure()},
       {"params", {{"job_finding_multiplier", 3.0}, {"annual_budget", 5e6}}}}};
  const auto paired = run({scenario("base", nlohmann::json::array(), 7), scenario("m", strong, 7)});
  const auto independent =
      run({scenario("base", nlohmann::json::array(), 7), scenario("m", strong, 99)});
  auto width = [](const Comparison& c) {
    double w = 0;
    for (const auto& row : c.indicators)
      if (row.scenario == 1 && row.district == -1 && row.indicator == Indicator::Employed)
        w += row.difference.width();
    return w;
  };
  const double w_crn = width(compare_scenarios(paired));
  const double w_ind = width(compare_scenarios(independent));
  RecordProperty("ci_width_ratio_independent_over_crn", std::to_string(w_ind / w_crn));
  std::printf("CI width of the employed difference: CRN %.1f, independent seeds %.1f, ratio %.1f\n",
              w_crn, w_ind, w_ind / w_crn);
  EXPECT_GT(w_ind / w_crn, 3.0);
}

}  // namespace
}  // namespace leidensim
