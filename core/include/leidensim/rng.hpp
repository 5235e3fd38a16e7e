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
#include <vector>

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
  friend void draw_many(const RandomKey&, const std::uint32_t*, std::size_t, std::uint32_t,
                        std::uint32_t, std::uint32_t, std::uint32_t*, std::uint32_t*,
                        std::uint32_t*, std::uint32_t*);
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

/// Draws for many subjects at once, as four arrays (u0[k], u1[k], u2[k], u3[k]) =
/// draw(subjects[k], month, stream, sub). The loop has no branches, so the compiler vectorises
/// the Philox rounds: several times faster per draw than one call at a time. Identical values.
void draw_many(const RandomKey& key, const std::uint32_t* subjects, std::size_t n,
               std::uint32_t month, std::uint32_t stream, std::uint32_t sub, std::uint32_t* u0,
               std::uint32_t* u1, std::uint32_t* u2, std::uint32_t* u3);

/// Per-thread buffers for a block's draws (reused across blocks and months).
class BlockDraws {
 public:
  /// Fills the buffers with the draws of `n` subjects; returns *this for indexing.
  const BlockDraws& fill(const RandomKey& key, const std::uint32_t* subjects, std::size_t n,
                         std::uint32_t month, std::uint32_t stream, std::uint32_t sub = 0);
  std::uint32_t u0(std::size_t k) const { return u_[0][k]; }
  std::uint32_t u1(std::size_t k) const { return u_[1][k]; }
  std::uint32_t u2(std::size_t k) const { return u_[2][k]; }
  std::uint32_t u3(std::size_t k) const { return u_[3][k]; }

 private:
  std::vector<std::uint32_t> u_[4];
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
  /// The draws of a block's subjects (see draw_many), in a per-thread buffer.
  const BlockDraws& block(const std::uint32_t* subjects, std::size_t n,
                          std::uint32_t sub = 0) const;

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
  // A 64-bit threshold holds 2^32 for certainty, so the test is one compare without a branch.
  bool fires(std::uint32_t u) const { return u < t_; }
  double probability() const;
  /// The threshold of probability min(1, p x factor), for hazard multipliers of measures.
  Threshold scaled(double factor) const {
    Threshold t;
    const double v = static_cast<double>(t_) * (factor > 0 ? factor : 0.0);
    t.t_ = v >= 4294967296.0 ? (std::uint64_t{1} << 32) : static_cast<std::uint64_t>(v);
    return t;
  }

 private:
  std::uint64_t t_ = 0;
};

/// Uniform double in [0, 1) from one 32-bit draw (for continuous quantities, never decisions).
inline double unit_interval(std::uint32_t u) {
  return u * (1.0 / 4294967296.0);
}

/// Uniform integer in [0, n) from one 32-bit draw (multiply-shift, no modulo bias worth noting
/// for n far below 2^32).
inline std::uint32_t uniform_below(std::uint32_t u, std::uint32_t n) {
  return static_cast<std::uint32_t>((static_cast<std::uint64_t>(u) * n) >> 32);
}

/// Standard normal from two 32-bit draws (Box-Muller; used for continuous quantities only).
double standard_normal(std::uint32_t u1, std::uint32_t u2);

}  // namespace leidensim
