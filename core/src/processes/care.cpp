#include "leidensim/processes/care.hpp"

#include <algorithm>
#include <cmath>

#include "leidensim/model_spec.hpp"
#include "leidensim/rate_tables.hpp"

namespace leidensim {

namespace {

constexpr std::uint32_t kStream = stream_id("care");

class Care final : public Module {
 public:
  explicit Care(const ParameterSet& ps)
      : youth_in_{Threshold(ps.scalar("care.jeugdhulp_inflow_monthly")),
                  Threshold(std::min(1.0, ps.scalar("care.jeugdhulp_inflow_monthly") *
                                              ps.scalar("care.jeugdhulp_poverty_factor")))},
        youth_out_(monthly_threshold(ps, "care.jeugdhulp_outflow_monthly", false)),
        wmo_in_(monthly_age_table(ps, "care.wmo_inflow_annual")),
        wmo_out_(monthly_threshold(ps, "care.wmo_outflow_annual", true)),
        youth_cents_(std::llround(ps.scalar("care.jeugdhulp_cost_annual") * 100.0 / 12.0)),
        wmo_cents_(std::llround(ps.scalar("care.wmo_cost_annual") * 100.0 / 12.0)) {}

  void run_block(Phase, BlockContext& c) override {
    Population& pop = c.pop;
    const std::uint32_t first = c.block.person_begin;
    const BlockDraws& draws =
        c.month.stream(kStream).block(&pop.id[first], c.block.person_end - first);
    std::int64_t youth_clients = 0, wmo_clients = 0;
    // Raw column pointers: care flags are bytes, and a byte store may alias anything, so
    // through the vectors the compiler would reload every column's address for each person.
    const std::uint8_t* const flags = pop.flags.data();
    const std::uint16_t* const age_months = pop.age_months.data();
    const std::uint32_t* const household = pop.household.data();
    const std::uint8_t* const hh_flags = pop.hh_flags.data();
    std::uint8_t* const care_col = pop.care.data();
    const HazardModifiers* const mods = c.modifiers;
    for (std::uint32_t p = first; p < c.block.person_end; ++p) {
      // Vacant slots are computed too and left unchanged: no branch on presence.
      const bool here = flags[p] & person_flag::kPresent;
      const std::uint32_t u0 = draws.u0(p - first), u1 = draws.u1(p - first);
      const std::uint8_t care = care_col[p];
      const std::uint32_t age = age_months[p] / 12u;
      // Bitwise rather than short-circuit logic: which branch a person takes is unpredictable,
      // and computing both sides is cheaper than a mispredicted branch.
      const bool minor = age < 18;
      const bool poor = (hh_flags[household[p]] & household_flag::kPoor) != 0;
      const bool youth = (care & care_flag::kJeugdhulp) != 0;
      const Threshold youth_in =
          mods ? mods->adjust(youth_in_[poor], Hazard::JeugdhulpInflow, pop, p) : youth_in_[poor];
      const bool youth_start = !youth & minor & youth_in.fires(u0);
      const bool youth_stop = youth & (!minor | youth_out_.fires(u0));
      const bool wmo = (care & care_flag::kWmo) != 0;
      const Threshold wmo_in =
          mods ? mods->adjust(wmo_in_[age_index(age)], Hazard::WmoInflow, pop, p)
               : wmo_in_[age_index(age)];
      const bool wmo_start = !wmo & wmo_in.fires(u1);
      const bool wmo_stop = wmo & wmo_out_.fires(u1);
      const auto toggle =
          static_cast<std::uint8_t>((youth_start | youth_stop) * care_flag::kJeugdhulp |
                                    (wmo_start | wmo_stop) * care_flag::kWmo);
      const std::uint8_t now = here ? care ^ toggle : care;
      care_col[p] = now;
      youth_clients += here & ((now & care_flag::kJeugdhulp) != 0);
      wmo_clients += here & ((now & care_flag::kWmo) != 0);
    }
    c.ledger.post(Programme::JeugdOnderwijs, LedgerCategory::JeugdhulpCost,
                  youth_clients * youth_cents_);
    c.ledger.post(Programme::MaatschappelijkeOndersteuning, LedgerCategory::WmoCost,
                  wmo_clients * wmo_cents_);
  }

 private:
  Threshold youth_in_[2];
  Threshold youth_out_;
  AgeTable wmo_in_;
  Threshold wmo_out_;
  std::int64_t youth_cents_, wmo_cents_;  // cost per client per month
};

}  // namespace

ModuleDescriptor care_module() {
  ModuleDescriptor d;
  d.name = "care";
  d.version = "1.0";
  d.description = "jeugdhulp and Wmo: inflow and outflow";
  d.phases = kHazards;
  d.parallel_phases = kHazards;
  d.create = [](const ModuleSetup& setup) -> std::unique_ptr<Module> {
    const ModelSpec& spec = setup.spec;
    return std::make_unique<Care>(spec.parameters);
  };
  return d;
}

}  // namespace leidensim
