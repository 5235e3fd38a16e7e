#include "leidensim/replication_runner.hpp"

#include <tbb/parallel_for.h>

#include <cstring>
#include <mutex>

namespace leidensim {

std::vector<ReplicationResult> run_replications(const ModelSpec& spec, int replications,
                                                const SimulationOptions& options,
                                                const ProgressCallback& progress) {
  std::vector<ReplicationResult> out(static_cast<std::size_t>(replications));
  std::mutex progress_mutex;
  int done = 0;
  tbb::parallel_for(0, replications, [&](int r) {
    Simulation sim(spec, static_cast<std::uint32_t>(r), options);
    sim.run();
    auto& res = out[static_cast<std::size_t>(r)];
    res.replication = static_cast<std::uint32_t>(r);
    res.indicators = sim.indicators();
    res.ledger = sim.ledger();
    res.final_population_hash = sim.population().hash();
    res.final_persons = sim.population().persons();
    if (progress) {
      std::lock_guard<std::mutex> lock(progress_mutex);
      progress(++done, replications);
    }
  });
  return out;
}

std::uint64_t hash_indicators(const IndicatorSeries& s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (std::int64_t v : s.raw()) {
    std::uint64_t w;
    std::memcpy(&w, &v, 8);
    h = (h ^ w) * 0x100000001b3ULL;
    h ^= h >> 29;
  }
  return h;
}

}  // namespace leidensim
