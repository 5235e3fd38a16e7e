#pragma once
// A small hand-built comparison for the HTML report tests: two scenarios, made-up series per
// replication (scenario 1 lowers bijstand and poverty and costs money in programme 10), compared
// with the real compare_scenarios.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "leidensim/comparison.hpp"

namespace leidensim::test {

struct SampleReport {
  std::vector<ScenarioResult> scenarios;
  Comparison comparison;
  nlohmann::json provenance;
};

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
  return out;
}

}  // namespace leidensim::test
