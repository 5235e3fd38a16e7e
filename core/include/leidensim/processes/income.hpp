#pragma once
// Income and poverty: each household's disposable monthly income against its social minimum.
//
// Phase: payments (parallel, per household; a pass over the block's persons sums each
//   household's incomes and member counts, then a pass over its households applies the norm).
// Income: earnings of employed members; WW as a share of the reference wage; a flat disability
//   benefit; AOW (single or couple rate) plus a supplementary pension proportional to the last
//   wage; student finance for students 18+. A household whose head receives bijstand is topped
//   up to its bijstand norm (single or couple, below or at pension age).
// Poverty: income below poverty_line_factor x the household's social minimum (the bijstand norm
//   for its composition; 1.2 is the "120% line"). Households living on student finance are
//   flagged as student households and, as in CBS statistics, left out of poverty counts.
// Writes: hh_income_cents, the household poor and student flags.
// Parameters (prefix "income."): bijstand_norm_single, bijstand_norm_couple,
//   pension_norm_single, pension_norm_couple, poverty_line_factor, ww_replacement_rate,
//   disability_benefit_monthly, supplementary_pension_factor, student_income_monthly.
#include <cstdint>

#include "leidensim/module.hpp"
#include "leidensim/parameters.hpp"

namespace leidensim {

ModuleDescriptor income_module();

/// Whether the person pass may use its vector path (AVX-512, where the build targets it). Both
/// paths give identical results; this switch exists so that a test can check that.
/// Process-wide: set it only while no simulation runs.
void set_income_vector_path(bool enabled);

/// A household's social minimum: the bijstand norm for its composition (single or couple, below
/// or at pension age), and the poverty line as a multiple of it. Shared by the income module and
/// measures that pay households.
class SocialMinimum {
 public:
  static SocialMinimum from(const ParameterSet& ps);
  std::int64_t norm_cents(bool couple, bool pension_age) const {
    return pension_age ? (couple ? pension_couple_ : pension_single_)
                       : (couple ? norm_couple_ : norm_single_);
  }
  /// The norm of household `h` as it is now.
  std::int64_t of(const Population& pop, std::uint32_t h) const;
  bool poor(std::int64_t income_cents, std::int64_t norm) const {
    return static_cast<double>(income_cents) < line_factor_ * static_cast<double>(norm);
  }
  std::int64_t pension_couple_cents() const { return pension_couple_; }
  std::int64_t pension_single_cents() const { return pension_single_; }
  std::uint16_t pension_age_months() const { return pension_age_months_; }

 private:
  std::int64_t norm_single_ = 0, norm_couple_ = 0, pension_single_ = 0, pension_couple_ = 0;
  double line_factor_ = 1.2;
  std::uint16_t pension_age_months_ = 0;
};

}  // namespace leidensim
