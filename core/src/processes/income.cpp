#include "leidensim/processes/income.hpp"

#include <algorithm>
#include <cmath>

#include "leidensim/model_spec.hpp"

namespace leidensim {

namespace {

std::int64_t cents(double euros) {
  return std::llround(euros * 100.0);
}

}  // namespace

SocialMinimum SocialMinimum::from(const ParameterSet& ps) {
  SocialMinimum m;
  m.norm_single_ = cents(ps.scalar("income.bijstand_norm_single"));
  m.norm_couple_ = cents(ps.scalar("income.bijstand_norm_couple"));
  m.pension_single_ = cents(ps.scalar("income.pension_norm_single"));
  m.pension_couple_ = cents(ps.scalar("income.pension_norm_couple"));
  m.line_factor_ = ps.scalar("income.poverty_line_factor");
  m.pension_age_months_ = static_cast<std::uint16_t>(12 * ps.scalar("labour.pension_age_years"));
  return m;
}

std::int64_t SocialMinimum::of(const Population& pop, std::uint32_t h) const {
  const bool couple = pop.hh_type[h] == HouseholdType::CoupleNoKids ||
                      pop.hh_type[h] == HouseholdType::CoupleWithKids;
  bool pension_age = false;
  const std::uint32_t end = pop.hh_first[h] + pop.hh_slots[h];
  for (std::uint32_t p = pop.hh_first[h]; p < end; ++p)
    if (pop.present(p) && pop.role[p] == Role::Head)
      pension_age = pop.age_months[p] >= pension_age_months_;
  return norm_cents(couple, pension_age);
}

namespace {

class Income final : public Module {
 public:
  explicit Income(const ParameterSet& ps)
      : minimum_(SocialMinimum::from(ps)),
        ww_rate_(ps.scalar("income.ww_replacement_rate")),
        disability_(cents(ps.scalar("income.disability_benefit_monthly"))),
        student_(cents(ps.scalar("income.student_income_monthly"))) {}

  void run_block(Phase, BlockContext& c) override {
    Population& pop = c.pop;
    for (std::uint32_t h = c.block.household_begin; h < c.block.household_end; ++h) {
      if (!pop.household_present(h)) continue;
      const bool couple = pop.hh_type[h] == HouseholdType::CoupleNoKids ||
                          pop.hh_type[h] == HouseholdType::CoupleWithKids;
      std::int64_t income = 0;
      int adults = 0, students = 0;
      bool bijstand = false, pension_age = false;
      const std::uint32_t end = pop.hh_first[h] + pop.hh_slots[h];
      const std::int64_t aow =
          couple ? minimum_.pension_couple_cents() / 2 : minimum_.pension_single_cents();
      const std::uint16_t pension_age_months = minimum_.pension_age_months();
      // Selects instead of a switch: the benefit type varies unpredictably between persons.
      for (std::uint32_t p = pop.hh_first[h]; p < end; ++p) {
        if (!pop.present(p)) continue;
        const std::int64_t wage = pop.wage_cents[p];
        const Benefit b = pop.benefit[p];
        const Labour l = pop.labour[p];
        const Role r = pop.role[p];
        const bool adult = pop.age_months[p] >= 18 * 12;
        const bool student = (l == Labour::Student) & adult;
        adults += adult;
        students += student;
        income += ((b == Benefit::None) & (l == Labour::Employed)) ? wage : 0;
        income += b == Benefit::Disability ? disability_ : 0;
        // AOW: wage_cents holds the supplementary pension from retirement on.
        income += b == Benefit::AOW ? aow + wage : 0;
        income += student ? student_ : 0;
        bijstand |= (b == Benefit::Bijstand) & (r == Role::Head);
        pension_age |= (r == Role::Head) & (pop.age_months[p] >= pension_age_months);
        if (b == Benefit::WW) income += std::llround(ww_rate_ * static_cast<double>(wage));
      }
      const std::int64_t norm = minimum_.norm_cents(couple, pension_age);
      if (bijstand && income < norm) {
        // Bijstand tops the household up to its norm; the municipality pays the difference.
        c.ledger.post(Programme::WerkInkomen, LedgerCategory::BijstandPaid, norm - income);
        income = norm;
      }
      const bool student_household = adults > 0 && students == adults;
      const bool poor = !student_household && minimum_.poor(income, norm);
      pop.hh_income_cents[h] = static_cast<std::int32_t>(
          std::clamp<std::int64_t>(income, 0, std::numeric_limits<std::int32_t>::max()));
      std::uint8_t f = pop.hh_flags[h] & ~(household_flag::kPoor | household_flag::kStudent);
      if (poor) f |= household_flag::kPoor;
      if (student_household) f |= household_flag::kStudent;
      pop.hh_flags[h] = f;
    }
  }

 private:
  SocialMinimum minimum_;
  double ww_rate_;
  std::int64_t disability_;
  std::int64_t student_;
};

}  // namespace

ModuleDescriptor income_module() {
  ModuleDescriptor d;
  d.name = "income";
  d.version = "1.0";
  d.description = "household income against the social minimum, poverty (120% line)";
  d.phases = kPayments;
  d.parallel_phases = kPayments;
  d.create = [](const ModuleSetup& setup) -> std::unique_ptr<Module> {
    const ModelSpec& spec = setup.spec;
    return std::make_unique<Income>(spec.parameters);
  };
  return d;
}

}  // namespace leidensim
