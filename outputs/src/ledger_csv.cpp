#include "leidensim/outputs/ledger_csv.hpp"

#include <cinttypes>
#include <cstdio>
#include <stdexcept>

#include "leidensim/outputs/output_file.hpp"

namespace leidensim::outputs {

void write_yearly_ledger_csv(const std::filesystem::path& file, const std::string& scenario,
                             YearMonth start, const std::vector<ReplicationResult>& results) {
  auto out = open_output_file(file);
  out << "scenario,replication,year,programme,category,euros\n";
  for (const auto& r : results) {
    const int years = (r.ledger.months() + 11) / 12;
    for (int y = 0; y < years; ++y)
      for (int p = 0; p < kProgrammes; ++p)
        for (int c = 0; c < kLedgerCategories; ++c) {
          const std::int64_t cents = r.ledger.yearly(y, Programme(p), LedgerCategory(c));
          char euros[32];
          std::snprintf(euros, sizeof euros, "%s%" PRId64 ".%02" PRId64, cents < 0 ? "-" : "",
                        (cents < 0 ? -cents : cents) / 100, (cents < 0 ? -cents : cents) % 100);
          out << scenario << ',' << r.replication << ',' << start.plus_months(12 * y).year << ','
              << programme_code(Programme(p)) << ',' << category_name(LedgerCategory(c)) << ','
              << euros << '\n';
        }
  }
  if (!out) throw std::runtime_error("error writing " + file.string());
}

}  // namespace leidensim::outputs
