#include "leidensim/simulation.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <bit>
#include <stdexcept>

namespace leidensim {

namespace {
int phase_index(Phase p) {
  return std::countr_zero(static_cast<std::uint32_t>(p));
}
}  // namespace

Simulation::Simulation(const ModelSpec& spec, std::uint32_t replication, SimulationOptions options)
    : spec_(spec),
      replication_(replication),
      options_(options),
      key_(spec.seed, replication),
      pop_(*spec.base_population),
      plan_(std::size(kAllPhases)),
      month_counts_(spec.district_count()),
      indicators_(spec.horizon_months, spec.district_count()),
      ledger_(spec.horizon_months) {
  int measures = 0;
  for (const auto& d : spec.modules) {
    const int index = d.kind == ModuleKind::Plugin ? measures++ : -1;
    modules_.push_back(d.create(ModuleSetup{spec, d.params, index}));
    if (index >= 0) measures_.insert(modules_.back().get());
    if (const EffectSource* e = modules_.back()->effects()) modifiers_.add(3u << (2 * index), e);
    for (Phase ph : kAllPhases) {
      if (!(d.phases & ph)) continue;
      const bool parallel = d.parallel_phases & ph;
      auto& groups = plan_[phase_index(ph)];
      if (parallel && !groups.empty() && groups.back().parallel)
        groups.back().modules.push_back(modules_.back().get());
      else
        groups.push_back({parallel, {modules_.back().get()}});
    }
  }
  for (Phase ph : kAllPhases)
    if (ph != kEndYear && !plan_[phase_index(ph)].empty())
      last_group_ = &plan_[phase_index(ph)].back();
  if (options_.check_invariants) checker_ = std::make_unique<InvariantChecker>();
  repartition();
}

Simulation::~Simulation() = default;

bool Simulation::active(const Module* m) const {
  // Policy measures take effect from the scenario's start month, not during the warm-up.
  return month_ >= spec_.warmup_months() || !measures_.count(m);
}

void Simulation::repartition() {
  if (pop_.needs_compaction() || blocks_.empty()) {
    if (pop_.needs_compaction()) pop_.compact();
    blocks_ = pop_.partition(options_.block_persons);
  } else {
    pop_.extend_partition(blocks_, options_.block_persons);
  }
  size_block_scratch();
}

void Simulation::size_block_scratch() {
  const int districts = spec_.district_count();
  if (block_counts_.size() < blocks_.size()) {
    block_events_.resize(blocks_.size());
    block_counts_.resize(blocks_.size(), IndicatorCounts(districts));
    block_ledgers_.resize(blocks_.size());
  }
}

void Simulation::collect_block_scratch() {
  for (std::size_t b = 0; b < blocks_.size(); ++b) {
    events_.append(block_events_[b]);
    block_events_[b].clear();
    month_counts_.add(block_counts_[b]);
    block_counts_[b].clear();
    month_ledger_.add(block_ledgers_[b]);
    block_ledgers_[b].clear();
  }
}

void Simulation::run_parallel(Phase phase, const Group& g, const MonthContext& ctx,
                              bool with_stocks) {
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks_.size()),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      for (std::size_t b = r.begin(); b < r.end(); ++b) {
                        BlockContext bc{pop_,
                                        blocks_[b],
                                        ctx,
                                        block_events_[b],
                                        block_counts_[b],
                                        block_ledgers_[b],
                                        modifiers_.empty() ? nullptr : &modifiers_};
                        for (Module* m : g.modules)
                          if (active(m)) m->run_block(phase, bc);
                        if (with_stocks) count_stocks(pop_, blocks_[b], block_counts_[b]);
                      }
                    });
  collect_block_scratch();
}

void Simulation::run_phase(Phase phase, const MonthContext& ctx) {
  for (const Group& g : plan_[phase_index(phase)]) {
    if (g.parallel) {
      run_parallel(phase, g, ctx, &g == last_group_);
    } else {
      SerialContext sc{pop_,          ctx,           events_,
                       month_counts_, month_ledger_, modifiers_.empty() ? nullptr : &modifiers_};
      for (Module* m : g.modules)
        if (active(m)) m->run_serial(phase, sc);
      repartition();  // serial modules may change the layout
    }
  }
}

