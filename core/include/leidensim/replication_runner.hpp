#pragma once
// Runs the replications of one model, in parallel over replications (and within each, over
// blocks). Results are identical at any thread count: each replication is a pure function of
// (model, seed, replication number).
#include <cstdint>
#include <functional>
#include <vector>

#include "leidensim/indicators.hpp"
#include "leidensim/model_spec.hpp"
#include "leidensim/simulation.hpp"

namespace leidensim {

struct ReplicationResult {
  std::uint32_t replication = 0;
  IndicatorSeries indicators;
  LedgerSeries ledger;
  std::uint64_t final_population_hash = 0;
  std::size_t final_persons = 0;
};

/// Called after each finished replication with (done, total); may be called from any thread,
/// but never concurrently.
using ProgressCallback = std::function<void(int done, int total)>;

std::vector<ReplicationResult> run_replications(const ModelSpec& spec, int replications,
                                                const SimulationOptions& options = {},
                                                const ProgressCallback& progress = {});

/// One run: a model and a replication number.
struct RunPlan {
  const ModelSpec* spec;
  std::uint32_t replication;
};

/// Runs every plan, in parallel over plans (and within each over blocks); results in plan order.
/// Comparisons hand it scenarios x replications with the same seed, so that replication r of
/// every scenario shares its random draws (common random numbers).
std::vector<ReplicationResult> run_plans(const std::vector<RunPlan>& plans,
                                         const SimulationOptions& options = {},
                                         const ProgressCallback& progress = {});

/// A hash of indicator series, for determinism checks and regression references.
std::uint64_t hash_indicators(const IndicatorSeries& s);

}  // namespace leidensim
