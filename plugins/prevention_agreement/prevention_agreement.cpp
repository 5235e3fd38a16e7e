// Measure "prevention_agreement": the Leids Preventieakkoord as a district-based approach
// (programme 9 Maatschappelijke Ondersteuning, sport parts 8C Sport). An area measure, not a
// PlaceMeasure: the budget covers whole districts, the first floor(annual_budget /
// cost_per_district) of the "districts" list, in list order (or the first `places`, if given:
// an area measure's places are districts). Every resident of a covered district is enrolled
// each month (begin_month), and their inflow into youth care, Wmo support and problematic debt
// is multiplied by the measure's multipliers. Moving out of a covered district
// ends the effect at once (no after-effect). The cost of the covered districts is posted every
// month: the sport share under programme 8C, the rest under the measure's programme.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "leidensim/errors.hpp"
#include "leidensim/ledger.hpp"
#include "leidensim/measure.hpp"
#include "leidensim/model_spec.hpp"
#include "leidensim/plugin_abi.hpp"

namespace {

using leidensim::Hazard;
using leidensim::Population;

/// The parameter schema. Its defaults repeat the data pack's values
/// (data/leiden/measure_parameters.csv, which also holds their sources), for a data pack without
/// that file; a test keeps the two equal.
const char* schema() {
  static const std::string s = [] {
    nlohmann::json p = leidensim::measure_common_properties();
    leidensim::set_common_default(p, "programme", "9",
                                  "9 Maatschappelijke Ondersteuning (sport parts: 8C)");
    leidensim::set_common_default(
        p, "annual_budget", 600000.0,
        "default EUR 600,000 a year: three districts at cost_per_district (assumption); "
        "not scaled when choosing districts");
    leidensim::set_common_default(p, "cost_per_place", 200000.0,
                                  "not used by this area measure (see cost_per_district)");
    leidensim::set_common_default(p, "duration_months", 12,
                                  "not used: residents are covered while they live there");
    // Settings that have no meaning for an area measure: fixed to their neutral value.
    p["places"] = {{"type", "integer"},
                   {"minimum", -1},
                   {"default", -1},
                   {"description",
                    "districts covered (the first of the list; not scaled); -1: "
                    "floor(annual_budget / cost_per_district)"}};
    p["dropout_monthly"] = {{"type", "number"},
                            {"minimum", 0},
                            {"maximum", 0},
                            {"default", 0.0},
                            {"description",
                             "not used: residents of covered districts are "
                             "always covered; must be 0"}};
    p["after_effect_halflife_months"] = {{"type", "number"},
                                         {"minimum", 0},
                                         {"maximum", 0},
                                         {"default", 0.0},
                                         {"description",
                                          "no after-effect for residents who move "
                                          "out of a covered district; must be 0"}};
    p["districts"] = {
        {"type", "array"},
        {"items", {{"type", "string"}}},
        {"minItems", 1},
        {"default", {"Leiden-Noord", "Bos- en Gasthuisdistrict", "Roodenburgerdistrict"}},
        {"description",
         "districts in order of priority; the budget covers the first floor(annual_budget / "
         "cost_per_district). Default: the focus areas Noord and Zuidwest (districts.csv "
         "prevention_agreement_focus_area, published; Zuidwest is parts of "
         "Bos- en Gasthuisdistrict and Roodenburgerdistrict)"}};
    p["cost_per_district"] = {
        {"type", "number"},
        {"exclusiveMinimum", 0},
        {"default", 200000.0},
        {"description",
         "euros a year per covered district (assumption: about 2.3% of programme 9 Preventie, "
         "EUR 8,665k a year in budget_programmes.csv 2019-2022); the posted cost is scaled with "
         "the population"}};
    p["sport_share"] = {
        {"type", "number"},
        {"minimum", 0},
        {"maximum", 1},
        {"default", 0.2},
        {"description", "share of the cost posted under programme 8C Sport (assumption)"}};
    const char* effect =
        " while living in a covered district (effects.csv prevention agreement -0.02 relative "
        "change after 5+ years, assumption, range 0 to -0.05: 0.95-1.0)";
    p["jeugdhulp_inflow_multiplier"] = {
        {"type", "number"},
        {"minimum", 0},
        {"maximum", 10},
        {"default", 0.98},
        {"description", std::string("multiplier of the inflow into youth care") + effect}};
    p["wmo_inflow_multiplier"] = {
        {"type", "number"},
        {"minimum", 0},
        {"maximum", 10},
        {"default", 0.98},
        {"description", std::string("multiplier of the inflow into Wmo support") + effect}};
    p["debt_inflow_multiplier"] = {
        {"type", "number"},
        {"minimum", 0},
        {"maximum", 10},
        {"default", 0.98},
        {"description", std::string("multiplier of the inflow into problematic debt") + effect +
                            "; applied to debt by analogy"}};
    return leidensim::measure_schema(p);
  }();
  return s.c_str();
}

class PreventionAgreement final : public leidensim::Measure {
 public:
  explicit PreventionAgreement(const leidensim::ModuleSetup& setup)
      : Measure(setup, "prevention_agreement"),
        jeugdhulp_(params().at("jeugdhulp_inflow_multiplier").get<double>()),
        wmo_(params().at("wmo_inflow_multiplier").get<double>()),
        debt_(params().at("debt_inflow_multiplier").get<double>()) {
    const auto names = params().at("districts").get<std::vector<std::string>>();
    const std::vector<std::string>& known = spec().districts;
    std::vector<int> order;  // district indices, in priority order
    for (std::size_t i = 0; i < names.size(); ++i) {
      const std::string field = "prevention_agreement: /params/districts/" + std::to_string(i);
      auto it = std::find(known.begin(), known.end(), names[i]);
      if (it == known.end()) {
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
        throw leidensim::InputError(leidensim::input_error_message(
            "", field, "unknown district \"" + names[i] + "\" (known: " + list + ")"));
      }
      const int d = static_cast<int>(it - known.begin());
      if (std::find(order.begin(), order.end(), d) != order.end())
        throw leidensim::InputError(leidensim::input_error_message(
            "", field, "district \"" + names[i] + "\" is listed twice"));
      order.push_back(d);
    }
    const double cost_per_district = params().at("cost_per_district").get<double>();
    const double affordable = settings().places >= 0
                                  ? static_cast<double>(settings().places)
                                  : std::floor(settings().annual_budget / cost_per_district);
    const std::size_t n =
        std::min(order.size(), static_cast<std::size_t>(std::max(0.0, affordable)));
    covered_.assign(known.size(), 0);
    for (std::size_t k = 0; k < n; ++k) covered_[static_cast<std::size_t>(order[k])] = 1;
    covered_count_ = static_cast<long>(n);
    // Monthly cost at the simulated population's size, like every other ledger posting.
    const double monthly_cents =
        static_cast<double>(n) * cost_per_district * spec().scale * 100.0 / 12.0;
    const double sport = params().at("sport_share").get<double>();
    sport_cents_ = std::llround(monthly_cents * sport);
    main_cents_ = std::llround(monthly_cents) - sport_cents_;
    set_capacity(covered_count_);
  }

