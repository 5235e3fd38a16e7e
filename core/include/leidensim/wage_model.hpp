#pragma once
// Earnings and the pension that follows from them. WageModel: monthly net earnings drawn at a
// job start, lognormal around the median of the person's education level, part-time with
// probability part_time_share. Shared by the synthesis of the base population and the labour
// module, so both draw wages (and fix pensions) the same way.
#include <cstdint>

#include "leidensim/parameters.hpp"
#include "leidensim/population.hpp"

namespace leidensim {

struct WageModel {
  double median_by_level[4];  // euros per month, full-time, by EduLevel
  double sigma;               // standard deviation of log earnings
  double part_time_share;
  double part_time_factor;

  /// Reads labour.wage_median_by_level, labour.wage_sigma, labour.part_time_share and
  /// labour.part_time_factor.
  static WageModel from(const ParameterSet& ps);
  /// Earnings in cents from three uniform draws.
  std::int32_t draw_cents(EduLevel level, std::uint32_t u1, std::uint32_t u2,
                          std::uint32_t u3) const;
};

/// The occupational pension paid on top of AOW, fixed at retirement as a share of the last wage
/// (income.supplementary_pension_factor). From retirement on, a person's wage_cents holds it.
struct SupplementaryPension {
  double factor;
  static SupplementaryPension from(const ParameterSet& ps);
  std::int32_t of_last_wage(std::int32_t wage_cents) const;
};

}  // namespace leidensim
