#include "leidensim/processes/labour.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "leidensim/model_spec.hpp"
#include "leidensim/rate_tables.hpp"
#include "leidensim/wage_model.hpp"

namespace leidensim {

namespace {

constexpr std::uint32_t kStream = stream_id("labour");

class LabourModule final : public Module {
 public:
  explicit LabourModule(const ParameterSet& ps)
      : pension_age_months_(static_cast<std::uint16_t>(12 * ps.scalar("labour.pension_age_years"))),
        job_loss_(monthly_threshold(ps, "labour.job_loss_monthly", false)),
        to_inactive_(monthly_threshold(ps, "labour.employed_to_inactive_monthly", false)),
        inactive_finding_(monthly_threshold(ps, "labour.inactive_job_finding_monthly", false)),
        ww_min_months_(static_cast<std::uint16_t>(ps.scalar("labour.ww_min_employment_months"))),
        ww_max_months_(static_cast<std::uint16_t>(ps.scalar("labour.ww_max_months"))),
        bijstand_in_(monthly_threshold(ps, "labour.bijstand_inflow_monthly", false)),
        exit_to_work_(ps.scalar("labour.bijstand_exit_to_work_share")),
        disability_in_(monthly_threshold(ps, "labour.disability_inflow_annual", true)),
        disability_out_(monthly_threshold(ps, "labour.disability_outflow_annual", true)),
        wages_(WageModel::from(ps)),
        pension_(SupplementaryPension::from(ps)) {
    const double finding = ps.scalar("labour.job_finding_monthly");
    const auto by_level = ps.table("labour.job_finding_factor_by_level", 4);
    const double literacy = ps.scalar("labour.low_literacy_job_finding_factor");
    for (int l = 0; l < 4; ++l) {
      finding_[l][0] = Threshold(std::min(1.0, finding * by_level[l]));
      finding_[l][1] = Threshold(std::min(1.0, finding * by_level[l] * literacy));
    }
    const auto out = ps.table("labour.bijstand_outflow", 3);
    for (int b = 0; b < 3; ++b) bijstand_out_[b] = Threshold(out[b]);
  }

  void run_block(Phase, BlockContext& c) override {
    Population& pop = c.pop;
    const MonthStream rng = c.month.stream(kStream);
    const std::uint32_t first = c.block.person_begin;
    const BlockDraws& draws = rng.block(&pop.id[first], c.block.person_end - first);
    for (std::uint32_t p = first; p < c.block.person_end; ++p) {
      if (!pop.present(p)) continue;
      Labour s = pop.labour[p];
      if (s == Labour::Retired) continue;
      const std::uint16_t age = pop.age_months[p];
      if (age >= pension_age_months_) {  // students too
        pop.labour[p] = Labour::Retired;
        pop.benefit[p] = Benefit::AOW;
        pop.wage_cents[p] = pension_.of_last_wage(pop.wage_cents[p]);
        pop.labour_months[p] = pop.benefit_months[p] = 0;
        continue;
      }
      if (s == Labour::Student) continue;
      if (s == Labour::Child) {
        if (age < 16 * 12 || pop.edu_stage[p] != EduStage::None) continue;
        s = Labour::Unemployed;  // past compulsory school age and not in education
        pop.labour[p] = s;
        pop.labour_months[p] = 0;
      }
      step(pop, p, s, rng, {draws.u0(p - first), draws.u1(p - first), draws.u2(p - first), 0},
           c.modifiers);
    }
  }

 private:
  void set_labour(Population& pop, std::uint32_t p, Labour s) const {
    pop.labour[p] = s;
    pop.labour_months[p] = 0;
  }
  void set_benefit(Population& pop, std::uint32_t p, Benefit b) const {
    pop.benefit[p] = b;
    pop.benefit_months[p] = 0;
  }
  void start_job(Population& pop, std::uint32_t p, const MonthStream& rng) const {
    set_labour(pop, p, Labour::Employed);
    set_benefit(pop, p, Benefit::None);
    const Draws w = rng(pop.id[p], 1);  // wage draws: a sub-stream, drawn only at job start
    pop.wage_cents[p] = wages_.draw_cents(pop.edu_level[p], w[0], w[1], w[2]);
  }

