// The conformance suite: every measure loads, rejects bad parameters with a clear message,
// never enrols more than its capacity nor spends more than its budget, is deterministic, posts
// its costs, leaves the baseline bitwise unchanged with a zero budget, and moves the outcomes it
// targets in the expected direction with a budget.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <fstream>
#include <set>
#include <sstream>

#include "leidensim/errors.hpp"
#include "leidensim/measure.hpp"
#include "leidensim/plugin_loader.hpp"
#include "leidensim/replication_runner.hpp"
#include "leidensim/scenario.hpp"
#include "support/test_model.hpp"

namespace leidensim {
namespace {

namespace fs = std::filesystem;

struct MeasureCase {
  const char* name;
  Indicator target;  // an outcome the measure targets
  int direction;     // -1: should fall, +1: should rise
  Programme programme;
};

std::ostream& operator<<(std::ostream& os, const MeasureCase& c) {
  return os << c.name;
}

const PluginLoader& loader() {
  static const PluginLoader l({fs::path(LEIDENSIM_TEST_PLUGIN_DIR)});
  return l;
}

Scenario scenario(const std::string& measure, const nlohmann::json& params, int years = 4,
                  double scale = 0.05) {
  nlohmann::json j = {{"data", test::data_dir().string()},
                      {"scale", scale},
                      {"years", years},
                      {"replications", 1},
                      {"seed", 4242},
                      {"start", "2024-01"}};
  if (!measure.empty()) j["measures"] = {{{"name", measure}, {"params", params}}};
  return Scenario::parse(j, "conformance.json");
}

class Conformance : public ::testing::TestWithParam<MeasureCase> {
 protected:
  std::string name() const { return GetParam().name; }
  ModelSpec spec(const nlohmann::json& params, int years = 4, double scale = 0.05) const {
    return make_model_spec(scenario(name(), params, years, scale), builtin_registry(), loader());
  }
};

TEST_P(Conformance, LoadsWithDescriptorSchemaAndReadme) {
  const ModuleDescriptor d = loader().load_by_name(name());
  EXPECT_EQ(d.name, name());
  EXPECT_EQ(d.kind, ModuleKind::Plugin);
  EXPECT_FALSE(d.version.empty());
  EXPECT_FALSE(d.description.empty());
  ASSERT_TRUE(d.parameter_schema.contains("properties"));
  std::ifstream in(fs::path(LEIDENSIM_TEST_PLUGIN_SOURCES) / name() / "README.md");
  ASSERT_TRUE(in) << "plugins/" << name() << "/README.md is missing";
  std::stringstream readme;
  readme << in.rdbuf();
  for (const auto& [param, sub] : d.parameter_schema["properties"].items()) {
    EXPECT_TRUE(sub.contains("default")) << name() << ": parameter " << param << " has no default";
    EXPECT_NE(readme.str().find(param), std::string::npos)
        << name() << ": README.md does not document parameter " << param;
  }
}

TEST_P(Conformance, RejectsBadParametersNamingThePath) {
  for (const auto& [bad, path] : std::vector<std::pair<nlohmann::json, std::string>>{
           {{{"annual_budget", -1}}, "/measures/0/params/annual_budget"},
           {{{"no_such_parameter", 1}}, "/measures/0/params/no_such_parameter"},
           {{{"programme", "12"}}, "/measures/0/params/programme"},
           {{{"duration_months", "long"}}, "/measures/0/params/duration_months"}}) {
    try {
      spec(bad, 1, 0.01);
      ADD_FAILURE() << name() << " accepted " << bad.dump();
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("conformance.json: " + path), std::string::npos)
          << e.what();
    }
  }
}

struct RunOutcome {
  std::uint64_t population_hash, indicator_hash;
  std::vector<std::int64_t> measure_cost_by_year;
  std::int64_t max_enrolled = 0;
};

RunOutcome run(const ModelSpec& spec, std::uint32_t replication, int threads = 2) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(threads));
  Simulation sim(spec, replication);
  RunOutcome o{};
  while (sim.step()) {
    std::int64_t enrolled = 0;
    for (std::uint32_t p = 0; p < sim.population().person_slots(); ++p)
      enrolled += sim.population().present(p) && (sim.population().measure_bits[p] & 1u);
    o.max_enrolled = std::max(o.max_enrolled, enrolled);
  }
  o.population_hash = sim.population().hash();
  o.indicator_hash = hash_indicators(sim.indicators());
  for (int y = 0; y < sim.ledger().months() / 12; ++y) {
    std::int64_t cost = 0;
    for (int p = 0; p < kProgrammes; ++p)
      cost += sim.ledger().yearly(y, Programme(p), LedgerCategory::MeasureCost) +
              sim.ledger().yearly(y, Programme(p), LedgerCategory::TransfersToHouseholds);
    o.measure_cost_by_year.push_back(cost);
  }
  return o;
}

