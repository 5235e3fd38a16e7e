#include "leidensim/replication_runner.hpp"

#include <tbb/parallel_for.h>

#include <mutex>

namespace leidensim {

std::vector<ReplicationResult> run_plans(const std::vector<RunPlan>& plans,
                                         const SimulationOptions& options,
                                         const ProgressCallback& progress) {
  std::vector<ReplicationResult> out(plans.size());
  std::mutex progress_mutex;
  int done = 0;
  const int total = static_cast<int>(plans.size());
  tbb::parallel_for(std::size_t{0}, plans.size(), [&](std::size_t k) {
    Simulation sim(*plans[k].spec, plans[k].replication, options);
    sim.run();
    auto& res = out[k];
    res.replication = plans[k].replication;
    res.indicators = sim.indicators();
    res.ledger = sim.ledger();
    res.final_population_hash = sim.population().hash();
    res.final_persons = sim.population().persons();
    if (progress) {
      std::lock_guard<std::mutex> lock(progress_mutex);
      progress(++done, total);
    }
  });
  return out;
}

std::vector<ReplicationResult> run_replications(const ModelSpec& spec, int replications,
                                                const SimulationOptions& options,
                                                const ProgressCallback& progress) {
  std::vector<RunPlan> plans;
  for (int r = 0; r < replications; ++r) plans.push_back({&spec, static_cast<std::uint32_t>(r)});
  return run_plans(plans, options, progress);
}

std::uint64_t hash_indicators(const IndicatorSeries& s) {
  return hash_bytes(0xcbf29ce484222325ULL, s.raw().data(), s.raw().size() * sizeof(std::int64_t));
}

}  // namespace leidensim
