#include "leidensim/outputs/indicator_csv.hpp"

#include <stdexcept>

#include "leidensim/outputs/csv_field.hpp"
#include "leidensim/outputs/output_file.hpp"

namespace leidensim::outputs {

void write_monthly_indicators_csv(const std::filesystem::path& file, const std::string& scenario,
                                  YearMonth start, const std::vector<std::string>& districts,
                                  const std::vector<ReplicationResult>& results) {
  auto out = open_output_file(file);
  out << "scenario,replication,year,month,district,indicator,value\n";
  const auto& table = indicator_table();
  for (const auto& r : results) {
    const auto& s = r.indicators;
    for (int m = 0; m < s.months(); ++m) {
      const YearMonth ym = start.plus_months(m);
      for (int d = 0; d < s.districts(); ++d)
        for (int i = 0; i < kIndicators; ++i)
          out << scenario << ',' << r.replication << ',' << ym.year << ',' << ym.month << ','
              << csv_field(districts[d]) << ',' << table[i].name << ','
              << s.at(m, d, static_cast<Indicator>(i)) << '\n';
    }
  }
  if (!out) throw std::runtime_error("error writing " + file.string());
}

void write_yearly_indicators_csv(const std::filesystem::path& file, const std::string& scenario,
                                 YearMonth start, const std::vector<std::string>& districts,
                                 const std::vector<ReplicationResult>& results) {
  auto out = open_output_file(file);
  out << "scenario,replication,year,district,indicator,value\n";
  const auto& table = indicator_table();
  for (const auto& r : results) {
    const auto& s = r.indicators;
    const int years = (s.months() + 11) / 12;
    for (int y = 0; y < years; ++y) {
      const int year = start.plus_months(12 * y).year;
      for (int i = 0; i < kIndicators; ++i) {
        const auto ind = static_cast<Indicator>(i);
        for (int d = 0; d < s.districts(); ++d)
          out << scenario << ',' << r.replication << ',' << year << ',' << csv_field(districts[d])
              << ',' << table[i].name << ',' << s.yearly(y, d, ind) << '\n';
        out << scenario << ',' << r.replication << ',' << year << ",Leiden," << table[i].name << ','
            << s.yearly_city(y, ind) << '\n';
      }
    }
  }
  if (!out) throw std::runtime_error("error writing " + file.string());
}

}  // namespace leidensim::outputs
