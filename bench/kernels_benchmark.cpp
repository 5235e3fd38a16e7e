// Kernels of the monthly step: counter-based draws one at a time and batched, and one month of
// the full model on a tenth of Leiden. Run: build/release/bench/leidensim_kernels
#include <benchmark/benchmark.h>

#include <numeric>
#include <vector>

#include "leidensim/rng.hpp"
#include "leidensim/scenario.hpp"
#include "leidensim/simulation.hpp"

namespace leidensim {
namespace {

void BM_DrawOneAtATime(benchmark::State& state) {
  const RandomKey key(1, 0);
  std::uint32_t acc = 0, subject = 0;
  for (auto _ : state) {
    const Draws d = key.draw(subject++, 7, stream_id("labour"));
    acc ^= d[0] ^ d[3];
  }
  benchmark::DoNotOptimize(acc);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DrawOneAtATime);

void BM_DrawBatched(benchmark::State& state) {
  const RandomKey key(1, 0);
  const auto n = static_cast<std::size_t>(state.range(0));
  std::vector<std::uint32_t> subjects(n), u[4];
  std::iota(subjects.begin(), subjects.end(), 0u);
  for (auto& v : u) v.resize(n);
  for (auto _ : state) {
    draw_many(key, subjects.data(), n, 7, stream_id("labour"), 0, u[0].data(), u[1].data(),
              u[2].data(), u[3].data());
    benchmark::DoNotOptimize(u[0].data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}
BENCHMARK(BM_DrawBatched)->Arg(4096);

void BM_MonthOfATenthOfLeiden(benchmark::State& state) {
  Scenario s;
  s.data_dir = LEIDENSIM_BENCH_DATA_DIR;
  s.scale = 0.1;
  s.years = 200;
  s.start = {2024, 1};
  static const ModelSpec spec = make_model_spec(s, builtin_registry());
  Simulation sim(spec, 0);
  for (auto _ : state) sim.step();
  state.SetItemsProcessed(state.iterations() *
                          static_cast<std::int64_t>(sim.population().persons()));
}
BENCHMARK(BM_MonthOfATenthOfLeiden)->Iterations(120);

}  // namespace
}  // namespace leidensim

BENCHMARK_MAIN();
