#pragma once
// Comparing scenarios run with common random numbers: the same seed and replication numbers for
// every scenario, so replication r of scenario B differs from replication r of scenario A only by
// the policy. Differences are therefore paired, and their confidence intervals narrow.
//
// For each scenario: the mean over replications of every indicator per year and district (and the
// city), and of the budget per year, programme and category. For each scenario after the first:
// the paired difference from the first with a 95% confidence interval (t distribution over the
// replications), the net budget effect over 5, 10 and 30 years (discounted), the costs it avoids,
// a cost per outcome and a social-return ratio.
#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "leidensim/calendar.hpp"
#include "leidensim/indicators.hpp"
#include "leidensim/ledger.hpp"
#include "leidensim/replication_runner.hpp"

namespace leidensim {

/// The results of one scenario: what was run and every replication's series.
struct ScenarioResult {
  std::string name;
  nlohmann::json scenario;  // as given (resolved: after "extends")
  nlohmann::json modules;   // [{name, kind, version, library, params}]
  std::vector<std::string> districts;
  YearMonth start;
  std::vector<ReplicationResult> replications;
  int years() const;
};

/// Mean and 95% confidence interval.
struct Estimate {
  double mean = 0;
  double low = 0;
  double high = 0;
  bool contains(double x) const { return low <= x && x <= high; }
  double width() const { return high - low; }
};

/// Mean and interval of values over replications (t quantile for n - 1 degrees of freedom).
Estimate estimate(const std::vector<double>& values);

struct ComparisonOptions {
  double discount_rate = 0.0;  // per year, for net budget effects
  std::vector<int> horizons = {5, 10, 30};
};

/// One row of the indicator comparison. district == -1 is the city.
struct IndicatorRow {
  int scenario;
  Indicator indicator;
  int year;  // calendar year
  int district;
  Estimate value;       // the scenario's mean
  Estimate difference;  // paired difference from the first scenario (zero for the first)
};

struct BudgetRow {
  int scenario;
  int year;
  Programme programme;
  Estimate value;       // euros a year
  Estimate difference;  // paired, euros a year
};

/// Net effects of a scenario against the first over a horizon (euros, discounted).
struct NetEffect {
  int scenario;
  int horizon_years;
  Estimate measure_cost;    // measure costs and transfers
  Estimate avoided_cost;    // bijstand, other benefits, jeugdhulp, Wmo and debt help, saved
  Estimate net_budget;      // total budget difference (= measure cost - avoided cost)
  Estimate bijstand_years;  // person-years in bijstand, difference (negative: fewer)
  Estimate poverty_years;   // household-years in poverty, difference
  double euro_per_bijstand_year_less = 0;  // net cost per person-year less in bijstand
  double euro_per_poverty_year_less = 0;   // net cost per household-year out of poverty
  double social_return = 0;                // avoided cost per euro of measure cost
};

struct Comparison {
  std::vector<std::string> scenarios;
  std::vector<IndicatorRow> indicators;
  std::vector<BudgetRow> budget;
  std::vector<NetEffect> net_effects;
  int replications = 0;
  double discount_rate = 0;
};

/// Requires every scenario to have the same replications, start, years and districts.
Comparison compare_scenarios(const std::vector<ScenarioResult>& scenarios,
                             const ComparisonOptions& options = {});

}  // namespace leidensim
