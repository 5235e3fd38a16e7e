#pragma once
// sweep.html: one self-contained page (no scripts, no external files) about a parameter sweep,
// for policy staff: which parameters were varied over which ranges; per key indicator the mean
// effect with its Monte Carlo noise and its parameter uncertainty side by side, and the share of
// the uncertainty that the parameters cause; a small chart per indicator of the sample means
// against the band that Monte Carlo noise alone would give; each parameter's sensitivity; and
// the provenance (`info`, shown as JSON). Writes only `file`; throws std::runtime_error if it
// cannot be written.
#include <filesystem>
#include <nlohmann/json.hpp>

#include "leidensim/uncertainty/sweep.hpp"

namespace leidensim::outputs {

/// `info` must hold "base" and "scenario" (names); everything in it is shown as provenance.
void write_sweep_html(const std::filesystem::path& file, const uncertainty::SweepResult& r,
                      const nlohmann::json& info);

}  // namespace leidensim::outputs
