#include "leidensim/uncertainty/decomposition.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace leidensim::uncertainty {

namespace {

double mean(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v) sum += x;
  return sum / static_cast<double>(v.size());
}

/// Sample variance (n - 1 in the denominator).
double variance(const std::vector<double>& v) {
  const double m = mean(v);
  double ss = 0;
  for (double x : v) ss += (x - m) * (x - m);
  return ss / static_cast<double>(v.size() - 1);
}

/// Solves A b = y in place by Gaussian elimination with partial pivoting; false if singular.
bool solve(std::vector<std::vector<double>>& a, std::vector<double>& y) {
  const std::size_t n = y.size();
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t pivot = c;
    for (std::size_t r = c + 1; r < n; ++r)
      if (std::abs(a[r][c]) > std::abs(a[pivot][c])) pivot = r;
    if (std::abs(a[pivot][c]) < 1e-12) return false;
    std::swap(a[c], a[pivot]);
    std::swap(y[c], y[pivot]);
    for (std::size_t r = c + 1; r < n; ++r) {
      const double f = a[r][c] / a[c][c];
      for (std::size_t k = c; k < n; ++k) a[r][k] -= f * a[c][k];
      y[r] -= f * y[c];
    }
  }
  for (std::size_t c = n; c-- > 0;) {
    for (std::size_t k = c + 1; k < n; ++k) y[c] -= a[c][k] * y[k];
    y[c] /= a[c][c];
  }
  return true;
}

}  // namespace

double quantile(std::vector<double> values, double q) {
  if (values.empty()) throw std::invalid_argument("quantile of no values");
  std::sort(values.begin(), values.end());
  const double h = q * static_cast<double>(values.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, values.size() - 1);
  return values[lo] + (h - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

Decomposition decompose(const std::vector<std::vector<double>>& e) {
  const std::size_t S = e.size();
  if (S < 2) throw std::invalid_argument("decompose: needs at least 2 samples");
  const std::size_t R = e.front().size();
  if (R < 2) throw std::invalid_argument("decompose: needs at least 2 replications");
  for (const auto& row : e)
    if (row.size() != R)
      throw std::invalid_argument("decompose: every sample needs the same replications");
  Decomposition d;
  d.samples = static_cast<int>(S);
  d.replications = static_cast<int>(R);
  double within = 0;
  for (const auto& row : e) {
    d.sample_means.push_back(mean(row));
    const double v = variance(row);
    d.sample_sds.push_back(std::sqrt(v));
    within += v;
  }
  d.within_variance = within / static_cast<double>(S);
  d.mean_effect = mean(d.sample_means);
  d.between_variance = variance(d.sample_means);
  std::vector<double> replication_means(R, 0.0);
  for (const auto& row : e)
    for (std::size_t r = 0; r < R; ++r) replication_means[r] += row[r] / static_cast<double>(S);
  double residual = 0;
  for (std::size_t s = 0; s < S; ++s)
    for (std::size_t r = 0; r < R; ++r) {
      const double u = e[s][r] - d.sample_means[s] - replication_means[r] + d.mean_effect;
      residual += u * u;
    }
  d.residual_variance = residual / static_cast<double>((S - 1) * (R - 1));
  const double n = static_cast<double>(R);
  d.parameter_variance = std::max(0.0, d.between_variance - d.residual_variance / n);
  d.mc_sd_run = std::sqrt(d.within_variance);
  d.mc_sd_mean = std::sqrt(d.within_variance / n);
  d.parameter_sd = std::sqrt(d.parameter_variance);
  const double total = d.parameter_variance + d.within_variance / n;
  d.parameter_share = total > 0 ? d.parameter_variance / total : 0.0;
  d.parameter_low = quantile(d.sample_means, 0.025);
  d.parameter_high = quantile(d.sample_means, 0.975);
  return d;
}

std::vector<Sensitivity> sensitivity(const std::vector<std::vector<double>>& x,
                                     const std::vector<double>& m) {
  const std::size_t S = m.size();
  const std::size_t P = x.empty() ? 0 : x.front().size();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<Sensitivity> out(P, Sensitivity{nan, nan});
  if (S < 2) return out;
  for (const auto& row : x)
    if (row.size() != P) throw std::invalid_argument("sensitivity: ragged parameter values");
  if (x.size() != S) throw std::invalid_argument("sensitivity: one row of values per sample");
  const double m_mean = mean(m);
  const double m_sd = std::sqrt(variance(m));
  // Columns centred and scaled to unit SD; a column without spread takes no part.
  std::vector<std::size_t> spread;
  std::vector<std::vector<double>> z(P, std::vector<double>(S));
  for (std::size_t j = 0; j < P; ++j) {
    std::vector<double> col(S);
    for (std::size_t s = 0; s < S; ++s) col[s] = x[s][j];
    const double mu = mean(col), sd = std::sqrt(variance(col));
    if (!(sd > 0) || !(m_sd > 0)) continue;
    double cov = 0;
    for (std::size_t s = 0; s < S; ++s) {
      z[j][s] = (col[s] - mu) / sd;
      cov += z[j][s] * (m[s] - m_mean) / m_sd;
    }
    out[j].correlation = cov / static_cast<double>(S - 1);
    spread.push_back(j);
  }
  // Least squares on standardized columns (the intercept drops out after centring): the
  // coefficients are the standardized regression coefficients. Needs S - 1 > k residual
  // degrees of freedom to be more than an exact fit.
  const std::size_t k = spread.size();
  if (k == 0 || S < k + 2) return out;
  std::vector<std::vector<double>> a(k, std::vector<double>(k, 0.0));
  std::vector<double> y(k, 0.0);
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = 0; j < k; ++j)
      for (std::size_t s = 0; s < S; ++s) a[i][j] += z[spread[i]][s] * z[spread[j]][s];
    for (std::size_t s = 0; s < S; ++s) y[i] += z[spread[i]][s] * (m[s] - m_mean) / m_sd;
  }
  if (!solve(a, y)) return out;
  for (std::size_t i = 0; i < k; ++i) out[spread[i]].standardized_coefficient = y[i];
  return out;
}

}  // namespace leidensim::uncertainty
