#pragma once
// Counter-based random numbers (Philox4x32-10, Random123).
//
// A draw is a pure function of (seed, replication) -> key and (person id, month, stream, sub)
// -> counter. No generator state exists, so draws do not depend on the order in which persons
// are visited, on the number of threads, or on which other modules draw: adding a measure never
// moves the draws of the life-course processes (common random numbers across scenarios).
//
// Decisions compare the raw 32-bit uniforms against integer thresholds (Threshold), so they are
// exact and do not depend on floating-point contraction or the instruction set.
#include <Random123/philox.h>

#include <array>
#include <cstdint>
#include <string_view>

namespace leidensim {

using Draws = std::array<std::uint32_t, 4>;

/// Stream id of a module: a stable hash of its name, so that ids do not depend on which modules
/// are loaded or in what order.
constexpr std::uint32_t stream_id(std::string_view module_name) {
  std::uint32_t h = 2166136261u;  // FNV-1a
  for (char c : module_name) {
    h ^= static_cast<std::uint8_t>(c);
    h *= 16777619u;
  }
  return h;
}

/// Month coordinate used by draws that happen before the first simulated month (synthesis).
inline constexpr std::uint32_t kSynthesisMonth = 0xFFFFFFFFu;

class RandomKey {
 public:
  RandomKey(std::uint64_t seed, std::uint32_t replication)
      : key_{{static_cast<std::uint32_t>(seed ^ (seed >> 32)), replication}} {}

  /// Four independent uniform 32-bit integers for (subject, month, stream, sub).
  Draws draw(std::uint32_t subject, std::uint32_t month, std::uint32_t stream,
             std::uint32_t sub = 0) const {
    r123::Philox4x32 philox;
    const r123::Philox4x32::ctr_type ctr = {{subject, month, stream, sub}};
    const auto r = philox(ctr, key_);
    return {r[0], r[1], r[2], r[3]};
  }

 private:
  r123::Philox4x32::key_type key_;
};

/// A draw bound to one module's stream in one month: the usual way modules draw.
class MonthStream {
 public:
  MonthStream(const RandomKey& key, std::uint32_t month, std::uint32_t stream)
      : key_(&key), month_(month), stream_(stream) {}
  Draws operator()(std::uint32_t subject, std::uint32_t sub = 0) const {
    return key_->draw(subject, month_, stream_, sub);
  }
  std::uint32_t month() const { return month_; }

 private:
  const RandomKey* key_;
  std::uint32_t month_;
  std::uint32_t stream_;
};

/// A probability as an integer threshold: an event with probability p happens iff u < t for a
/// uniform 32-bit u. p = 0 never fires, p = 1 always fires.
class Threshold {
 public:
  constexpr Threshold() = default;
  explicit Threshold(double p);
  bool fires(std::uint32_t u) const { return always_ || u < t_; }
  double probability() const;

 private:
  std::uint32_t t_ = 0;
  bool always_ = false;
};

/// Uniform double in [0, 1) from one 32-bit draw (for continuous quantities, never decisions).
inline double unit_interval(std::uint32_t u) { return u * (1.0 / 4294967296.0); }

/// Uniform integer in [0, n) from one 32-bit draw (multiply-shift, no modulo bias worth noting
/// for n far below 2^32).
inline std::uint32_t uniform_below(std::uint32_t u, std::uint32_t n) {
  return static_cast<std::uint32_t>((static_cast<std::uint64_t>(u) * n) >> 32);
}

/// Standard normal from two 32-bit draws (Box-Muller; used for continuous quantities only).
double standard_normal(std::uint32_t u1, std::uint32_t u2);

}  // namespace leidensim
