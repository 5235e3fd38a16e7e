// Measure "example_tutoring": an example of a measure built outside the leidensim source tree.
//
// Tutoring (huiswerkbegeleiding, bijles) for pupils aged 12-17 in lower secondary education
// (vmbo/onderbouw) or in mbo, paid from programme 7 Jeugd & Onderwijs. The model has no hazard
// for leaving school early, so the example acts on the one youth hazard it does have: while
// tutored (and fading with the after-effect half-life afterwards) a pupil's monthly probability
// of starting jeugdhulp is multiplied by jeugdhulp_inflow_multiplier. By default only pupils in
// households below the poverty line are eligible, and pupils already in jeugdhulp are not.
//
// Everything else -- places from budget / cost per place, the waiting list, duration, drop-out,
// the after-effect and the monthly cost under the programme -- is done by leidensim::PlaceMeasure.
// The numbers are illustrative assumptions, not evidence; see README.md.
#include <cstdint>
#include <cstdio>
#include <exception>
#include <nlohmann/json.hpp>
#include <string>

#include "leidensim/measure.hpp"
#include "leidensim/plugin_abi.hpp"

namespace {

using leidensim::Hazard;
using leidensim::Population;

/// The parameter schema: the common measure properties with this measure's defaults, plus its
/// own properties. Every property has a default, so `"params": {}` is a complete setting.
const char* schema() {
  static const std::string s = [] {
    nlohmann::json p = leidensim::measure_common_properties();
    p["programme"]["default"] = "7";                     // Jeugd & Onderwijs
    p["annual_budget"]["default"] = 250000.0;            // EUR a year at Leiden's size
    p["cost_per_place"]["default"] = 1600.0;             // 2 h/week x 40 weeks x EUR 20/h
    p["places"]["default"] = -1;                         // derive places from the budget
    p["duration_months"]["default"] = 10;                // one school year
    p["dropout_monthly"]["default"] = 0.03;              // about 26% leave within 10 months
    p["after_effect_halflife_months"]["default"] = 6.0;  // assumption
    p["min_age_years"] = {{"type", "integer"},
                          {"minimum", 4},
                          {"maximum", 17},
                          {"default", 12},
                          {"description", "youngest age (years) eligible"}};
    p["max_age_years"] = {{"type", "integer"},
                          {"minimum", 4},
                          {"maximum", 17},
                          {"default", 17},
                          {"description", "oldest age (years) eligible"}};
    p["poor_households_only"] = {
        {"type", "boolean"},
        {"default", true},
        {"description", "only pupils in households below the poverty line are eligible"}};
    p["jeugdhulp_inflow_multiplier"] = {
        {"type", "number"},
        {"minimum", 0},
        {"maximum", 10},
        {"default", 0.9},
        {"description",
         "multiplier of the monthly jeugdhulp inflow while tutored (illustrative assumption)"}};
    return leidensim::measure_schema(p);
  }();
  return s.c_str();
}

class ExampleTutoring final : public leidensim::PlaceMeasure {
 public:
  explicit ExampleTutoring(const leidensim::ModuleSetup& setup)
      : PlaceMeasure(setup, "example_tutoring"),
        min_age_months_(12u * params().at("min_age_years").get<std::uint32_t>()),
        max_age_months_(12u * (params().at("max_age_years").get<std::uint32_t>() + 1u)),
        poor_only_(params().at("poor_households_only").get<bool>()),
        jeugdhulp_(params().at("jeugdhulp_inflow_multiplier").get<double>()) {}

 protected:
  // Read-only: called from the parallel hazards phase.
  double enrolled_effect(Hazard h) const override {
    return h == Hazard::JeugdhulpInflow ? jeugdhulp_ : 1.0;
  }

  // Called in begin_month (serial) for every present person not enrolled, after this month's
  // leavers have left. (A measure that screens many persons may override find_eligible() too,
  // to test a whole range of persons at once; see plugins/README.md.)
  bool eligible(const Population& pop, std::uint32_t p) const override {
    if (!pop.present(p)) return false;
    const std::uint32_t age = pop.age_months[p];
    if (age < min_age_months_ || age >= max_age_months_) return false;
    const leidensim::EduStage stage = pop.edu_stage[p];
    if (stage != leidensim::EduStage::LowerSecondary && stage != leidensim::EduStage::Vocational)
      return false;
    if (pop.care[p] & leidensim::care_flag::kJeugdhulp) return false;  // already in care
    return !poor_only_ || (pop.hh_flags[pop.household[p]] & leidensim::household_flag::kPoor) != 0;
  }

 private:
  std::uint32_t min_age_months_;
  std::uint32_t max_age_months_;  // first month of age no longer eligible
  bool poor_only_;
  double jeugdhulp_;
};

}  // namespace

// Exports the entry function leidensim looks for. Phases: begin_month (enrolment, serial) and
// payments (transfers to households, parallel; this measure pays none, but PlaceMeasure runs it).
LEIDENSIM_DEFINE_PLUGIN(example_tutoring, "1.0",
                        "example: tutoring for pupils 12-17 in lower secondary and mbo "
                        "(programme 7), lower jeugdhulp inflow while tutored",
                        schema(), leidensim::kBeginMonth | leidensim::kPayments,
                        leidensim::kPayments, ExampleTutoring)