TEST_P(Conformance, NeverSpendsMoreThanItsBudgetAndPostsItsCosts) {
  const double budget = 400000;  // euros a year at Leiden's size
  const ModelSpec s = spec({{"annual_budget", budget}});
  const RunOutcome o = run(s, 0);
  for (std::size_t y = 0; y < o.measure_cost_by_year.size(); ++y) {
    EXPECT_GT(o.measure_cost_by_year[y], 0) << name() << " posted no cost in year " << y;
    EXPECT_LE(o.measure_cost_by_year[y], std::llround(budget * s.scale * 100) + 100)
        << name() << " overspent in year " << y;
  }
}

TEST_P(Conformance, NeverEnrolsMorePlacesThanItsCapacity) {
  if (std::string(name()) == "prevention_agreement") {
    // An area measure: its places are districts, every resident of a covered district takes
    // part. A budget for one and a half districts covers one.
    const ModuleDescriptor d = loader().load_by_name(name());
    const double per_district = d.parameter_schema["properties"]["cost_per_district"]["default"];
    const ModelSpec s = spec({{"annual_budget", 1.5 * per_district}}, 2);
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 2);
    Simulation sim(s, 0);
    std::set<int> districts;
    while (sim.step())
      for (std::uint32_t p = 0; p < sim.population().person_slots(); ++p)
        if (sim.population().present(p) && (sim.population().measure_bits[p] & 1u))
          districts.insert(sim.population().district[p]);
    EXPECT_EQ(districts.size(), 1u);
    return;
  }
  const ModelSpec s = spec({{"places", 40}});
  const RunOutcome o = run(s, 0);
  const auto module = test::create(s.modules.back(), s, s.modules.back().params, 0);
  const auto* measure = dynamic_cast<const Measure*>(module.get());
  ASSERT_NE(measure, nullptr);
  EXPECT_EQ(measure->capacity(), 2);  // 40 places at scale 0.05
  EXPECT_LE(o.max_enrolled, measure->capacity());
  EXPECT_GT(o.max_enrolled, 0);
}

TEST_P(Conformance, IsDeterministicAtAnyThreadCount) {
  const ModelSpec s = spec(nlohmann::json::object(), 3);
  const RunOutcome one = run(s, 1, 1), two = run(s, 1, 2), again = run(s, 1, 2);
  EXPECT_EQ(one.population_hash, two.population_hash);
  EXPECT_EQ(one.indicator_hash, two.indicator_hash);
  EXPECT_EQ(two.indicator_hash, again.indicator_hash);
  EXPECT_EQ(one.measure_cost_by_year, two.measure_cost_by_year);
}

TEST_P(Conformance, ZeroBudgetIsBitwiseTheBaseline) {
  const ModelSpec with = spec({{"annual_budget", 0}}, 3);
  const ModelSpec without = make_model_spec(scenario("", {}, 3), builtin_registry(), loader());
  for (std::uint32_t r = 0; r < 2; ++r) {
    const RunOutcome a = run(with, r), b = run(without, r);
    EXPECT_EQ(a.population_hash, b.population_hash) << name() << " replication " << r;
    EXPECT_EQ(a.indicator_hash, b.indicator_hash) << name() << " replication " << r;
  }
}

TEST_P(Conformance, MovesItsTargetOutcomeInTheExpectedDirection) {
  // Paired over 50 replications (common random numbers), with a budget large enough to matter
  // at this scale.
  const ModelSpec with = spec({{"annual_budget", 4e6}}, 4);
  const ModelSpec without = make_model_spec(scenario("", {}, 4), builtin_registry(), loader());
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 2);
  const auto a = run_replications(with, 50), b = run_replications(without, 50);
  double diff = 0;
  const Indicator target = GetParam().target;
  for (std::size_t r = 0; r < a.size(); ++r)
    for (int y = 0; y < 4; ++y)
      diff += static_cast<double>(a[r].indicators.yearly_city(y, target) -
                                  b[r].indicators.yearly_city(y, target));
  EXPECT_LT(diff * GetParam().direction * -1, 0)
      << name() << ": " << indicator_table()[static_cast<int>(target)].name << " moved by " << diff
      << " (summed over replications and years)";
}

INSTANTIATE_TEST_SUITE_P(
    Measures, Conformance,
    ::testing::Values(MeasureCase{"jobcoach", Indicator::Bijstand, -1, Programme::WerkInkomen},
                      MeasureCase{"poverty_relief", Indicator::HouseholdsInPoverty, -1,
                                  Programme::WerkInkomen},
                      MeasureCase{"prevention_agreement", Indicator::Jeugdhulp, -1,
                                  Programme::MaatschappelijkeOndersteuning}),
    [](const auto& test_info) { return std::string(test_info.param.name); });

}  // namespace
}  // namespace leidensim