  void step(Population& pop, std::uint32_t p, Labour s, const MonthStream& rng, const Draws& d,
            const HazardModifiers* mods) const {
    // Measures change the hazards of their participants (identity for everyone else).
    auto adjusted = [&](Threshold t, Hazard h) { return mods ? mods->adjust(t, h, pop, p) : t; };
    const std::uint32_t u0 = d[0], u1 = d[1], u2 = d[2];
    const bool low_lit = pop.flags[p] & person_flag::kLowLiteracy;
    const Benefit b = pop.benefit[p];
    switch (s) {
      case Labour::Employed:
        if (adjusted(job_loss_, Hazard::JobLoss).fires(u0)) {
          // Durations count completed months before this one, so this month is the +1.
          const bool ww = pop.labour_months[p] + 1 >= ww_min_months_;
          set_labour(pop, p, Labour::Unemployed);
          set_benefit(pop, p, ww ? Benefit::WW : Benefit::None);
          return;
        }
        if (disability_in_.fires(u1)) {
          set_labour(pop, p, Labour::Disabled);
          set_benefit(pop, p, Benefit::Disability);
          return;
        }
        if (to_inactive_.fires(u2)) {
          set_labour(pop, p, Labour::Inactive);
          return;
        }
        break;
      case Labour::Unemployed:
      case Labour::Inactive: {
        if (b == Benefit::Bijstand) {
          const int band = bijstand_duration_band(pop.benefit_months[p]);
          if (adjusted(bijstand_out_[band], Hazard::BijstandOutflow).fires(u0)) {
            if (exit_to_work_.fires(u1))
              start_job(pop, p, rng);
            else
              set_benefit(pop, p, Benefit::None);
            return;
          }
          break;
        }
        const auto& finding = s == Labour::Unemployed
                                  ? finding_[static_cast<int>(pop.edu_level[p])][low_lit]
                                  : inactive_finding_;
        if (adjusted(finding, Hazard::JobFinding).fires(u0)) {
          start_job(pop, p, rng);
          return;
        }
        if (b == Benefit::WW && pop.benefit_months[p] + 1 >= ww_max_months_) {
          set_benefit(pop, p, Benefit::None);
          return;
        }
        if (b == Benefit::None && pop.role[p] == Role::Head && age_ok(pop, p) &&
            (pop.hh_flags[pop.household[p]] & household_flag::kPoor) &&
            adjusted(bijstand_in_, Hazard::BijstandInflow).fires(u1)) {
          set_benefit(pop, p, Benefit::Bijstand);
          return;
        }
        if (b == Benefit::None && disability_in_.fires(u2)) {
          set_labour(pop, p, Labour::Disabled);
          set_benefit(pop, p, Benefit::Disability);
          return;
        }
        break;
      }
      case Labour::Disabled:
        if (disability_out_.fires(u0)) {
          set_labour(pop, p, Labour::Unemployed);
          set_benefit(pop, p, Benefit::None);
          return;
        }
        break;
      default:
        break;
    }
    if (pop.labour_months[p] < 0xFFFF) ++pop.labour_months[p];
    if (pop.benefit[p] != Benefit::None && pop.benefit_months[p] < 0xFFFF) ++pop.benefit_months[p];
  }

  static bool age_ok(const Population& pop, std::uint32_t p) {
    return pop.age_months[p] >= 18 * 12;
  }

  std::uint16_t pension_age_months_;
  Threshold job_loss_, to_inactive_, inactive_finding_;
  std::uint16_t ww_min_months_, ww_max_months_;
  Threshold bijstand_in_;
  Threshold exit_to_work_;
  Threshold disability_in_, disability_out_;
  WageModel wages_;
  SupplementaryPension pension_;
  Threshold finding_[4][2];
  Threshold bijstand_out_[3];
};

}  // namespace

ModuleDescriptor labour_module() {
  ModuleDescriptor d;
  d.name = "labour";
  d.version = "1.0";
  d.description =
      "employment, job loss, WW, bijstand with duration-dependent outflow, disability, retirement";
  d.phases = kHazards;
  d.parallel_phases = kHazards;
  d.create = [](const ModuleSetup& setup) -> std::unique_ptr<Module> {
    const ModelSpec& spec = setup.spec;
    return std::make_unique<LabourModule>(spec.parameters);
  };
  return d;
}

}  // namespace leidensim
