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
#include <string>
#include <vector>

#include "leidensim/calendar.hpp"
#include "leidensim/household_events.hpp"
#include "leidensim/indicators.hpp"
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
               IndicatorCounts& f)
      : pop(p), block(b), month(m), events(e), flows(f) {}

  Population& pop;
  const Block& block;
  const MonthContext& month;
  HouseholdEvents& events;  // this block's share of the month's events
  IndicatorCounts& flows;   // this block's flow counters

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
};

class Module {
 public:
  virtual ~Module() = default;
  virtual void run_block(Phase, BlockContext&) {}
  virtual void run_serial(Phase, SerialContext&) {}
};

class ModelSpec;

enum class ModuleKind { BuiltIn, Plugin };

struct ModuleDescriptor {
  std::string name;
  std::string version;
  std::string description;
  ModuleKind kind = ModuleKind::BuiltIn;
  std::uint32_t phases = 0;           // Phase bits
  std::uint32_t parallel_phases = 0;  // subset of phases that run per block
  std::function<std::unique_ptr<Module>(const ModelSpec&)> create;
};

}  // namespace leidensim
