#pragma once
// A small hand-built comparison for the HTML report tests: two scenarios, made-up series per
// replication (scenario 1 lowers bijstand and poverty and costs money in programme 10), compared
// with the real compare_scenarios, and a parameter register of each (scenario 1 overrides one
// model parameter and runs a measure with one parameter set by the scenario).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "leidensim/comparison.hpp"
#include "leidensim/parameter_register.hpp"

namespace leidensim::test {

struct SampleReport {
  std::vector<ScenarioResult> scenarios;
  Comparison comparison;
  nlohmann::json provenance;
  std::vector<std::pair<std::string, ParameterRegister>> registers;
};

inline ParameterRegister sample_register(bool with_measure) {
  ParameterRegister reg;
  const auto model = [&](const std::string& name, nlohmann::json value, Quality q,
                         const std::string& source, const std::string& set_by = "") {
    RegisterEntry e;
    e.parameter = name;
    e.value = std::move(value);
    e.value_text = register_value_text(e.value);
    e.unit = "probability a month";
    e.quality = q;
    e.source = source;
    e.note = "note on " + name;
    e.overridden_by = set_by;
    reg.push_back(std::move(e));
  };
  model("labour.job_loss_monthly", with_measure ? 0.004 : 0.0035, Quality::Derived,
        "labour_benefits.csv <derived>",
        with_measure ? "schuldhulp.json: /parameters/labour.job_loss_monthly" : "");
  model("demography.mortality_annual_male", nlohmann::json::array({0.003, 0.0001, 0.2, 0.5, 1.0}),
        Quality::Derived, "mortality_nl.csv");
  model("debt.inflow_monthly", 0.001, Quality::Assumption, "assumption");
  if (with_measure) {
    RegisterEntry e;
    e.kind = ParameterKind::Measure;
    e.measure = "debt_help";
    e.parameter = "debt_inflow_multiplier";
    e.value = 0.85;
    e.value_text = "0.85";
    e.unit = "multiplier";
    e.quality = Quality::Assumption;
    e.source = "effects.csv early debt warning";
    e.low = 0.7;
    e.high = 0.95;
    reg.push_back(e);
    e.parameter = "annual_budget";
    e.value = 2000000;
    e.value_text = "2000000";
    e.unit = "EUR a year";
    e.low.reset();
    e.high.reset();
    e.overridden_by = "schuldhulp.json: /measures/0/params/annual_budget";
    reg.push_back(e);
    e.parameter = "reach";
    e.value = 0.3;
    e.value_text = "0.3";
    e.unit = "share";
    e.quality.reset();
    e.source.clear();
    e.overridden_by.clear();
    reg.push_back(e);
  }
  return reg;
}

inline SampleReport sample_report(int years = 6, int replications = 4) {
  const int months = years * 12, districts = 2;
  const YearMonth start{2025, 1};
  SampleReport out;
  for (int s = 0; s < 2; ++s) {
    ScenarioResult r;
    r.name = s == 0 ? "baseline" : "schuldhulp";
    r.scenario = {{"name", r.name}, {"years", years}, {"note", "<script>alert('x')</script> & co"}};
    if (s == 1) r.scenario["measures"] = {{{"module", "debt_help"}, {"reach", 0.3}}};
    r.modules = nlohmann::json::array({{{"name", "labour"}, {"kind", "builtin"}}});
    r.districts = {"Binnenstad", "Stevenshof"};
    r.start = start;
    for (int k = 0; k < replications; ++k) {
      ReplicationResult rep;
      rep.replication = static_cast<std::uint32_t>(k);
      rep.indicators = IndicatorSeries(months, districts);
      rep.ledger = LedgerSeries(months);
      for (int m = 0; m < months; ++m) {
        IndicatorCounts c(districts);
        LedgerCounts l;
        const double t = m / 12.0;
        for (int d = 0; d < districts; ++d)
          for (int i = 0; i < kIndicators; ++i) {
            const std::uint64_t h = (static_cast<std::uint64_t>(k) * 2654435761u +
                                     static_cast<std::uint64_t>(m) * 40503u +
                                     static_cast<std::uint64_t>(d * 97 + i * 13)) %
                                    1000u;
            double v = 500.0 * (i + 1) + 40.0 * t * (i % 3) + static_cast<double>(h) / 20.0;
            const auto ind = static_cast<Indicator>(i);
            if (s == 1 && (ind == Indicator::Bijstand || ind == Indicator::HouseholdsInPoverty ||
                           ind == Indicator::ProblematicDebt))
              v *= 1.0 - 0.02 * t;
            if (ind == Indicator::EarlySchoolLeavers) v = 3.0 + static_cast<double>(h % 5);
            c.at(d, ind) = static_cast<std::int64_t>(v);
          }
        for (int p = 0; p < kProgrammes; ++p)
          l.post(static_cast<Programme>(p), LedgerCategory::BijstandPaid,
                 100'000'00 * (p + 1) + 1000 * k);
        l.post(Programme::WerkInkomen, LedgerCategory::BijstandPaid,
               s == 1 ? -static_cast<std::int64_t>(5'000'00 * t) : 0);
        if (s == 1)
          l.post(Programme::WerkInkomen, LedgerCategory::MeasureCost, 20'000'00 + 100 * k);
        rep.indicators.set_month(m, c);
        rep.ledger.set_month(m, l);
      }
      r.replications.push_back(std::move(rep));
    }
    out.scenarios.push_back(std::move(r));
  }
  out.comparison = compare_scenarios(out.scenarios);
  out.provenance = {{"program", "leidensim"},
                    {"version", "0.0.0-test"},
                    {"seed", 20240101},
                    {"replications", replications},
                    {"discount_rate", 0.0},
                    {"host", "test-host"},
                    {"started", "2026-01-01T00:00:00Z"},
                    {"finished", "2026-01-01T00:01:00Z"},
                    {"scenarios", nlohmann::json::array()}};
  for (const auto& r : out.scenarios)
    out.provenance["scenarios"].push_back(
        {{"name", r.name}, {"scenario", r.scenario}, {"modules", r.modules}});
  out.registers = {{"baseline", sample_register(false)}, {"schuldhulp", sample_register(true)}};
  return out;
}

}  // namespace leidensim::test
