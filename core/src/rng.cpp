#include "leidensim/rng.hpp"

#include <cmath>
#include <numbers>

namespace leidensim {

Threshold::Threshold(double p) {
  if (!(p > 0.0)) return;  // also catches NaN
  t_ = p >= 1.0 ? (std::uint64_t{1} << 32)
                : static_cast<std::uint64_t>(std::floor(p * 4294967296.0));
}

double Threshold::probability() const {
  return static_cast<double>(t_) / 4294967296.0;
}

void draw_many(const RandomKey& key, const std::uint32_t* subjects, std::size_t n,
               std::uint32_t month, std::uint32_t stream, std::uint32_t sub, std::uint32_t* u0,
               std::uint32_t* u1, std::uint32_t* u2, std::uint32_t* u3) {
  const r123::Philox4x32 philox;
  const auto k = key.key_;
  for (std::size_t i = 0; i < n; ++i) {
    const r123::Philox4x32::ctr_type ctr = {{subjects[i], month, stream, sub}};
    const auto r = philox(ctr, k);
    u0[i] = r[0];
    u1[i] = r[1];
    u2[i] = r[2];
    u3[i] = r[3];
  }
}

const BlockDraws& BlockDraws::fill(const RandomKey& key, const std::uint32_t* subjects,
                                   std::size_t n, std::uint32_t month, std::uint32_t stream,
                                   std::uint32_t sub) {
  for (auto& v : u_)
    if (v.size() < n) v.resize(n);
  draw_many(key, subjects, n, month, stream, sub, u_[0].data(), u_[1].data(), u_[2].data(),
            u_[3].data());
  return *this;
}

const BlockDraws& MonthStream::block(const std::uint32_t* subjects, std::size_t n,
                                     std::uint32_t sub) const {
  thread_local BlockDraws buffer;
  return buffer.fill(*key_, subjects, n, month_, stream_, sub);
}

double standard_normal(std::uint32_t u1, std::uint32_t u2) {
  const double a = (u1 + 0.5) * (1.0 / 4294967296.0);  // never 0
  const double b = u2 * (1.0 / 4294967296.0);
  return std::sqrt(-2.0 * std::log(a)) * std::cos(2.0 * std::numbers::pi * b);
}

}  // namespace leidensim
