#include "leidensim/rng.hpp"

#include <cmath>
#include <numbers>

namespace leidensim {

Threshold::Threshold(double p) {
  if (!(p > 0.0)) return;  // also catches NaN
  if (p >= 1.0) {
    always_ = true;
    return;
  }
  t_ = static_cast<std::uint32_t>(std::floor(p * 4294967296.0));
}

double Threshold::probability() const { return always_ ? 1.0 : t_ / 4294967296.0; }

double standard_normal(std::uint32_t u1, std::uint32_t u2) {
  const double a = (u1 + 0.5) * (1.0 / 4294967296.0);  // never 0
  const double b = u2 * (1.0 / 4294967296.0);
  return std::sqrt(-2.0 * std::log(a)) * std::cos(2.0 * std::numbers::pi * b);
}

}  // namespace leidensim
