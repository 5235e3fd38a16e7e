#pragma once
// Latin hypercube samples of the unit cube, for the parameter sweep (leidensim sweep).
//
// n samples in d dimensions: in every dimension the n values fall one into each of the n equal
// strata [i/n, (i+1)/n), in an order that is a random permutation, at a uniform position within
// the stratum. Every parameter's range is thus covered evenly with few samples, which plain
// random sampling does not guarantee (with 16 samples a quarter of a range is often left empty).
//
// Draws come from the project's counter-based generator (rng.hpp) keyed by the seed, on a stream
// of their own, so the design is a pure function of (samples, dimensions, seed): no state, no
// clock, and independent of the draws of any simulation run with the same seed.
// Reads and writes nothing else; safe to call from any thread.
#include <cstdint>
#include <vector>

namespace leidensim::uncertainty {

/// u[s][k] in [0, 1) for sample s < `samples` and dimension k < `dimensions`. Requires
/// samples >= 1 and dimensions >= 0 (throws std::invalid_argument otherwise).
std::vector<std::vector<double>> latin_hypercube(int samples, int dimensions, std::uint64_t seed);

}  // namespace leidensim::uncertainty
