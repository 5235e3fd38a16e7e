#include "leidensim/uncertainty/sweep.hpp"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "leidensim/errors.hpp"
#include "leidensim/plugin_loader.hpp"
#include "leidensim/scenario.hpp"
#include "support/test_model.hpp"

namespace leidensim::uncertainty {
namespace {

using nlohmann::json;

const PluginLoader& loader() {
  static const PluginLoader l({std::filesystem::path(LEIDENSIM_TEST_PLUGIN_DIR)});
  return l;
}

/// A small model: 5% of Leiden, 3 years. With a measure, jobcoach with a budget large enough
/// (EUR 20M at Leiden's size, 75 places at this scale) that its effect on bijstand is clear.
ModelSpec spec(bool with_measure, std::uint64_t seed = 20240101) {
  json j = {{"name", with_measure ? "jobcoach" : "base"},
            {"data", test::data_dir().string()},
            {"scale", 0.05},
            {"years", 3},
            {"seed", seed}};
  if (with_measure)
    j["measures"] = json::array({{{"name", "jobcoach"}, {"params", {{"annual_budget", 2e7}}}}});
  return make_model_spec(Scenario::parse(j, j["name"].get<std::string>() + ".json"),
                         builtin_registry(), loader());
}

struct Models {
  ModelSpec base = spec(false);
  std::set<std::string> synthesis_reads = base.parameters.used();
  ModelSpec scenario = spec(true);
};
const Models& models() {
  static const Models m;
  return m;
}

ParameterRegister register_of(const ModelSpec& s) {
  return build_parameter_register(s.parameters, s.modules,
                                  MeasureParameterTable::load_pack(s.data_dir));
}

SweepResult sweep(const std::string& vary, int samples, int replications, int threads = 2) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  const auto& m = models();
  auto params = sweep_parameters(m.scenario, register_of(m.scenario), {parse_vary(vary)}, false);
  return run_sweep(m.base, m.scenario, m.synthesis_reads,
                   make_design(std::move(params), samples, m.scenario.seed), replications);
}

std::size_t indicator(const std::string& name) {
  const auto& list = sweep_indicators();
  return static_cast<std::size_t>(
      std::find_if(list.begin(), list.end(), [&](const auto& i) { return i.name == name; }) -
      list.begin());
}

TEST(Sweep, DefaultRangesAreTheMeasuresRangesFromTheDataPack) {
  const auto& m = models();
  const auto params = sweep_parameters(m.scenario, register_of(m.scenario), {}, true);
  ASSERT_EQ(params.size(), 2u);
  EXPECT_EQ(params[0].name, "jobcoach.job_loss_multiplier");
  EXPECT_DOUBLE_EQ(params[0].low, 0.56);
  EXPECT_DOUBLE_EQ(params[0].high, 1.0);
  EXPECT_EQ(params[1].name, "jobcoach.outflow_multiplier");
  EXPECT_DOUBLE_EQ(params[1].low, 1.0);
  EXPECT_DOUBLE_EQ(params[1].high, 1.6);
  EXPECT_EQ(params[1].origin, "data pack");
  // --vary replaces a range and adds parameters; model parameters by name.
  const auto more = sweep_parameters(
      m.scenario, register_of(m.scenario),
      {parse_vary("jobcoach.outflow_multiplier=1:3"), parse_vary("labour.job_loss_monthly=0:0.01"),
       parse_vary("jobcoach.min_age_years=18:30")},
      true);
  ASSERT_EQ(more.size(), 4u);
  EXPECT_DOUBLE_EQ(more[1].high, 3.0);
  EXPECT_EQ(more[1].origin, "--vary");
  EXPECT_EQ(more[2].kind, ParameterKind::Model);
  EXPECT_TRUE(more[3].integer);
  // Without a measure, nothing has a default range.
  EXPECT_THROW(sweep_parameters(m.base, register_of(m.base), {}, true), InputError);
  EXPECT_THROW(sweep_parameters(m.scenario, register_of(m.scenario), {}, false), InputError);
}

TEST(Sweep, BadRangesAreInputErrorsNamingTheOption) {
  const auto& m = models();
  const auto reg = register_of(m.scenario);
  auto message = [&](const std::string& text) {
    try {
      sweep_parameters(m.scenario, reg, {parse_vary(text)}, false);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  for (const std::string bad :
       {"jobcoach.outflow_multiplier", "jobcoach.outflow_multiplier=1", "=1:2",
        "jobcoach.outflow_multiplier=a:2", "jobcoach.outflow_multiplier=2:1",
        "jobcoach.outflow_multiplier=1:11",                              // schema maximum 10
        "jobcoach.no_such_parameter=1:2", "poverty_relief.take_up=0:1",  // not in the scenario
        "jobcoach.include_disabled=0:1",                                 // not a number
        "labour.job_loss_monthly=0:2",                                   // outside [0, 1]
        "nothing.at_all=1:2"}) {
    const std::string msg = message(bad);
    EXPECT_NE(msg.find("--vary"), std::string::npos) << bad << ": " << msg;
    EXPECT_NE(msg.find(bad), std::string::npos) << bad << ": " << msg;
  }
  // A table parameter cannot be varied as one number.
  for (const auto& p : m.scenario.parameters.all())
    if (p.values.size() > 1) {
      const std::string msg = message(p.name + "=0:0");
      EXPECT_NE(msg.find("table"), std::string::npos) << msg;
      break;
    }
}

TEST(Sweep, DesignIsALatinHypercubeOfTheRanges) {
  SweepParameter a{"x.a", ParameterKind::Measure, "x", "a", 1.0, 3.0, false, "--vary"};
  SweepParameter b{"x.b", ParameterKind::Measure, "x", "b", 10, 20, true, "--vary"};
  const SweepDesign d = make_design({a, b}, 10, 99);
  ASSERT_EQ(d.samples(), 10);
  std::set<int> strata;
  for (const auto& v : d.values) {
    EXPECT_GE(v[0], 1.0);
    EXPECT_LT(v[0], 3.0);
    strata.insert(static_cast<int>((v[0] - 1.0) / 0.2));
    EXPECT_EQ(v[1], std::round(v[1]));
    EXPECT_GE(v[1], 10);
    EXPECT_LE(v[1], 20);
  }
  EXPECT_EQ(strata.size(), 10u);
  EXPECT_EQ(make_design({a, b}, 10, 99).values, d.values);
}

TEST(Sweep, AStrongEffectParameterDominatesTheUncertainty) {
  // The outflow multiplier from 1 (no effect) to 3: the samples' mean effects on bijstand spread
  // far beyond Monte Carlo noise, and a higher multiplier means fewer in bijstand.
  const SweepResult r = sweep("jobcoach.outflow_multiplier=1.0:3.0", 8, 4);
  const auto& d = r.decomposition[indicator("bijstand")];
  EXPECT_LT(d.mean_effect, 0);
  EXPECT_GT(d.mc_sd_run, 0);
  EXPECT_GT(d.parameter_share, 0.5)
      << "parameter sd " << d.parameter_sd << ", MC sd of a mean " << d.mc_sd_mean;
  const auto& s = r.sensitivity[indicator("bijstand")][0];
  EXPECT_LT(s.correlation, -0.7);  // positive correlation with the reduction of bijstand
  EXPECT_GT(r.sensitivity[indicator("employed")][0].correlation, 0.5);
  EXPECT_LT(d.parameter_low, d.parameter_high);
  // The measure costs money at any multiplier: the budget effect is positive.
  EXPECT_GT(r.decomposition[indicator("budget_total")].mean_effect, 0);
}

TEST(Sweep, ACollapsedRangeHasNoParameterVariance) {
  // low == high: every sample is the same model run with the same draws, so the sample means
  // are equal and all the uncertainty is Monte Carlo noise.
  const SweepResult r = sweep("jobcoach.outflow_multiplier=2.0:2.0", 4, 4);
  for (const auto& d : r.decomposition) {
    EXPECT_EQ(d.parameter_variance, 0);
    EXPECT_EQ(d.parameter_share, 0);
    EXPECT_LE(d.parameter_variance, d.residual_variance / d.replications);
  }
  const auto& b = r.decomposition[indicator("bijstand")];
  EXPECT_GT(b.mc_sd_run, 0);
  EXPECT_LT(b.mean_effect, 0);
  for (double v : r.design.values[0]) EXPECT_EQ(v, 2.0);
}

TEST(Sweep, IsIdenticalAtOneAndTwoThreads) {
  const SweepResult one = sweep("jobcoach.outflow_multiplier=1.0:1.6", 3, 2, 1);
  const SweepResult two = sweep("jobcoach.outflow_multiplier=1.0:1.6", 3, 2, 2);
  EXPECT_EQ(one.effects, two.effects);
  EXPECT_EQ(one.base_means, two.base_means);
  EXPECT_EQ(one.design.values, two.design.values);
}

TEST(Sweep, AModelParameterVariesInTheBaseToo) {
  const auto& m = models();
  auto params = sweep_parameters(m.scenario, register_of(m.scenario),
                                 {parse_vary("labour.job_loss_monthly=0.001:0.01")}, false);
  const SweepDesign d = make_design(std::move(params), 3, 5);
  EXPECT_TRUE(design_applies(m.base, d));
  const ModelSpec b = sample_spec(m.base, d, 1, m.synthesis_reads);
  EXPECT_DOUBLE_EQ(b.parameters.scalar("labour.job_loss_monthly"), d.values[1][0]);
  EXPECT_EQ(b.base_population, m.base.base_population);  // not read by the synthesis
  // A measure parameter does not apply to a base without the measure.
  const SweepDesign only_measure =
      make_design(sweep_parameters(m.scenario, register_of(m.scenario), {}, true), 3, 5);
  EXPECT_FALSE(design_applies(m.base, only_measure));
  EXPECT_TRUE(design_applies(m.scenario, only_measure));
  const ModelSpec s = sample_spec(m.scenario, only_measure, 2, m.synthesis_reads);
  const auto jc = std::find_if(s.modules.begin(), s.modules.end(),
                               [](const ModuleDescriptor& x) { return x.name == "jobcoach"; });
  ASSERT_NE(jc, s.modules.end());
  EXPECT_DOUBLE_EQ(jc->params["outflow_multiplier"].get<double>(), only_measure.values[2][1]);
}

TEST(Sweep, AParameterOfTheSynthesisGivesTheSampleItsOwnPopulation) {
  const auto& m = models();
  const Parameter* read = nullptr;
  for (const auto& p : m.base.parameters.all())
    if (p.values.size() == 1 && m.synthesis_reads.count(p.name)) {
      read = &p;
      break;
    }
  ASSERT_NE(read, nullptr) << "the synthesis reads no single-valued parameter";
  const double v = read->values[0];
  SweepParameter p{read->name, ParameterKind::Model, "", read->name, v, v, false, "--vary"};
  const SweepDesign d = make_design({p}, 2, 1);
  const ModelSpec s = sample_spec(m.base, d, 0, m.synthesis_reads);
  EXPECT_NE(s.base_population, m.base.base_population);
  // Same value, same seed: the same population.
  EXPECT_EQ(s.base_population->hash(), m.base.base_population->hash());
}

}  // namespace
}  // namespace leidensim::uncertainty
