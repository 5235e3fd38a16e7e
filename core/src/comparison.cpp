#include "leidensim/comparison.hpp"

#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace leidensim {

int ScenarioResult::years() const {
  return replications.empty() ? 0 : (replications.front().indicators.months() + 11) / 12;
}

namespace {

/// 0.975 quantile of Student's t with `df` degrees of freedom.
double t975(int df) {
  static const double table[] = {0,     12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365,
                                 2.306, 2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
                                 2.120, 2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069,
                                 2.064, 2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
  if (df < 1) return std::numeric_limits<double>::infinity();
  if (df <= 30) return table[df];
  // Cornish-Fisher expansion around the normal quantile; below 1e-3 off for df > 30.
  const double z = 1.959964, d = df;
  return z + (z * z * z + z) / (4 * d) +
         (5 * std::pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * d * d);
}

}  // namespace

Estimate estimate(const std::vector<double>& v) {
  Estimate e;
  if (v.empty()) return e;
  const double n = static_cast<double>(v.size());
  e.mean = std::accumulate(v.begin(), v.end(), 0.0) / n;
  if (v.size() < 2) {
    e.low = e.high = e.mean;
    return e;
  }
  double ss = 0;
  for (double x : v) ss += (x - e.mean) * (x - e.mean);
  const double half = t975(static_cast<int>(v.size()) - 1) * std::sqrt(ss / (n - 1) / n);
  e.low = e.mean - half;
  e.high = e.mean + half;
  return e;
}

Comparison compare_scenarios(const std::vector<ScenarioResult>& scenarios,
                             const ComparisonOptions& options) {
  if (scenarios.empty()) throw std::invalid_argument("no scenarios to compare");
  const ScenarioResult& first = scenarios.front();
  const std::size_t R = first.replications.size();
  const int Y = first.years();
  const int D = static_cast<int>(first.districts.size());
  for (const auto& s : scenarios)
    if (s.replications.size() != R || s.years() != Y ||
        s.districts.size() != first.districts.size() || !(s.start == first.start))
      throw std::invalid_argument(
          "scenario " + s.name +
          " differs from the first in replications, years, start or districts");
  Comparison c;
  c.replications = static_cast<int>(R);
  c.discount_rate = options.discount_rate;
  for (const auto& s : scenarios) c.scenarios.push_back(s.name);

  std::vector<double> value(R), diff(R);
  auto paired = [&](int s, auto&& get) {
    for (std::size_t r = 0; r < R; ++r) {
      value[r] = get(scenarios[s].replications[r]);
      diff[r] = value[r] - get(first.replications[r]);
    }
    Estimate d = s == 0 ? Estimate{} : estimate(diff);
    return std::pair{estimate(value), d};
  };

  for (int s = 0; s < static_cast<int>(scenarios.size()); ++s)
    for (int i = 0; i < kIndicators; ++i)
      for (int y = 0; y < Y; ++y)
        for (int d = -1; d < D; ++d) {
          const auto ind = static_cast<Indicator>(i);
          auto [v, df] = paired(s, [&](const ReplicationResult& r) {
            return static_cast<double>(d < 0 ? r.indicators.yearly_city(y, ind)
                                             : r.indicators.yearly(y, d, ind));
          });
          c.indicators.push_back({s, ind, first.start.plus_months(12 * y).year, d, v, df});
        }

  for (int s = 0; s < static_cast<int>(scenarios.size()); ++s)
    for (int y = 0; y < Y; ++y)
      for (int p = 0; p < kProgrammes; ++p) {
        auto [v, df] = paired(s, [&](const ReplicationResult& r) {
          return static_cast<double>(r.ledger.yearly_programme(y, Programme(p))) / 100.0;
        });
        c.budget.push_back({s, first.start.plus_months(12 * y).year, Programme(p), v, df});
      }

  // Net effects: sums over the first H years, discounted to the first year.
  auto category_sum = [](const ReplicationResult& r, int y,
                         std::initializer_list<LedgerCategory> cats) {
    std::int64_t cents = 0;
    for (int p = 0; p < kProgrammes; ++p)
      for (auto cat : cats) cents += r.ledger.yearly(y, Programme(p), cat);
    return static_cast<double>(cents) / 100.0;
  };
  const auto measure_cats = {LedgerCategory::MeasureCost, LedgerCategory::TransfersToHouseholds};
  const auto avoidable = {LedgerCategory::BijstandPaid, LedgerCategory::OtherBenefits,
                          LedgerCategory::JeugdhulpCost, LedgerCategory::WmoCost,
                          LedgerCategory::DebtReliefCost};
  auto stock_years = [](const ReplicationResult& r, int y, Indicator i) {
    double months = 0;
    for (int m = 12 * y; m < std::min(r.indicators.months(), 12 * y + 12); ++m)
      months += static_cast<double>(r.indicators.city(m, i));
    return months / 12.0;
  };
  // Horizons within the run; the run's full length if none fits.
  std::vector<int> horizons;
  for (int h : options.horizons)
    if (h >= 1 && h <= Y) horizons.push_back(h);
  if (horizons.empty() || horizons.back() != Y) horizons.push_back(Y);
  for (int s = 1; s < static_cast<int>(scenarios.size()); ++s)
    for (int H : horizons) {
      std::vector<double> cost(R), avoided(R), net(R), bij(R), pov(R);
      for (std::size_t r = 0; r < R; ++r) {
        const ReplicationResult &a = first.replications[r], &b = scenarios[s].replications[r];
        for (int y = 0; y < H; ++y) {
          const double f = 1.0 / std::pow(1.0 + options.discount_rate, y);
          cost[r] += f * (category_sum(b, y, measure_cats) - category_sum(a, y, measure_cats));
          avoided[r] += f * (category_sum(a, y, avoidable) - category_sum(b, y, avoidable));
          double total_a = 0, total_b = 0;
          for (int p = 0; p < kProgrammes; ++p) {
            total_a += static_cast<double>(a.ledger.yearly_programme(y, Programme(p))) / 100.0;
            total_b += static_cast<double>(b.ledger.yearly_programme(y, Programme(p))) / 100.0;
          }
          net[r] += f * (total_b - total_a);
          bij[r] += stock_years(b, y, Indicator::Bijstand) - stock_years(a, y, Indicator::Bijstand);
          pov[r] += stock_years(b, y, Indicator::HouseholdsInPoverty) -
                    stock_years(a, y, Indicator::HouseholdsInPoverty);
        }
      }
      NetEffect e;
      e.scenario = s;
      e.horizon_years = H;
      e.measure_cost = estimate(cost);
      e.avoided_cost = estimate(avoided);
      e.net_budget = estimate(net);
      e.bijstand_years = estimate(bij);
      e.poverty_years = estimate(pov);
      const double nan = std::numeric_limits<double>::quiet_NaN();
      e.euro_per_bijstand_year_less =
          e.bijstand_years.mean < 0 ? e.net_budget.mean / -e.bijstand_years.mean : nan;
      e.euro_per_poverty_year_less =
          e.poverty_years.mean < 0 ? e.net_budget.mean / -e.poverty_years.mean : nan;
      e.social_return = e.measure_cost.mean > 0 ? e.avoided_cost.mean / e.measure_cost.mean : nan;
      c.net_effects.push_back(e);
    }
  return c;
}

}  // namespace leidensim
