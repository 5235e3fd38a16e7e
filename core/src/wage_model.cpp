#include "leidensim/wage_model.hpp"

#include <cmath>

#include "leidensim/rng.hpp"

namespace leidensim {

WageModel WageModel::from(const ParameterSet& ps) {
  WageModel w{};
  const auto m = ps.table("labour.wage_median_by_level", 4);
  for (int l = 0; l < 4; ++l) w.median_by_level[l] = m[l];
  w.sigma = ps.scalar("labour.wage_sigma");
  w.part_time_share = ps.scalar("labour.part_time_share");
  w.part_time_factor = ps.scalar("labour.part_time_factor");
  return w;
}

std::int32_t WageModel::draw_cents(EduLevel level, std::uint32_t u1, std::uint32_t u2,
                                   std::uint32_t u3) const {
  double wage =
      median_by_level[static_cast<int>(level)] * std::exp(sigma * standard_normal(u1, u2));
  if (unit_interval(u3) < part_time_share) wage *= part_time_factor;
  return static_cast<std::int32_t>(std::lround(wage * 100.0));
}

SupplementaryPension SupplementaryPension::from(const ParameterSet& ps) {
  return {ps.scalar("income.supplementary_pension_factor")};
}

std::int32_t SupplementaryPension::of_last_wage(std::int32_t wage_cents) const {
  return static_cast<std::int32_t>(std::llround(factor * static_cast<double>(wage_cents)));
}

}  // namespace leidensim
