#pragma once
// How policy measures change the hazards of the life-course processes. A measure marks its
// participants in Population::measure_bits and answers, per person and hazard, by how much it
// multiplies the monthly probability. The processes ask only for persons with any bit set, so a
// run without measures pays nothing. Multipliers of several measures multiply.
//
// Thread safety: queried during the parallel hazards phase; sources must not change state then
// (measures update their enrolment in serial phases).
#include <cstdint>
#include <utility>
#include <vector>

#include "leidensim/population.hpp"
#include "leidensim/rng.hpp"

namespace leidensim {

enum class Hazard : std::uint8_t {
  JobFinding,       // labour: unemployed or inactive person finds work
  JobLoss,          // labour: employed person loses work
  BijstandOutflow,  // labour: bijstand spell ends
  BijstandInflow,   // labour: a poor household head starts bijstand
  DebtInflow,       // debt: household gets problematic debt (first member's bits)
  JeugdhulpInflow,  // care
  WmoInflow,        // care
  Count
};
inline constexpr int kHazardKinds = static_cast<int>(Hazard::Count);
const char* to_string(Hazard h);

class EffectSource {
 public:
  virtual ~EffectSource() = default;
  /// Multiplier of `h` for the person in `slot`; called only when the person carries one of the
  /// source's bits.
  virtual double hazard_multiplier(Hazard h, const Population& pop, std::uint32_t slot) const = 0;
};

class HazardModifiers {
 public:
  void add(std::uint32_t bit_mask, const EffectSource* source) {
    sources_.emplace_back(bit_mask, source);
  }
  bool empty() const { return sources_.empty(); }

  double multiplier(Hazard h, const Population& pop, std::uint32_t slot) const {
    const std::uint32_t bits = pop.measure_bits[slot];
    double m = 1.0;
    if (bits == 0) return m;
    for (const auto& [mask, source] : sources_)
      if (bits & mask) m *= source->hazard_multiplier(h, pop, slot);
    return m;
  }
  /// `base` adjusted for the person (unchanged for persons outside every measure).
  Threshold adjust(Threshold base, Hazard h, const Population& pop, std::uint32_t slot) const {
    if (pop.measure_bits[slot] == 0) return base;
    return base.scaled(multiplier(h, pop, slot));
  }

 private:
  std::vector<std::pair<std::uint32_t, const EffectSource*>> sources_;
};

}  // namespace leidensim
