#include "leidensim/rng.hpp"

#include <cmath>
#if defined(__AVX512F__) || defined(__AVX2__)
#include <immintrin.h>
#endif
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

namespace {

// Philox4x32-10 (Salmon et al., SC'11), as in Random123, for many counters at once. The vector
// versions compute the 32x32->64 products with vpmuludq on even and odd lanes; a unit test
// checks them bit for bit against Random123.
constexpr std::uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;
constexpr std::uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;

void draw_scalar(const r123::Philox4x32::key_type& k, const std::uint32_t* subjects, std::size_t n,
                 std::uint32_t month, std::uint32_t stream, std::uint32_t sub, std::uint32_t* u0,
                 std::uint32_t* u1, std::uint32_t* u2, std::uint32_t* u3) {
  const r123::Philox4x32 philox;
  for (std::size_t i = 0; i < n; ++i) {
    const r123::Philox4x32::ctr_type ctr = {{subjects[i], month, stream, sub}};
    const auto r = philox(ctr, k);
    u0[i] = r[0];
    u1[i] = r[1];
    u2[i] = r[2];
    u3[i] = r[3];
  }
}

#if defined(__AVX512F__)
// GCC 12's AVX-512 headers trip -Wmaybe-uninitialized (and, once inlined into the interleaved
// loop below, -Wuninitialized) on _mm512_undefined_epi32 (GCC PR 105593).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
constexpr std::size_t kLanes = 16;
using Vec = __m512i;
inline Vec set1(std::uint32_t x) {
  return _mm512_set1_epi32(static_cast<int>(x));
}
inline Vec load(const std::uint32_t* p) {
  return _mm512_loadu_si512(p);
}
inline void store(std::uint32_t* p, Vec v) {
  _mm512_storeu_si512(p, v);
}
inline Vec xor3(Vec a, Vec b, Vec c) {
  return _mm512_xor_si512(_mm512_xor_si512(a, b), c);
}
inline void mulhilo(Vec x, Vec m, Vec& hi, Vec& lo) {
  const Vec even = _mm512_mul_epu32(x, m);
  const Vec odd = _mm512_mul_epu32(_mm512_srli_epi64(x, 32), m);
  lo = _mm512_mask_blend_epi32(0xAAAA, even, _mm512_slli_epi64(odd, 32));
  hi = _mm512_mask_blend_epi32(0xAAAA, _mm512_srli_epi64(even, 32), odd);
}
#elif defined(__AVX2__)
constexpr std::size_t kLanes = 8;
using Vec = __m256i;
inline Vec set1(std::uint32_t x) {
  return _mm256_set1_epi32(static_cast<int>(x));
}
inline Vec load(const std::uint32_t* p) {
  return _mm256_loadu_si256(reinterpret_cast<const Vec*>(p));
}
inline void store(std::uint32_t* p, Vec v) {
  _mm256_storeu_si256(reinterpret_cast<Vec*>(p), v);
}
inline Vec xor3(Vec a, Vec b, Vec c) {
  return _mm256_xor_si256(_mm256_xor_si256(a, b), c);
}
inline void mulhilo(Vec x, Vec m, Vec& hi, Vec& lo) {
  const Vec even = _mm256_mul_epu32(x, m);
  const Vec odd = _mm256_mul_epu32(_mm256_srli_epi64(x, 32), m);
  lo = _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xAA);
  hi = _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
}
#endif

}  // namespace

#if defined(__AVX512F__) || defined(__AVX2__)
namespace {
// U independent groups of kLanes counters at once. One group's ten rounds form a dependency
// chain (multiply, blend, xor) that leaves most of the vector units idle; interleaving
// independent groups fills them.
template <int U>
inline void philox_groups(std::uint32_t k0, std::uint32_t k1, const std::uint32_t* subjects,
                          std::uint32_t month, std::uint32_t stream, std::uint32_t sub,
                          std::uint32_t* u0, std::uint32_t* u1, std::uint32_t* u2,
                          std::uint32_t* u3) {
  const Vec m0 = set1(kM0), m1 = set1(kM1);
  Vec c0[U], c1[U], c2[U], c3[U];
  for (int g = 0; g < U; ++g) {
    c0[g] = load(subjects + g * kLanes);
    c1[g] = set1(month);
    c2[g] = set1(stream);
    c3[g] = set1(sub);
  }
  for (int round = 0; round < 10; ++round) {
    const Vec vk0 = set1(k0), vk1 = set1(k1);
    for (int g = 0; g < U; ++g) {
      Vec hi0, lo0, hi1, lo1;
      mulhilo(c0[g], m0, hi0, lo0);
      mulhilo(c2[g], m1, hi1, lo1);
      c0[g] = xor3(hi1, c1[g], vk0);
      c1[g] = lo1;
      c2[g] = xor3(hi0, c3[g], vk1);
      c3[g] = lo0;
    }
    k0 += kW0;
    k1 += kW1;
  }
  for (int g = 0; g < U; ++g) {
    store(u0 + g * kLanes, c0[g]);
    store(u1 + g * kLanes, c1[g]);
    store(u2 + g * kLanes, c2[g]);
    store(u3 + g * kLanes, c3[g]);
  }
}
}  // namespace
#endif

void draw_many(const RandomKey& key, const std::uint32_t* subjects, std::size_t n,
               std::uint32_t month, std::uint32_t stream, std::uint32_t sub, std::uint32_t* u0,
               std::uint32_t* u1, std::uint32_t* u2, std::uint32_t* u3) {
  std::size_t i = 0;
#if defined(__AVX512F__) || defined(__AVX2__)
  const std::uint32_t k0 = key.key_[0], k1 = key.key_[1];
  constexpr int kGroups = 4;
  for (; i + kGroups * kLanes <= n; i += kGroups * kLanes)
    philox_groups<kGroups>(k0, k1, subjects + i, month, stream, sub, u0 + i, u1 + i, u2 + i,
                           u3 + i);
  for (; i + kLanes <= n; i += kLanes)
    philox_groups<1>(k0, k1, subjects + i, month, stream, sub, u0 + i, u1 + i, u2 + i, u3 + i);
#endif
  draw_scalar(key.key_, subjects + i, n - i, month, stream, sub, u0 + i, u1 + i, u2 + i, u3 + i);
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
