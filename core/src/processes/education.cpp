#include "leidensim/processes/education.hpp"

#include <array>

#include "leidensim/model_spec.hpp"
#include "leidensim/rate_tables.hpp"

namespace leidensim {

namespace {

constexpr std::uint32_t kStream = stream_id("education");

class Education final : public Module {
 public:
  explicit Education(const ParameterSet& ps)
      : general_track_(ps.scalar("education.general_track_share")),
        dropout_(monthly_threshold(ps, "education.dropout_annual", true)),
        vocational_done_months_(
            static_cast<std::uint16_t>(12 * ps.scalar("education.vocational_completion_age"))),
        general_done_months_(
            static_cast<std::uint16_t>(12 * ps.scalar("education.general_completion_age"))),
        higher_after_general_(ps.scalar("education.higher_entry_share_general")),
        higher_after_vocational_(ps.scalar("education.higher_entry_share_vocational")),
        higher_completion_(monthly_threshold(ps, "education.higher_completion_annual", true)),
        higher_dropout_(monthly_threshold(ps, "education.higher_dropout_annual", true)),
        second_chance_(monthly_threshold(ps, "education.second_chance_annual", true)) {
    // The fast path's per-stage screen: the age at which a stage ends (a month at or after it
    // is an event) and the drop-out threshold compared with the first draw.
    stage_end_.fill(0x10000);  // never
    stage_end_[static_cast<int>(EduStage::Primary)] = 12 * 12;
    stage_end_[static_cast<int>(EduStage::LowerSecondary)] = 16 * 12;
    stage_end_[static_cast<int>(EduStage::Vocational)] = vocational_done_months_;
    stage_end_[static_cast<int>(EduStage::General)] = general_done_months_;
    stage_dropout_[static_cast<int>(EduStage::Vocational)] = dropout_;
    stage_dropout_[static_cast<int>(EduStage::General)] = dropout_;
  }

  void run_block(Phase, BlockContext& c) override {
    Population& pop = c.pop;
    const std::uint32_t first = c.block.person_begin;
    const BlockDraws& draws =
        c.month.stream(kStream).block(&pop.id[first], c.block.person_end - first);
    // Fast path: for most persons nothing happens this month. Whether anything does is
    // computed without branches (presence and stage vary unpredictably from person to person);
    // only those persons (a few per cent) take the full logic of person().
    const std::uint8_t* const flags = pop.flags.data();
    const std::uint16_t* const age_months = pop.age_months.data();
    const EduStage* const edu_stage = pop.edu_stage.data();
    const EduLevel* const edu_level = pop.edu_level.data();
    const Labour* const labour = pop.labour.data();
    for (std::uint32_t p = c.block.person_begin; p < c.block.person_end; ++p) {
      const std::size_t k = p - first;
      const std::uint32_t u0 = draws.u0(k), u1 = draws.u1(k);
      const bool here = flags[p] & person_flag::kPresent;
      const std::uint32_t age = age_months[p];
      const auto stage = static_cast<unsigned>(edu_stage[p]);
      const bool child = labour[p] == Labour::Child;
      const bool none = stage == static_cast<unsigned>(EduStage::None);
      const bool starts_school = (age == 48) & child;
      const bool second_chance = (edu_level[p] < EduLevel::Qualified) & (age >= 18 * 12) &
                                 (age < 28 * 12) & second_chance_.fires(u0);
      const bool higher = stage == static_cast<unsigned>(EduStage::Higher);
      const bool in_school_event =
          ((age == 15 * 12) & child) | (age >= stage_end_[stage]) |
          stage_dropout_[stage].fires(u0) |
          (higher & (age >= 21 * 12) & (higher_completion_.fires(u0) | higher_dropout_.fires(u1)));
      const bool event = (none & (starts_school | second_chance)) | (!none & in_school_event);
      if (!(here & event)) [[likely]]
        continue;
      person(c, p, {u0, u1, draws.u2(k), draws.u3(k)});
    }
  }

 private:
  /// The full monthly logic of one present person.
  void person(BlockContext& c, std::uint32_t p, const Draws& d) const {
    Population& pop = c.pop;
    const std::uint16_t age = pop.age_months[p];
    const EduStage stage = pop.edu_stage[p];
    if (stage == EduStage::None) {
      if (age == 48 && pop.labour[p] == Labour::Child) {
        pop.edu_stage[p] = EduStage::Primary;
      } else if (pop.edu_level[p] < EduLevel::Qualified && age >= 18 * 12 && age < 28 * 12 &&
                 second_chance_.fires(d[0])) {
        pop.edu_level[p] = EduLevel::Qualified;
      }
      return;
    }
    if (age == 15 * 12 && pop.labour[p] == Labour::Child) pop.labour[p] = Labour::Student;
    switch (stage) {
      case EduStage::Primary:
        if (age >= 12 * 12) pop.edu_stage[p] = EduStage::LowerSecondary;
        break;
      case EduStage::LowerSecondary:
        if (age >= 16 * 12) {
          pop.edu_level[p] = EduLevel::Basic;
          pop.edu_stage[p] = general_track_.fires(d[0]) ? EduStage::General : EduStage::Vocational;
        }
        break;
      case EduStage::Vocational:
      case EduStage::General: {
        if (dropout_.fires(d[0])) {
          leave(pop, p);
          pop.flags[p] |= person_flag::kEarlyLeaver;
          ++c.flows.at(pop.district[p], Indicator::EarlySchoolLeavers);
          break;
        }
        const bool vocational = stage == EduStage::Vocational;
        if (age >= (vocational ? vocational_done_months_ : general_done_months_)) {
          pop.edu_level[p] = EduLevel::Qualified;
          if ((vocational ? higher_after_vocational_ : higher_after_general_).fires(d[1]))
            pop.edu_stage[p] = EduStage::Higher;
          else
            leave(pop, p);
        }
        break;
      }
      case EduStage::Higher: {
        if (age < 21 * 12) break;
        if (higher_completion_.fires(d[0])) {
          pop.edu_level[p] = EduLevel::Higher;
          leave(pop, p);
        } else if (higher_dropout_.fires(d[1])) {
          leave(pop, p);
        }
        break;
      }
      case EduStage::None:
        break;
    }
  }

  static void leave(Population& pop, std::uint32_t p) {
    pop.edu_stage[p] = EduStage::None;
    pop.labour[p] = Labour::Unemployed;
    pop.labour_months[p] = 0;
  }

  Threshold general_track_;
  Threshold dropout_;
  std::uint16_t vocational_done_months_, general_done_months_;
  Threshold higher_after_general_, higher_after_vocational_;
  Threshold higher_completion_, higher_dropout_, second_chance_;
  static constexpr int kStages = 6;  // EduStage values
  std::array<std::uint32_t, kStages> stage_end_;
  std::array<Threshold, kStages> stage_dropout_;
};

}  // namespace

ModuleDescriptor education_module() {
  ModuleDescriptor d;
  d.name = "education";
  d.version = "1.0";
  d.description = "school stages by age, dropout, startkwalificatie";
  d.phases = kHazards;
  d.parallel_phases = kHazards;
  d.create = [](const ModuleSetup& setup) -> std::unique_ptr<Module> {
    const ModelSpec& spec = setup.spec;
    return std::make_unique<Education>(spec.parameters);
  };
  return d;
}

}  // namespace leidensim