bool Simulation::step() {
  if (month_ >= spec_.total_months()) return false;
  MonthContext ctx;
  ctx.month = static_cast<std::uint32_t>(month_);
  ctx.date = spec_.reference.plus_months(month_);
  ctx.key = &key_;
  if (checker_) checker_->before_month(pop_);
  month_counts_.clear();
  month_ledger_.clear();
  events_.clear();
  for (Phase ph : kAllPhases) {
    if (ph == kEndYear) continue;  // after the stocks are counted
    run_phase(ph, ctx);
  }
  // End-of-month stocks, counted per block (in the last parallel pass if the month ends with one).
  if (!last_group_ || !last_group_->parallel) {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks_.size()),
                      [&](const tbb::blocked_range<std::size_t>& r) {
                        for (std::size_t b = r.begin(); b < r.end(); ++b)
                          count_stocks(pop_, blocks_[b], block_counts_[b]);
                      });
    collect_block_scratch();
  }
  if (checker_) checker_->after_month(pop_, month_counts_, month_);
  if (ctx.date.month == 12) run_phase(kEndYear, ctx);
  const int reported = month_ - spec_.warmup_months();
  if (reported >= 0) {
    indicators_.set_month(reported, month_counts_);
    ledger_.set_month(reported, month_ledger_);
  }
  ++month_;
  return true;
}

void Simulation::run() {
  while (step()) {
  }
}

void Simulation::run_until(int month) {
  while (month_ < month && step()) {
  }
}

void Simulation::continue_from_warmup(const Simulation& warm) {
  if (month_ != 0 || warm.month_ != spec_.warmup_months() || warm.replication_ != replication_ ||
      checker_ || !same_warmup(spec_, warm.spec_))
    throw std::logic_error("continue_from_warmup: not the same warm-up");
  // Everything that carries over from month to month: the population and its partition into
  // blocks (indicators and ledger hold reported months only; the modules keep no state during
  // the warm-up: processes keep none at all, measures do not run).
  pop_ = warm.pop_;
  blocks_ = warm.blocks_;
  size_block_scratch();
  month_ = warm.month_;
}

namespace {
bool same_parameters(const ParameterSet& a, const ParameterSet& b) {
  const auto& x = a.all();
  const auto& y = b.all();
  if (x.size() != y.size()) return false;
  for (std::size_t k = 0; k < x.size(); ++k)
    if (x[k].name != y[k].name || x[k].values != y[k].values) return false;
  return true;
}

/// Built-in modules, all before any plugin (so that measures never split a pass of them).
bool builtins_first(const ModelSpec& s, std::size_t& builtins) {
  builtins = 0;
  while (builtins < s.modules.size() && s.modules[builtins].kind == ModuleKind::BuiltIn) ++builtins;
  for (std::size_t k = builtins; k < s.modules.size(); ++k)
    if (s.modules[k].kind == ModuleKind::BuiltIn) return false;
  return true;
}
}  // namespace

bool same_warmup(const ModelSpec& a, const ModelSpec& b) {
  std::size_t na = 0, nb = 0;
  if (a.warmup_months() != b.warmup_months() || !(a.reference == b.reference) || a.seed != b.seed ||
      a.scale != b.scale || a.districts != b.districts || !builtins_first(a, na) ||
      !builtins_first(b, nb) || na != nb)
    return false;
  for (std::size_t k = 0; k < na; ++k) {
    const ModuleDescriptor& x = a.modules[k];
    const ModuleDescriptor& y = b.modules[k];
    if (x.name != y.name || x.version != y.version || x.phases != y.phases ||
        x.parallel_phases != y.parallel_phases || x.params != y.params)
      return false;
  }
  if (!same_parameters(a.parameters, b.parameters)) return false;
  const Population& p = *a.base_population;
  const Population& q = *b.base_population;
  return &p == &q ||
         (p.person_slots() == q.person_slots() && p.household_slots() == q.household_slots() &&
          p.persons() == q.persons() && p.next_id() == q.next_id() && p.hash() == q.hash());
}

}  // namespace leidensim
