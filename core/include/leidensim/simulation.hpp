#pragma once
// One replication of a model: a copy of the base population advanced month by month.
//
// The month loop: for each phase, for each module subscribed to it (registry order), run it;
// policy measures run from the scenario's start month (the warm-up months are baseline);
// parallel modules run per block under TBB, serial ones on the whole population. Draws depend on
// (seed, replication, person id, month, module stream) only, blocks are ranges of whole
// households, and all counters are integers, so a run is bitwise identical at any thread count.
#include <cstdint>
#include <memory>
#include <set>
#include <vector>

#include "leidensim/indicators.hpp"
#include "leidensim/invariants.hpp"
#include "leidensim/ledger.hpp"
#include "leidensim/model_spec.hpp"

namespace leidensim {

struct SimulationOptions {
  bool check_invariants = false;
  std::size_t block_persons = 4096;  // target person slots per block (unit of parallel work)
};

/// Whether replications of models `a` and `b` pass through identical warm-up months: the same
/// base population, parameters, calendar, seed and built-in modules, and measures (inactive
/// during the warm-up, so no person carries a measure bit and no hazard is modified) only after
/// the built-in modules. Such runs may share one simulated warm-up per replication.
bool same_warmup(const ModelSpec& a, const ModelSpec& b);

class Simulation {
 public:
  Simulation(const ModelSpec& spec, std::uint32_t replication, SimulationOptions options = {});
  ~Simulation();

  /// Advances one month; returns false once the horizon has been reached.
  bool step();
  void run();
  /// Advances until `month` months are done (or the horizon is reached).
  void run_until(int month);
  /// Takes over the state of `warm`, a simulation of the same replication of a model with the
  /// same warm-up (same_warmup) that has run exactly its warm-up months, instead of simulating
  /// them again; call before the first step. Not with check_invariants (the checker keeps
  /// state of its own).
  void continue_from_warmup(const Simulation& warm);

  const Population& population() const { return pop_; }
  /// Indicators of the reported months (warm-up months excluded).
  const IndicatorSeries& indicators() const { return indicators_; }
  /// Budget postings of the reported months.
  const LedgerSeries& ledger() const { return ledger_; }
  /// Months simulated so far, counted from the population's reference date.
  int months_done() const { return month_; }
  std::uint32_t replication() const { return replication_; }

 private:
  struct Group {
    bool parallel;
    std::vector<Module*> modules;
  };
  void run_phase(Phase phase, const MonthContext& ctx);
  void run_parallel(Phase phase, const Group& g, const MonthContext& ctx, bool count_stocks);
  void collect_block_scratch();
  void repartition();
  void size_block_scratch();
  bool active(const Module* m) const;

  const ModelSpec& spec_;
  std::uint32_t replication_;
  SimulationOptions options_;
  RandomKey key_;
  Population pop_;
  std::vector<std::unique_ptr<Module>> modules_;
  std::vector<std::vector<Group>> plan_;  // per phase bit index
  const Group* last_group_ = nullptr;     // last group before end_year; stocks are counted in it
                                          // when it is parallel (saves a pass per month)
  std::vector<Block> blocks_;
  std::vector<HouseholdEvents> block_events_;
  std::vector<IndicatorCounts> block_counts_;
  std::vector<LedgerCounts> block_ledgers_;
  HouseholdEvents events_;
  IndicatorCounts month_counts_;
  LedgerCounts month_ledger_;
  IndicatorSeries indicators_;
  LedgerSeries ledger_;
  HazardModifiers modifiers_;         // effects of the measures among modules_
  std::set<const Module*> measures_;  // plugin measures: inactive during the warm-up
  std::unique_ptr<InvariantChecker> checker_;
  int month_ = 0;
};

}  // namespace leidensim
