#include "yearly_summary.hpp"

namespace leidensim::cli {

void print_yearly_summary(std::FILE* out, YearMonth start,
                          const std::vector<ReplicationResult>& results) {
  struct Column {
    Indicator indicator;
    const char* header;
  };
  static const Column columns[] = {
      {Indicator::Persons, "persons"},
      {Indicator::Households, "househ."},
      {Indicator::Employed, "employed"},
      {Indicator::Unemployed, "unempl."},
      {Indicator::Bijstand, "bijstand"},
      {Indicator::HouseholdsInPoverty, "poor hh"},
      {Indicator::ChildrenInPoverty, "poor <18"},
      {Indicator::ProblematicDebt, "debt hh"},
      {Indicator::Jeugdhulp, "jeugdh."},
      {Indicator::Wmo, "wmo"},
      {Indicator::EarlySchoolLeavers, "vsv"},
      {Indicator::NoStartkwalificatie18to27, "no-sk"},
      {Indicator::Neet16to27, "neet"},
  };
  if (results.empty()) return;
  const int years = (results.front().indicators.months() + 11) / 12;
  std::fprintf(out, "%-6s", "year");
  for (const auto& c : columns) std::fprintf(out, " %8s", c.header);
  std::fprintf(out, "\n");
  for (int y = 0; y < years; ++y) {
    const bool show = years <= 10 || y < 3 || (y + 1) % 5 == 0 || y == years - 1;
    if (!show) continue;
    std::fprintf(out, "%-6d", start.plus_months(12 * y).year);
    for (const auto& c : columns) {
      double sum = 0;
      for (const auto& r : results)
        sum += static_cast<double>(r.indicators.yearly_city(y, c.indicator));
      std::fprintf(out, " %8.0f", sum / static_cast<double>(results.size()));
    }
    std::fprintf(out, "\n");
  }
  std::fprintf(out,
               "(city totals, mean of %zu replication%s; stocks at December, vsv = early school "
               "leavers during the year)\n",
               results.size(), results.size() == 1 ? "" : "s");
}

void print_budget_summary(std::FILE* out, YearMonth start,
                          const std::vector<ReplicationResult>& results) {
  if (results.empty()) return;
  const int years = (results.front().ledger.months() + 11) / 12;
  std::fprintf(out, "budget, million euros a year (mean of %zu replication%s)\n", results.size(),
               results.size() == 1 ? "" : "s");
  std::fprintf(out, "%-6s", "year");
  for (int p = 0; p < kProgrammes; ++p)
    std::fprintf(out, " %10s", (std::string("prog. ") + programme_code(Programme(p))).c_str());
  std::fprintf(out, " %10s\n", "total");
  for (int y = 0; y < years; ++y) {
    const bool show = years <= 10 || y < 3 || (y + 1) % 5 == 0 || y == years - 1;
    if (!show) continue;
    std::fprintf(out, "%-6d", start.plus_months(12 * y).year);
    double total = 0;
    for (int p = 0; p < kProgrammes; ++p) {
      double sum = 0;
      for (const auto& r : results)
        sum += static_cast<double>(r.ledger.yearly_programme(y, Programme(p)));
      const double meur = sum / static_cast<double>(results.size()) / 1e8;
      total += meur;
      std::fprintf(out, " %10.2f", meur);
    }
    std::fprintf(out, " %10.2f\n", total);
  }
  std::fprintf(out,
               "(7 Jeugd & Onderwijs, 8C Sport, 9 Maatschappelijke Ondersteuning, 10 Werk & "
               "Inkomen; details per category in budget_yearly.csv)\n");
}

}  // namespace leidensim::cli
