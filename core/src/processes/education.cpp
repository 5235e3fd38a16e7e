#include "leidensim/processes/education.hpp"

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
        second_chance_(monthly_threshold(ps, "education.second_chance_annual", true)) {}

  void run_block(Phase, BlockContext& c) override {
    Population& pop = c.pop;
    const std::uint32_t first = c.block.person_begin;
    const BlockDraws& draws =
        c.month.stream(kStream).block(&pop.id[first], c.block.person_end - first);
    auto rng = [&](std::uint32_t p) -> Draws {
      const std::size_t k = p - first;
      return {draws.u0(k), draws.u1(k), draws.u2(k), draws.u3(k)};
    };
    for (std::uint32_t p = c.block.person_begin; p < c.block.person_end; ++p) {
      if (!pop.present(p)) continue;
      const std::uint16_t age = pop.age_months[p];
      const EduStage stage = pop.edu_stage[p];
      if (stage == EduStage::None) {
        if (age == 48 && pop.labour[p] == Labour::Child) {
          pop.edu_stage[p] = EduStage::Primary;
        } else if (pop.edu_level[p] < EduLevel::Qualified && age >= 18 * 12 && age < 28 * 12 &&
                   second_chance_.fires(rng(p)[0])) {
          pop.edu_level[p] = EduLevel::Qualified;
        }
        continue;
      }
      if (age == 15 * 12 && pop.labour[p] == Labour::Child) pop.labour[p] = Labour::Student;
      switch (stage) {
        case EduStage::Primary:
          if (age >= 12 * 12) pop.edu_stage[p] = EduStage::LowerSecondary;
          break;
        case EduStage::LowerSecondary:
          if (age >= 16 * 12) {
            pop.edu_level[p] = EduLevel::Basic;
            pop.edu_stage[p] =
                general_track_.fires(rng(p)[0]) ? EduStage::General : EduStage::Vocational;
          }
          break;
        case EduStage::Vocational:
        case EduStage::General: {
          const Draws d = rng(p);
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
          const Draws d = rng(p);
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
  }

 private:
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
