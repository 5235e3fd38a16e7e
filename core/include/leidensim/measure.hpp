#pragma once
// The mechanics every policy measure shares, so that a measure plugin states only what is its
// own: who is eligible, what it does to hazards, what it pays out.
//
// Measure (the base of every measure):
//   - common parameters (measure_common_schema): programme of the municipal budget, annual
//     budget (euros a year at Leiden's size; scaled with the population), cost per place, or an
//     explicit number of places, duration, monthly drop-out, half-life of the after-effect;
//   - two bits in Population::measure_bits (2k enrolled, 2k+1 after-effect) and the hazard
//     multipliers they imply: enrolled_effect(h) while enrolled, decaying towards 1 with the
//     half-life after leaving;
//   - costs posted monthly to the ledger under its programme (category measure_cost).
// PlaceMeasure (persons take places):
//   begin_month (serial): participants who reached the duration or dropped out (a draw from the
//     measure's own stream) leave; then the eligible persons not enrolled (find_eligible, one
//     call for the whole population) form the waiting list, ordered by months waiting and then
//     by a random priority drawn from the measure's stream; free places (capacity = places, or
//     budget / cost per place) are filled from its head. Only the persons carrying the
//     measure's bits are looked up among the participants, so the month costs one screen of
//     Population::measure_bits plus the measure's own eligibility screen.
//   payments (parallel): monthly_transfer_cents() for each participating household head is added
//     to the household's income (category transfers_to_households) and its poverty flag redone.
// The measure never enrols more than its capacity, so it never spends more than its budget.
// Deterministic: all draws are keyed by (person id, month, the measure's stream).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "leidensim/hazard_modifiers.hpp"
#include "leidensim/ledger.hpp"
#include "leidensim/module.hpp"
#include "leidensim/processes/income.hpp"
#include "leidensim/rng.hpp"

namespace leidensim {

struct MeasureSettings {
  Programme programme = Programme::Other;
  double annual_budget = 0;   // euros a year, at scale 1
  double cost_per_place = 1;  // euros per place a year
  long places = -1;           // explicit number of places at scale 1; -1: from the budget
  int duration_months = 12;
  double dropout_monthly = 0;
  double after_effect_halflife_months = 0;
};

/// JSON Schema "properties" shared by every measure; a plugin merges them into its schema with
/// measure_schema().
nlohmann::json measure_common_properties();
/// Sets the default of common property `key` in `properties` (as from
/// measure_common_properties()) and appends `note` (the default's source) to its description.
void set_common_default(nlohmann::json& properties, const std::string& key,
                        const nlohmann::json& value, const std::string& note = "");
/// A complete parameter schema: the common properties and `own` properties. An own entry for a
/// common property is merged into it (typically just {"default": ...}).
std::string measure_schema(const nlohmann::json& own_properties);

/// Calls f(p) for each slot p in [begin, end) with (bits[p] & mask) != 0, in ascending order;
/// f may change bits[p]. The persons in a measure are few, so most runs of 16 slots are ruled
/// out by one vectorised OR instead of a branch per person.
template <class F>
void for_each_marked(const std::uint32_t* bits, std::uint32_t begin, std::uint32_t end,
                     std::uint32_t mask, F&& f) {
  constexpr std::uint32_t kRun = 16;
  std::uint32_t p = begin;
  for (; end - p >= kRun; p += kRun) {
    std::uint32_t any = 0;
    for (std::uint32_t i = 0; i < kRun; ++i) any |= bits[p + i];
    if (!(any & mask)) continue;
    for (std::uint32_t q = p; q < p + kRun; ++q)
      if (bits[q] & mask) f(q);
  }
  for (; p < end; ++p)
    if (bits[p] & mask) f(p);
}

class Measure : public Module, public EffectSource {
 public:
  explicit Measure(const ModuleSetup& setup, const std::string& name);

  const EffectSource* effects() const override { return this; }
  double hazard_multiplier(Hazard h, const Population& pop, std::uint32_t slot) const override;

