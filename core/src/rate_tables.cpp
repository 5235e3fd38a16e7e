#include "leidensim/rate_tables.hpp"

#include <cmath>

namespace leidensim {

double monthly_from_annual(double p) {
  if (p >= 1.0) return 1.0;
  if (p <= 0.0) return 0.0;
  return 1.0 - std::pow(1.0 - p, 1.0 / 12.0);
}

Threshold monthly_threshold(const ParameterSet& ps, const std::string& name, bool annual) {
  const double v = ps.scalar(name);
  return Threshold(annual ? monthly_from_annual(v) : v);
}

AgeTable monthly_age_table(const ParameterSet& ps, const std::string& name) {
  const auto values = ps.table(name, kMaxAge + 1);
  AgeTable t;
  for (int a = 0; a <= kMaxAge; ++a) t[a] = Threshold(monthly_from_annual(values[a]));
  return t;
}

}  // namespace leidensim
