#include "leidensim/outputs/comparison_csv.hpp"

#include <cmath>

#include "leidensim/outputs/csv_field.hpp"
#include "leidensim/outputs/output_file.hpp"

namespace leidensim::outputs {

namespace {
std::ofstream open(const std::filesystem::path& file) {
  return open_output_file(file, 12);
}
void estimate(std::ostream& out, const Estimate& e) {
  out << e.mean << ',' << e.low << ',' << e.high;
}
void number(std::ostream& out, double x) {
  if (std::isnan(x))
    out << "";
  else
    out << x;
}
}  // namespace

void write_comparison_csv(const std::filesystem::path& folder, const Comparison& c,
                          const std::vector<std::string>& districts) {
  {
    auto out = open(folder / "comparison_indicators.csv");
    out << "scenario,indicator,year,district,mean,low,high,difference,difference_low,"
           "difference_high\n";
    for (const auto& r : c.indicators) {
      out << c.scenarios[r.scenario] << ',' << indicator_table()[static_cast<int>(r.indicator)].name
          << ',' << r.year << ',' << (r.district < 0 ? "Leiden" : csv_field(districts[r.district]))
          << ',';
      estimate(out, r.value);
      out << ',';
      estimate(out, r.difference);
      out << '\n';
    }
  }
  {
    auto out = open(folder / "comparison_budget.csv");
    out << "scenario,year,programme,euros,low,high,difference,difference_low,difference_high\n";
    for (const auto& r : c.budget) {
      out << c.scenarios[r.scenario] << ',' << r.year << ',' << programme_code(r.programme) << ',';
      estimate(out, r.value);
      out << ',';
      estimate(out, r.difference);
      out << '\n';
    }
  }
  {
    auto out = open(folder / "net_effects.csv");
    out << "scenario,horizon_years,discount_rate,measure_cost,measure_cost_low,measure_cost_high,"
           "avoided_cost,avoided_cost_low,avoided_cost_high,net_budget,net_budget_low,"
           "net_budget_high,bijstand_person_years,bijstand_low,bijstand_high,"
           "poverty_household_years,poverty_low,poverty_high,euro_per_bijstand_year_less,"
           "euro_per_poverty_year_less,social_return\n";
    for (const auto& e : c.net_effects) {
      out << c.scenarios[e.scenario] << ',' << e.horizon_years << ',' << c.discount_rate << ',';
      for (const Estimate* x :
           {&e.measure_cost, &e.avoided_cost, &e.net_budget, &e.bijstand_years, &e.poverty_years}) {
        estimate(out, *x);
        out << ',';
      }
      number(out, e.euro_per_bijstand_year_less);
      out << ',';
      number(out, e.euro_per_poverty_year_less);
      out << ',';
      number(out, e.social_return);
      out << '\n';
    }
  }
}

}  // namespace leidensim::outputs
