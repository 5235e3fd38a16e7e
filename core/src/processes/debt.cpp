#include "leidensim/processes/debt.hpp"

#include <cmath>

#include "leidensim/model_spec.hpp"
#include "leidensim/rate_tables.hpp"

namespace leidensim {

namespace {

constexpr std::uint32_t kStream = stream_id("debt");

class Debt final : public Module {
 public:
  explicit Debt(const ParameterSet& ps)
      : in_poor_(monthly_threshold(ps, "debt.inflow_monthly_poor", false)),
        in_nonpoor_(monthly_threshold(ps, "debt.inflow_monthly_nonpoor", false)),
        out_(monthly_threshold(ps, "debt.outflow_monthly", false)),
        help_cents_(std::llround(ps.scalar("debt.help_cost_annual") * 100.0 / 12.0)),
        inflow_by_poor_{in_nonpoor_, in_poor_} {}

  void run_block(Phase, BlockContext& c) override {
    Population& pop = c.pop;
    std::int64_t in_debt = 0;
    const auto& subjects = c.household_subjects();
    const BlockDraws& draws = c.month.stream(kStream).block(subjects.data(), subjects.size());
    // Raw column pointers: hh_flags holds bytes, and a byte store may alias anything.
    std::uint8_t* const hh_flags = pop.hh_flags.data();
    std::uint16_t* const hh_debt_months = pop.hh_debt_months.data();
    for (std::uint32_t h = c.block.household_begin; h < c.block.household_end; ++h) {
      std::uint8_t f = hh_flags[h];
      if (!(f & household_flag::kPresent)) continue;
      const std::uint32_t u = draws.u0(h - c.block.household_begin);
      const std::uint16_t months = hh_debt_months[h];
      // Without branches on the debt and poverty flags, which vary unpredictably between
      // households; measures' adjustments (a per-member lookup) only where they apply.
      const bool debt = f & household_flag::kDebt;
      const Threshold in =
          (c.modifiers && !debt) ? inflow(c, h) : inflow_by_poor_[(f & household_flag::kPoor) != 0];
      const bool change = (debt & out_.fires(u)) | (!debt & in.fires(u));
      const bool grows = debt & !change & (months < 0xFFFF);
      f = static_cast<std::uint8_t>(f ^ (change * household_flag::kDebt));
      hh_flags[h] = f;
      hh_debt_months[h] = change ? 0 : static_cast<std::uint16_t>(months + grows);
      in_debt += (f & household_flag::kDebt) != 0;
    }
    // Debt help the municipality pays for (schuldhulpverlening), per household in debt.
    c.ledger.post(Programme::WerkInkomen, LedgerCategory::DebtReliefCost, in_debt * help_cents_);
  }

 private:
  /// Inflow threshold of a household: by its poverty flag, adjusted by measures through the
  /// bits of its first member.
  Threshold inflow(const BlockContext& c, std::uint32_t h) const {
    const Population& pop = c.pop;
    const Threshold base = (pop.hh_flags[h] & household_flag::kPoor) ? in_poor_ : in_nonpoor_;
    if (!c.modifiers) return base;
    std::uint32_t p = pop.hh_first[h];
    while (!pop.present(p)) ++p;
    return c.modifiers->adjust(base, Hazard::DebtInflow, pop, p);
  }

  Threshold in_poor_, in_nonpoor_, out_;
  std::int64_t help_cents_;      // per household in problematic debt per month
  Threshold inflow_by_poor_[2];  // by the poverty flag, without measures
};

}  // namespace

ModuleDescriptor debt_module() {
  ModuleDescriptor d;
  d.name = "debt";
  d.version = "1.0";
  d.description = "problematic household debt: inflow and outflow";
  d.phases = kHazards;
  d.parallel_phases = kHazards;
  d.create = [](const ModuleSetup& setup) -> std::unique_ptr<Module> {
    const ModelSpec& spec = setup.spec;
    return std::make_unique<Debt>(spec.parameters);
  };
  return d;
}

}  // namespace leidensim
