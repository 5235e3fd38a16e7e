#include "leidensim/replication_runner.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <utility>

namespace leidensim {

std::vector<ReplicationResult> run_plans(const std::vector<RunPlan>& plans,
                                         const SimulationOptions& options,
                                         const ProgressCallback& progress) {
  std::vector<ReplicationResult> out(plans.size());
  std::mutex progress_mutex;
  int done = 0;
  const int total = static_cast<int>(plans.size());
  // Scenarios that differ only in their measures (a comparison, typically) go through the same
  // warm-up in each replication: the measures are inactive in it. Each group of such plans
  // simulates the warm-up once and every plan of the group continues from a copy of it.
  std::vector<const ModelSpec*> specs;   // distinct models
  std::vector<std::size_t> model_class;  // per distinct model: its first model with that warm-up
  std::vector<std::size_t> plan_model(plans.size());
  for (std::size_t k = 0; k < plans.size(); ++k) {
    auto it = std::find(specs.begin(), specs.end(), plans[k].spec);
    plan_model[k] = static_cast<std::size_t>(it - specs.begin());
    if (it != specs.end()) continue;
    specs.push_back(plans[k].spec);
    std::size_t c = specs.size() - 1;
    for (std::size_t m = 0; m + 1 < specs.size(); ++m)
      if (model_class[m] == m && same_warmup(*specs[m], *plans[k].spec)) {
        c = m;
        break;
      }
    model_class.push_back(c);
  }
  std::vector<std::vector<std::size_t>> groups;  // plan indices, in plan order
  {
    std::map<std::pair<std::size_t, std::uint32_t>, std::size_t> group_of;
    for (std::size_t k = 0; k < plans.size(); ++k) {
      const auto key = std::make_pair(model_class[plan_model[k]], plans[k].replication);
      auto [it, added] = group_of.try_emplace(key, groups.size());
      if (added) groups.emplace_back();
      groups[it->second].push_back(k);
    }
  }
  const auto finish = [&](std::size_t k, const Simulation& sim) {
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
  };
  tbb::parallel_for(std::size_t{0}, groups.size(), [&](std::size_t g) {
    const std::vector<std::size_t>& members = groups[g];
    const RunPlan& first = plans[members.front()];
    const bool share =
        members.size() > 1 && first.spec->warmup_months() > 0 && !options.check_invariants;
    std::unique_ptr<Simulation> warm;
    if (share) {
      warm = std::make_unique<Simulation>(*first.spec, first.replication, options);
      warm->run_until(first.spec->warmup_months());
    }
    // Isolated: a thread waiting for this group's runs does not start another group meanwhile,
    // so that only about one warm-up state per thread is alive at a time.
    tbb::this_task_arena::isolate([&] {
      tbb::parallel_for(std::size_t{0}, members.size(), [&](std::size_t i) {
        const std::size_t k = members[i];
        Simulation sim(*plans[k].spec, plans[k].replication, options);
        if (warm) sim.continue_from_warmup(*warm);
        sim.run();
        finish(k, sim);
      });
    });
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