  void run_serial(leidensim::Phase phase, leidensim::SerialContext& c) override {
    if (phase != leidensim::kBeginMonth) return;
    Population& pop = c.pop;
    const std::uint32_t mine = enrolled_bit() | after_bit();
    for (std::uint32_t p = 0; p < pop.person_slots(); ++p) {
      if (!pop.present(p)) continue;
      std::uint32_t& bits = pop.measure_bits[p];
      const std::uint8_t d = pop.district[p];
      bits =
          (d < covered_.size() && covered_[d]) ? ((bits & ~mine) | enrolled_bit()) : (bits & ~mine);
    }
    c.ledger.post(settings().programme, leidensim::LedgerCategory::MeasureCost, main_cents_);
    c.ledger.post(leidensim::Programme::Sport, leidensim::LedgerCategory::MeasureCost,
                  sport_cents_);
  }

 protected:
  double enrolled_effect(Hazard h) const override {
    switch (h) {
      case Hazard::JeugdhulpInflow:
        return jeugdhulp_;
      case Hazard::WmoInflow:
        return wmo_;
      case Hazard::DebtInflow:
        return debt_;
      default:
        return 1.0;
    }
  }
  /// No after-effect (after_effect_halflife_months is fixed at 0), so never asked.
  double months_since_exit(const Population&, std::uint32_t) const override { return 0; }

 private:
  double jeugdhulp_;
  double wmo_;
  double debt_;
  std::vector<std::uint8_t> covered_;  // by district index
  long covered_count_ = 0;
  std::int64_t main_cents_ = 0;   // per month, under the measure's programme
  std::int64_t sport_cents_ = 0;  // per month, under 8C Sport
};

}  // namespace

LEIDENSIM_DEFINE_PLUGIN(prevention_agreement, "1.0",
                        "district-based prevention agreement (programme 9, sport parts 8C): "
                        "lower inflow into youth care, Wmo and problematic debt in covered "
                        "districts",
                        schema(), leidensim::kBeginMonth, 0u, PreventionAgreement)
