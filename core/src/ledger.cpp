#include "leidensim/ledger.hpp"

#include <algorithm>

namespace leidensim {

const char* programme_code(Programme p) {
  static const char* codes[] = {"7", "8C", "9", "10", "other"};
  return codes[static_cast<int>(p)];
}

const char* programme_name(Programme p) {
  static const char* names[] = {"Jeugd & Onderwijs", "Sport", "Maatschappelijke Ondersteuning",
                                "Werk & Inkomen", "other"};
  return names[static_cast<int>(p)];
}

const char* category_name(LedgerCategory c) {
  static const char* names[] = {"measure_cost",           "bijstand_paid", "other_benefits",
                                "jeugdhulp_cost",         "wmo_cost",      "debt_relief_cost",
                                "transfers_to_households"};
  return names[static_cast<int>(c)];
}

bool parse_programme(const std::string& code, Programme& out) {
  for (int k = 0; k < kProgrammes; ++k)
    if (code == programme_code(static_cast<Programme>(k))) {
      out = static_cast<Programme>(k);
      return true;
    }
  return false;
}

std::int64_t LedgerSeries::yearly(int year, Programme p, LedgerCategory c) const {
  std::int64_t s = 0;
  for (int m = year * 12; m < std::min(months_, year * 12 + 12); ++m) s += v_[m].at(p, c);
  return s;
}

std::int64_t LedgerSeries::yearly_programme(int year, Programme p) const {
  std::int64_t s = 0;
  for (int c = 0; c < kLedgerCategories; ++c) s += yearly(year, p, static_cast<LedgerCategory>(c));
  return s;
}

}  // namespace leidensim