  const MeasureSettings& settings() const { return settings_; }
  /// Places available this run (budget or places, times the population scale).
  long capacity() const { return capacity_; }
  std::uint32_t enrolled_bit() const { return 1u << (2 * index_); }
  std::uint32_t after_bit() const { return 2u << (2 * index_); }

 protected:
  /// Multiplier of hazard `h` while enrolled (1 for no effect).
  virtual double enrolled_effect(Hazard h) const = 0;
  /// Months since the person left the measure, for the after-effect (0 if unknown).
  virtual double months_since_exit(const Population& pop, std::uint32_t slot) const = 0;

  const nlohmann::json& params() const { return params_; }
  const ModelSpec& spec() const { return spec_; }
  std::uint32_t stream() const { return stream_; }
  void set_capacity(long c) { capacity_ = c; }

 private:
  const ModelSpec& spec_;
  nlohmann::json params_;
  MeasureSettings settings_;
  int index_;
  std::uint32_t stream_;
  long capacity_ = 0;
};

class PlaceMeasure : public Measure {
 public:
  explicit PlaceMeasure(const ModuleSetup& setup, const std::string& name);

  void run_serial(Phase phase, SerialContext& c) override;
  void run_block(Phase phase, BlockContext& c) override;

  std::size_t enrolled() const { return enrolled_; }
  std::size_t waiting() const { return waiting_count_; }

 protected:
  /// Whether the person may take a place this month. Called by the default find_eligible for
  /// each present person not enrolled, in begin_month (serial), after this month's leavers have
  /// left.
  virtual bool eligible(const Population& pop, std::uint32_t slot) const = 0;
  /// Writes to `out` the slots in [begin, end) of the persons eligible this month, in ascending
  /// order, and returns how many; `out` has room for end - begin slots. Called once a month in
  /// begin_month (serial), after this month's leavers have left; reads the population only.
  /// Persons who are absent or enrolled may be included (the caller drops them), so an override
  /// can screen whole columns without branches instead of one virtual eligible() call per
  /// person. The default calls eligible() for each present person not enrolled.
  virtual std::size_t find_eligible(const Population& pop, std::uint32_t begin, std::uint32_t end,
                                    std::uint32_t* out) const;
  /// Slots of the persons enrolled after this month's enrolment (valid until the population's
  /// layout changes, i.e. within begin_month): those who stayed, in slot order, then those who
  /// took a place this month.
  const std::vector<std::uint32_t>& enrolled_slots() const { return enrolled_slots_; }
  /// Monthly amount paid to the household of a participating head (cents); none by default.
  virtual std::int64_t monthly_transfer_cents(const Population& pop, std::uint32_t household) const;
  double months_since_exit(const Population& pop, std::uint32_t slot) const override;

 private:
  struct Participant {
    std::int32_t start = 0;
    std::int32_t exit = -1;  // month of leaving; -1 while enrolled
    std::int32_t seen = 0;   // last month the person was found in the population
  };
  struct WaitingEntry {
    std::uint32_t id = 0;
    std::int32_t since = -1;  // month the person joined the waiting list; -1: empty
  };
  void enrol(SerialContext& c);
  /// The month person `id` joined the waiting list (`month` if not on it).
  std::int32_t waiting_since(std::uint32_t id, std::int32_t month) const;
  std::size_t waiting_hash(std::uint32_t id) const {
    return static_cast<std::size_t>((std::uint64_t{id} * 0x9E3779B97F4A7C15ull) >> waiting_shift_);
  }

  std::unordered_map<std::uint32_t, Participant> participants_;  // by person id
  // The waiting list: month joined by person id, a hash table (linear probing, power-of-two
  // size, at most half full).
  std::vector<WaitingEntry> waiting_table_;
  std::size_t waiting_count_ = 0;
  int waiting_shift_ = 64;
  std::size_t enrolled_ = 0;
  std::vector<std::uint32_t> enrolled_slots_;
  std::vector<std::uint32_t> eligible_;  // scratch of find_eligible, grown to the population
  std::int64_t cost_per_month_cents_ = 0;
  SocialMinimum minimum_;  // for the poverty flag after a transfer
};

}  // namespace leidensim
