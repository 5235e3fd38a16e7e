#include "leidensim/synthesis/ipf.hpp"

#include <algorithm>
#include <cmath>

namespace leidensim {

namespace {

double weighted_sum(const FitConstraint& c, const std::vector<double>& w) {
  double s = 0;
  for (const auto& [i, a] : c.entries) s += a * w[i];
  return s;
}

/// Solves sum_i w_i a_i exp(a_i x) = target for x by safeguarded Newton steps.
double solve_log_factor(const FitConstraint& c, const std::vector<double>& w) {
  double x = 0;
  for (int it = 0; it < 60; ++it) {
    double g = -c.target, dg = 0;
    for (const auto& [i, a] : c.entries) {
      const double term = w[i] * a * std::exp(a * x);
      g += term;
      dg += a * term;
    }
    if (dg <= 0) break;
    const double step = std::clamp(-g / dg, -2.0, 2.0);
    x += step;
    if (std::abs(step) < 1e-13) break;
  }
  return x;
}

}  // namespace

FitResult fit_ipf(std::size_t templates, const std::vector<FitConstraint>& constraints,
                  const std::vector<double>& prior, int max_iterations, double tolerance) {
  FitResult r;
  r.weights = prior.empty() ? std::vector<double>(templates, 1.0) : prior;
  for (r.iterations = 1; r.iterations <= max_iterations; ++r.iterations) {
    for (const auto& c : constraints) {
      if (c.entries.empty()) continue;
      if (c.target <= 0) {
        for (const auto& [i, a] : c.entries) r.weights[i] = 0;
        continue;
      }
      const double x = solve_log_factor(c, r.weights);
      for (const auto& [i, a] : c.entries) r.weights[i] *= std::exp(a * x);
    }
    r.max_relative_error = 0;
    for (const auto& c : constraints) {
      if (c.target <= 0 || c.entries.empty()) continue;
      r.max_relative_error =
          std::max(r.max_relative_error, std::abs(weighted_sum(c, r.weights) / c.target - 1.0));
    }
    if (r.max_relative_error < tolerance) break;
  }
  r.iterations = std::min(r.iterations, max_iterations);
  return r;
}

}  // namespace leidensim
