// Measure "jobcoach": job coaching for bijstand recipients and people with a work disability
// (programme 10 Werk & Inkomen). A PlaceMeasure: the budget buys coaching places of
// duration_months; while coached, and decaying with the after-effect half-life afterwards, a
// participant's job finding and bijstand outflow are multiplied by outflow_multiplier and job loss
// by job_loss_multiplier. Every number (costs, effects) is a parameter. Its value, range and
// source are in the data pack (data/leiden/measure_parameters.csv) and README.md; the schema below
// repeats the values as defaults for a data pack without that file (a test keeps them equal).
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <nlohmann/json.hpp>
#include <string>

#include "leidensim/measure.hpp"
#include "leidensim/model_spec.hpp"
#include "leidensim/plugin_abi.hpp"

namespace {

using leidensim::Hazard;
using leidensim::Population;

/// The parameter schema: the common measure properties with this measure's defaults, plus its
/// own properties. Built once, on first use.
const char* schema() {
  static const std::string s = [] {
    nlohmann::json p = leidensim::measure_common_properties();
    leidensim::set_common_default(p, "programme", "10", "10 Werk & Inkomen");
    leidensim::set_common_default(p, "annual_budget", 1000000.0,
                                  "default EUR 1,000,000 a year (assumption)");
    leidensim::set_common_default(
        p, "cost_per_place", 13248.0,
        "costs.csv jobcoach_cost_per_trajectory_year1 = 15% x 24 h/week x 46 weeks x "
        "EUR 80/h (assumption)");
    leidensim::set_common_default(p, "places", -1, "");
    leidensim::set_common_default(p, "duration_months", 12,
                                  "one coaching year (costs.csv: first-year hours share)");
    leidensim::set_common_default(p, "dropout_monthly", 0.02,
                                  "about 21% leave within a year (assumption)");
    leidensim::set_common_default(p, "after_effect_halflife_months", 12.0, "assumption");
    p["outflow_multiplier"] = {
        {"type", "number"},
        {"minimum", 0},
        {"maximum", 10},
        {"default", 1.3},
        {"description",
         "multiplier of job finding and bijstand outflow while coached; 1.3 = +0.03 per year "
         "(effects.csv re-integration trajectories, assumption, range 0.01-0.06) on the 0.105 "
         "yearly outflow to work (labour_benefits.csv NL 2015); range 1.0-1.6"}};
    p["job_loss_multiplier"] = {
        {"type", "number"},
        {"minimum", 0},
        {"maximum", 10},
        {"default", 0.8},
        {"description",
         "multiplier of job loss while coached (<1: coaching on the job keeps jobs); effects.csv "
         "jobcoach on the job +0.15 retention (assumption) implies 0.56; range 0.56-1.0"}};
    p["include_disabled"] = {
        {"type", "boolean"},
        {"default", true},
        {"description",
         "also coach people with a work disability (labour status Disabled), not only bijstand "
         "recipients"}};
    p["min_age_years"] = {{"type", "integer"},
                          {"minimum", 15},
                          {"maximum", 67},
                          {"default", 18},
                          {"description",
                           "youngest age (years) eligible; the oldest is the "
                           "pension age (labour.pension_age_years)"}};
    return leidensim::measure_schema(p);
  }();
  return s.c_str();
}

class Jobcoach final : public leidensim::PlaceMeasure {
 public:
  explicit Jobcoach(const leidensim::ModuleSetup& setup)
      : PlaceMeasure(setup, "jobcoach"),
        outflow_(params().at("outflow_multiplier").get<double>()),
        job_loss_(params().at("job_loss_multiplier").get<double>()),
        include_disabled_(params().at("include_disabled").get<bool>()),
        min_age_months_(12u * params().at("min_age_years").get<std::uint32_t>()),
        pension_age_months_(static_cast<std::uint32_t>(
            std::lround(12.0 * spec().parameters.scalar("labour.pension_age_years")))) {}

 protected:
  double enrolled_effect(Hazard h) const override {
    switch (h) {
      case Hazard::JobFinding:
      case Hazard::BijstandOutflow:
        return outflow_;
      case Hazard::JobLoss:
        return job_loss_;
      default:
        return 1.0;
    }
  }

  bool eligible(const Population& pop, std::uint32_t p) const override {
    if (!pop.present(p)) return false;
    const std::uint32_t age = pop.age_months[p];
    if (age < min_age_months_ || age >= pension_age_months_) return false;
    return pop.benefit[p] == leidensim::Benefit::Bijstand ||
           (include_disabled_ && pop.labour[p] == leidensim::Labour::Disabled);
  }

  /// eligible() for a range of persons in one branch-free pass over the columns (a few percent
  /// of the population are eligible, so a branch per person would mostly mispredict).
  std::size_t find_eligible(const Population& pop, std::uint32_t begin, std::uint32_t end,
                            std::uint32_t* out) const override {
    const std::uint8_t* flags = pop.flags.data();
    const std::uint16_t* age = pop.age_months.data();
    const leidensim::Benefit* benefit = pop.benefit.data();
    const leidensim::Labour* labour = pop.labour.data();
    const std::uint32_t span = pension_age_months_ > min_age_months_
                                   ? pension_age_months_ - min_age_months_
                                   : 0;  // min_age >= pension age: nobody
    const bool disabled = include_disabled_;
    std::size_t n = 0;
    for (std::uint32_t p = begin; p < end; ++p) {
      const bool present = (flags[p] & leidensim::person_flag::kPresent) != 0;
      const bool of_age = static_cast<std::uint32_t>(age[p]) - min_age_months_ < span;
      const bool target = (benefit[p] == leidensim::Benefit::Bijstand) |
                          (disabled & (labour[p] == leidensim::Labour::Disabled));
      out[n] = p;
      n += static_cast<std::size_t>(present & of_age & target);
    }
    return n;
  }

 private:
  double outflow_;
  double job_loss_;
  bool include_disabled_;
  std::uint32_t min_age_months_;
  std::uint32_t pension_age_months_;
};

}  // namespace

LEIDENSIM_DEFINE_PLUGIN(jobcoach, "1.0",
                        "job coaching for bijstand recipients and people with a work disability "
                        "(programme 10): higher job finding and bijstand outflow, fewer job losses",
                        schema(), leidensim::kBeginMonth | leidensim::kPayments,
                        leidensim::kPayments, Jobcoach)
