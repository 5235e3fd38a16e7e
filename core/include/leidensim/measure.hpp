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
//     measure's own stream) leave; eligible persons not enrolled form the waiting list, ordered
//     by months waiting and then by a random priority drawn from the measure's stream; free
//     places (capacity = places, or budget / cost per place) are filled from its head.
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
  std::size_t waiting() const { return waiting_.size(); }

 protected:
  /// Whether the person may take a place this month (evaluated for persons not enrolled).
  virtual bool eligible(const Population& pop, std::uint32_t slot) const = 0;
  /// Monthly amount paid to the household of a participating head (cents); none by default.
  virtual std::int64_t monthly_transfer_cents(const Population& pop, std::uint32_t household) const;
  double months_since_exit(const Population& pop, std::uint32_t slot) const override;

 private:
  struct Participant {
    std::int32_t start = 0;
    std::int32_t exit = -1;  // month of leaving; -1 while enrolled
    std::int32_t seen = 0;   // last month the person was found in the population
  };
  void enrol(SerialContext& c);

  std::unordered_map<std::uint32_t, Participant> participants_;  // by person id
  // The waiting list: (id, month joined), sorted by id.
  std::vector<std::pair<std::uint32_t, std::int32_t>> waiting_;
  std::size_t enrolled_ = 0;
  std::int64_t cost_per_month_cents_ = 0;
  SocialMinimum minimum_;  // for the poverty flag after a transfer
};

}  // namespace leidensim
