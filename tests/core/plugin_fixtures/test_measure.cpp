// A minimal valid measure for loader tests. Built twice: as "test_measure" and, with
// FIXTURE_NAME=labour, as a plugin whose name collides with a built-in process.
#include <cstdio>

#include "leidensim/measure.hpp"
#include "leidensim/plugin_abi.hpp"

#ifndef FIXTURE_NAME
#define FIXTURE_NAME test_measure
#endif
#define FIXTURE_STRING2(x) #x
#define FIXTURE_STRING(x) FIXTURE_STRING2(x)

namespace {

class TestMeasure final : public leidensim::PlaceMeasure {
 public:
  explicit TestMeasure(const leidensim::ModuleSetup& setup)
      : PlaceMeasure(setup, FIXTURE_STRING(FIXTURE_NAME)),
        effect_(setup.params.at("job_finding_multiplier").get<double>()) {}

 protected:
  bool eligible(const leidensim::Population& pop, std::uint32_t p) const override {
    return pop.labour[p] == leidensim::Labour::Unemployed;
  }
  double enrolled_effect(leidensim::Hazard h) const override {
    return h == leidensim::Hazard::JobFinding ? effect_ : 1.0;
  }

 private:
  double effect_;
};

const std::string& schema() {
  static const std::string s = leidensim::measure_schema(nlohmann::json::parse(R"json({
    "programme": {"type": "string", "default": "10"},
    "annual_budget": {"type": "number", "minimum": 0, "default": 100000},
    "cost_per_place": {"type": "number", "exclusiveMinimum": 0, "default": 10000},
    "places": {"type": "integer", "minimum": -1, "default": -1},
    "duration_months": {"type": "integer", "minimum": 1, "default": 6},
    "dropout_monthly": {"type": "number", "minimum": 0, "maximum": 1, "default": 0},
    "after_effect_halflife_months": {"type": "number", "minimum": 0, "default": 0},
    "job_finding_multiplier": {"type": "number", "minimum": 0, "maximum": 10, "default": 2}
  })json"));
  return s;
}

}  // namespace

LEIDENSIM_DEFINE_PLUGIN(FIXTURE_NAME, "0.1", "test measure", schema().c_str(),
                        leidensim::kBeginMonth | leidensim::kPayments, leidensim::kPayments,
                        TestMeasure)
