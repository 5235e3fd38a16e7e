#include "leidensim/simulation.hpp"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include "leidensim/replication_runner.hpp"
#include "support/test_model.hpp"

namespace leidensim {
namespace {

struct Outcome {
  std::uint64_t population_hash;
  std::uint64_t indicator_hash;
  std::size_t persons;
};

Outcome run(const ModelSpec& spec, std::uint32_t replication, int threads,
            std::size_t block_persons = 2048, bool check = false) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(threads));
  SimulationOptions o;
  o.block_persons = block_persons;
  o.check_invariants = check;
  Simulation sim(spec, replication, o);
  sim.run();
  return {sim.population().hash(), hash_indicators(sim.indicators()), sim.population().persons()};
}

const ModelSpec& small_model() {
  static const ModelSpec spec = test::model(0.08, 6);
  return spec;
}

TEST(Simulation, BitwiseIdenticalAt1And2And8Threads) {
  const Outcome one = run(small_model(), 0, 1);
  const Outcome two = run(small_model(), 0, 2);
  const Outcome eight = run(small_model(), 0, 8);
  EXPECT_EQ(one.population_hash, two.population_hash);
  EXPECT_EQ(one.population_hash, eight.population_hash);
  EXPECT_EQ(one.indicator_hash, two.indicator_hash);
  EXPECT_EQ(one.indicator_hash, eight.indicator_hash);
}

TEST(Simulation, ResultsDoNotDependOnTheBlockSize) {
  const Outcome small_blocks = run(small_model(), 0, 2, 300);
  const Outcome large_blocks = run(small_model(), 0, 2, 50000);
  EXPECT_EQ(small_blocks.population_hash, large_blocks.population_hash);
  EXPECT_EQ(small_blocks.indicator_hash, large_blocks.indicator_hash);
}

TEST(Simulation, SameSeedSameRunOtherReplicationOrSeedDiffers) {
  const Outcome a = run(small_model(), 1, 2);
  const Outcome b = run(small_model(), 1, 2);
  const Outcome other_replication = run(small_model(), 2, 2);
  EXPECT_EQ(a.population_hash, b.population_hash);
  EXPECT_EQ(a.indicator_hash, b.indicator_hash);
  EXPECT_NE(a.indicator_hash, other_replication.indicator_hash);
  const ModelSpec other_seed = test::model(0.08, 6, {}, 777);
  EXPECT_NE(a.indicator_hash, run(other_seed, 1, 2).indicator_hash);
}

TEST(Simulation, InvariantsHoldEveryMonth) {
  // check_invariants verifies, after every month: persons conserved up to births, deaths and
  // migration; each person in exactly one household with one head; no negative count; every
  // person who stayed exactly one month older.
  EXPECT_NO_THROW(run(small_model(), 3, 2, 2048, true));
}

TEST(Simulation, ReportsOnlyTheMonthsAfterTheStart) {
  const ModelSpec& spec = small_model();
  Simulation sim(spec, 0);
  sim.run();
  EXPECT_EQ(sim.months_done(), spec.warmup_months() + spec.horizon_months);
  EXPECT_EQ(sim.indicators().months(), spec.horizon_months);
  const int last = spec.horizon_months - 1;
  EXPECT_EQ(sim.indicators().city(last, Indicator::Persons),
            static_cast<std::int64_t>(sim.population().persons()));
  EXPECT_EQ(sim.indicators().city(last, Indicator::Households),
            static_cast<std::int64_t>(sim.population().households()));
}

TEST(Simulation, ReplicationRunnerMatchesSingleRuns) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 2);
  const auto results = run_replications(small_model(), 3);
  ASSERT_EQ(results.size(), 3u);
  for (std::uint32_t r = 0; r < 3; ++r) {
    const Outcome single = run(small_model(), r, 1);
    EXPECT_EQ(results[r].final_population_hash, single.population_hash);
    EXPECT_EQ(hash_indicators(results[r].indicators), single.indicator_hash);
  }
}

}  // namespace
}  // namespace leidensim
