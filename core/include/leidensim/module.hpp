#pragma once
// The one interface of everything that acts on the population each month: the built-in
// life-course processes and (loaded as plugins) policy measures.
//
// A module declares the phases of the month it takes part in, and for each whether it is
// parallel-safe: a parallel phase runs per block (a range of whole households) and may write
// only the persons and households of that block; a serial phase sees the whole population.
// Within a phase, modules run in registry order; consecutive parallel modules are fused into one
// pass over the blocks.
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "leidensim/calendar.hpp"
#include "leidensim/hazard_modifiers.hpp"
#include "leidensim/household_events.hpp"
#include "leidensim/indicators.hpp"
#include "leidensim/ledger.hpp"
#include "leidensim/population.hpp"
#include "leidensim/rng.hpp"

namespace leidensim {

enum Phase : std::uint32_t {
  kBeginMonth = 1u << 0,   // ageing and other clock-driven changes
  kHazards = 1u << 1,      // person and household transitions drawn from rates
  kTransitions = 1u << 2,  // serial: household events applied in a fixed order
  kPayments = 1u << 3,     // incomes, benefits, costs
  kEndMonth = 1u << 4,     // bookkeeping after the month's state is final
  kEndYear = 1u << 5,      // once a year, after the December end-of-month
};
inline constexpr Phase kAllPhases[] = {kBeginMonth, kHazards,  kTransitions,
                                       kPayments,   kEndMonth, kEndYear};
const char* to_string(Phase p);

/// Facts of the month being simulated, shared read-only by all modules.
struct MonthContext {
  std::uint32_t month = 0;  // months since the population's reference date
  YearMonth date;
  const RandomKey* key = nullptr;
  MonthStream stream(std::uint32_t stream_id) const { return {*key, month, stream_id}; }
};

struct BlockContext {
  BlockContext(Population& p, const Block& b, const MonthContext& m, HouseholdEvents& e,
               IndicatorCounts& f, LedgerCounts& l, const HazardModifiers* h = nullptr)
      : pop(p), block(b), month(m), events(e), flows(f), ledger(l), modifiers(h) {}

  Population& pop;
  const Block& block;
  const MonthContext& month;
  HouseholdEvents& events;           // this block's share of the month's events
  IndicatorCounts& flows;            // this block's flow counters
  LedgerCounts& ledger;              // this block's budget postings
  const HazardModifiers* modifiers;  // measures' effects on hazards; null when none are loaded

  /// One id per household slot of the block (Population::household_subjects), computed on first
  /// use and shared by the modules of the pass: household-level draws are keyed by these ids.
  /// Valid while the pass runs (households do not change shape in a parallel phase).
  const std::vector<std::uint32_t>& household_subjects() {
    if (!subjects_ready_) {
      pop.household_subjects(block, subjects_);
      subjects_ready_ = true;
    }
    return subjects_;
  }

 private:
  std::vector<std::uint32_t>& subjects_ = scratch_subjects();
  bool subjects_ready_ = false;
  static std::vector<std::uint32_t>& scratch_subjects() {
    thread_local std::vector<std::uint32_t> v;
    return v;
  }
};

struct SerialContext {
  Population& pop;
  const MonthContext& month;
  HouseholdEvents& events;  // all blocks' events, in slot order
  IndicatorCounts& flows;
  LedgerCounts& ledger;
  const HazardModifiers* modifiers = nullptr;
};

class Module {
 public:
  virtual ~Module() = default;
  virtual void run_block(Phase, BlockContext&) {}
  virtual void run_serial(Phase, SerialContext&) {}
  /// Measures return themselves, to be consulted for hazard multipliers; processes return null.
  virtual const EffectSource* effects() const { return nullptr; }
};

class ModelSpec;

enum class ModuleKind { BuiltIn, Plugin };

/// What a module instance is created from: the frozen model, its validated parameters (measures;
/// empty for built-ins) and, for measures, its index among the run's measures (it owns bits
/// 2*index and 2*index+1 of Population::measure_bits).
struct ModuleSetup {
  const ModelSpec& spec;
  const nlohmann::json& params;
  int measure_index = -1;
};

struct ModuleDescriptor {
  std::string name;
  std::string version;
  std::string description;
  ModuleKind kind = ModuleKind::BuiltIn;
  std::string library;                // plugin file, empty for built-ins
  std::uint32_t phases = 0;           // Phase bits
  std::uint32_t parallel_phases = 0;  // subset of phases that run per block
  nlohmann::json parameter_schema;    // JSON Schema of the parameters (measures)
  nlohmann::json params;              // validated parameters of this instance (set per run)
  std::function<std::unique_ptr<Module>(const ModuleSetup&)> create;
  std::shared_ptr<const void> keep_alive;  // the plugin library, while any descriptor lives
};

}  // namespace leidensim
