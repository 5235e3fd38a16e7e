#include "leidensim/uncertainty/latin_hypercube.hpp"

#include <numeric>
#include <stdexcept>

#include "leidensim/rng.hpp"

namespace leidensim::uncertainty {

namespace {
// A stream no module uses (module streams are hashes of module names, and a module cannot be
// named with a slash), so the design does not share draws with a run of the same seed.
constexpr std::uint32_t kStream = stream_id("uncertainty/latin_hypercube");
// The key's replication slot: the design is one draw per sweep, not per replication.
constexpr std::uint32_t kDesignKey = 0xFFFFFFFFu;
}  // namespace

std::vector<std::vector<double>> latin_hypercube(int samples, int dimensions, std::uint64_t seed) {
  if (samples < 1 || dimensions < 0)
    throw std::invalid_argument("latin_hypercube: needs samples >= 1 and dimensions >= 0");
  const RandomKey key(seed, kDesignKey);
  const auto n = static_cast<std::uint32_t>(samples);
  std::vector<std::vector<double>> u(n, std::vector<double>(static_cast<std::size_t>(dimensions)));
  std::vector<std::uint32_t> stratum(n);
  for (int k = 0; k < dimensions; ++k) {
    const auto dim = static_cast<std::uint32_t>(k);
    // Fisher-Yates shuffle of the strata: draw (dimension, i) decides position i.
    std::iota(stratum.begin(), stratum.end(), 0u);
    for (std::uint32_t i = n; i-- > 1;) {
      const Draws d = key.draw(dim, i, kStream, 0);
      std::swap(stratum[i], stratum[uniform_below(d[0], i + 1)]);
    }
    for (std::uint32_t s = 0; s < n; ++s) {
      const Draws d = key.draw(dim, s, kStream, 1);
      // A 32-bit position keeps stratum + within exact (strata below 2^20), so a value never
      // rounds up onto the next stratum's edge.
      const double within = unit_interval(d[0]);
      u[s][dim] = (stratum[s] + within) / samples;
    }
  }
  return u;
}

}  // namespace leidensim::uncertainty
