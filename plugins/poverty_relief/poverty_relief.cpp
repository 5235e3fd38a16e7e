// Measure "poverty_relief": a monthly income supplement for households below a share of their
// social minimum (programme 10 Werk & Inkomen). A PlaceMeasure over household heads:
//   - eligible: a present household head, the household not living on student finance, its
//     income (net of this measure's own supplement) below income_limit_share x its social
//     minimum, and the household one of those that apply (take-up, a stable trait: one draw per
//     person and replication, keyed by a fixed month coordinate and the measure's stream);
//   - the household is paid monthly_amount each month for duration_months (yearly
//     re-application); the budget pays the administration (cost_per_place a year) and the
//     supplement, so capacity = annual_budget / (cost_per_place + 12 x monthly_amount);
//   - effects while enrolled, on every member of the household: debt inflow, jeugdhulp inflow
//     (children) and the poverty trap (job finding and bijstand outflow).
// The base class enrols (and pays) only the head. So that household-level and children's hazards
// see the effect, the other present members get the measure's second bit each month: this
// measure has no after-effect (after_effect_halflife_months is fixed at 0), so that bit means
// "member of a supported household" here, and hazard_multiplier is overridden to give members
// the enrolled effect. Members are not participants: they take no place and are never paid (the
// base class pays only enrolled heads), and the base class clears their bit each month before
// this measure sets it again.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "leidensim/errors.hpp"
#include "leidensim/measure.hpp"
#include "leidensim/model_spec.hpp"
#include "leidensim/plugin_abi.hpp"
#include "leidensim/processes/income.hpp"
#include "leidensim/rng.hpp"

namespace {

using leidensim::Hazard;
using leidensim::Population;
using leidensim::Role;

/// Month coordinate of the take-up draw: fixed, so that take-up is a trait of the person.
constexpr std::uint32_t kTakeUpMonth = 0xFFFFFFFEu;
constexpr std::uint32_t kTakeUpSub = 7;

/// The parameter schema. Its defaults repeat the data pack's values
/// (data/leiden/measure_parameters.csv, which also holds their sources), for a data pack without
/// that file; a test keeps the two equal.
const char* schema() {
  static const std::string s = [] {
    nlohmann::json p = leidensim::measure_common_properties();
    leidensim::set_common_default(p, "programme", "10", "10 Werk & Inkomen");
    leidensim::set_common_default(
        p, "annual_budget", 1000000.0,
        "default EUR 1,000,000 a year, supplements included (assumption; about 9% of "
        "the 2017 minima line, budget_programmes.csv)");
    leidensim::set_common_default(
        p, "cost_per_place", 150.0,
        "administration per household a year, without the supplement (assumption)");
    leidensim::set_common_default(p, "places", -1, "households");
    leidensim::set_common_default(p, "duration_months", 12, "yearly re-application");
    leidensim::set_common_default(p, "dropout_monthly", 0.0,
                                  "none: the supplement is paid for the whole year");
    p["after_effect_halflife_months"] = {
        {"type", "number"},
        {"minimum", 0},
        {"maximum", 0},
        {"default", 0.0},
        {"description",
         "no after-effect: the effects stop with the supplement (the measure's second bit marks "
         "the members of supported households); must be 0"}};
    p["monthly_amount"] = {{"type", "number"},
                           {"minimum", 0},
                           {"maximum", 10000},
                           {"default", 100.0},
                           {"description",
                            "supplement in euros a month per household (assumption; costs.csv "
                            "volwassenenfonds_max_per_person is EUR 250 a year)"}};
    p["income_limit_share"] = {{"type", "number"},
                               {"exclusiveMinimum", 0},
                               {"maximum", 5},
                               {"default", 1.2},
                               {"description",
                                "income limit as a multiple of the household's social minimum "
                                "(1.2 = 120%, poverty_debt.csv income_limit_120pct_sm rows)"}};
    p["take_up"] = {{"type", "number"},
                    {"minimum", 0},
                    {"maximum", 1},
                    {"default", 0.63},
                    {"description",
                     "share of eligible households that apply (poverty_debt.csv "
                     "take_up_minima_schemes 2015, published)"}};
    p["debt_inflow_multiplier"] = {
        {"type", "number"},
        {"minimum", 0},
        {"maximum", 10},
        {"default", 0.85},
        {"description",
         "multiplier of the household's inflow into problematic debt while supported "
         "(effects.csv early debt warning -0.15, assumption, range 0.70-0.95)"}};
    p["jeugdhulp_inflow_multiplier"] = {
        {"type", "number"},
        {"minimum", 0},
        {"maximum", 10},
        {"default", 1.0},
        {"description",
         "multiplier of the children's inflow into youth care while supported; 1 = off (no "
         "evidence in the data pack)"}};
    p["poverty_trap_outflow_multiplier"] = {
        {"type", "number"},
        {"minimum", 0},
        {"maximum", 10},
        {"default", 1.0},
        {"description",
         "poverty trap: multiplier of job finding and bijstand outflow of supported household "
         "members, since the supplement stops above the income limit; 1 = off, e.g. 0.95 "
         "(assumption: the CPB/SZW marginal-pressure literature is not in the data pack)"}};
    return leidensim::measure_schema(p);
  }();
  return s.c_str();
}

class PovertyRelief final : public leidensim::PlaceMeasure {
 public:
  explicit PovertyRelief(const leidensim::ModuleSetup& setup)
      : PlaceMeasure(setup, "poverty_relief"),
        minimum_(leidensim::SocialMinimum::from(spec().parameters)),
        amount_cents_(std::llround(params().at("monthly_amount").get<double>() * 100.0)),
        limit_share_(params().at("income_limit_share").get<double>()),
        take_up_share_(params().at("take_up").get<double>()),
        debt_(params().at("debt_inflow_multiplier").get<double>()),
        jeugdhulp_(params().at("jeugdhulp_inflow_multiplier").get<double>()),
        trap_(params().at("poverty_trap_outflow_multiplier").get<double>()),
        key_(spec().seed, 0),
        highest_limit_(limit_share_ *
                       static_cast<double>(std::max(
                           {minimum_.norm_cents(false, false), minimum_.norm_cents(true, false),
                            minimum_.norm_cents(false, true), minimum_.norm_cents(true, true)}))) {
    if (settings().places < 0) {
      // The budget pays the supplements too (posted by the base class as transfers).
      const double per_household =
          settings().cost_per_place + 12.0 * params().at("monthly_amount").get<double>();
      set_capacity(
          static_cast<long>(std::floor(settings().annual_budget * spec().scale / per_household)));
    }
  }

  void run_serial(leidensim::Phase phase, leidensim::SerialContext& c) override {
    if (phase != leidensim::kBeginMonth) return;
    Population& pop = c.pop;
    if (c.month.key) {
      if (c.month.key != key_source_) take_up_.clear();  // take-up differs between replications
      key_source_ = c.month.key;
      key_ = *c.month.key;
    }
    // Households paid last month (an enrolled head): their income includes the supplement, which
    // does not count for the income test. Enrolled persons are few: screen the measure bits.
    received_.assign(pop.household_slots(), 0);
    const std::uint32_t slots = static_cast<std::uint32_t>(pop.person_slots());
    leidensim::for_each_marked(pop.measure_bits.data(), 0, slots, enrolled_bit(),
                               [&](std::uint32_t p) {
                                 if (pop.present(p) && pop.role[p] == Role::Head)
                                   received_[pop.household[p]] = 1;
                               });
    PlaceMeasure::run_serial(phase, c);  // leavers, waiting list, new participants, admin cost
    // Now exactly the participants carry the enrolled bit (the base class cleared the members'
    // bits): mark the other members of their households.
    for (const std::uint32_t e : enrolled_slots()) {
      const std::uint32_t h = pop.household[e];
      const std::uint32_t end = pop.hh_first[h] + pop.hh_slots[h];
      for (std::uint32_t p = pop.hh_first[h]; p < end; ++p)
        if (pop.present(p) && !(pop.measure_bits[p] & enrolled_bit()))
          pop.measure_bits[p] |= after_bit();
    }
  }

  /// Participants and the members of their households: the effect while supported.
  double hazard_multiplier(Hazard h, const Population& pop, std::uint32_t slot) const override {
    return (pop.measure_bits[slot] & (enrolled_bit() | after_bit())) ? enrolled_effect(h) : 1.0;
  }

 protected:
  double enrolled_effect(Hazard h) const override {
    switch (h) {
      case Hazard::DebtInflow:
        return debt_;
      case Hazard::JeugdhulpInflow:
        return jeugdhulp_;
      case Hazard::JobFinding:
      case Hazard::BijstandOutflow:
        return trap_;
      default:
        return 1.0;
    }
  }

  bool eligible(const Population& pop, std::uint32_t p) const override {
    if (!pop.present(p) || pop.role[p] != Role::Head) return false;
    const std::uint32_t h = pop.household[p];
    if (pop.hh_flags[h] & leidensim::household_flag::kStudent) return false;
    std::int64_t income = pop.hh_income_cents[h];
    if (h < received_.size() && received_[h]) income -= amount_cents_;
    // No household's limit exceeds the highest norm's: most households are ruled out without
    // working out their own norm (exact: rounding of a product is monotone in its factor).
    if (!(static_cast<double>(income) < highest_limit_)) return false;
    const double limit = limit_share_ * static_cast<double>(minimum_.of(pop, h));
    if (!(static_cast<double>(income) < limit)) return false;
    return applies(pop.id[p]);
  }

  /// eligible() for a range. Two branch-free screens narrow the persons down first: present
  /// heads (about half the persons), then heads of households that are not students and whose
  /// income (without the supplement) is below the highest limit; only those get the full test.
  std::size_t find_eligible(const Population& pop, std::uint32_t begin, std::uint32_t end,
                            std::uint32_t* out) const override {
    const std::uint8_t* flags = pop.flags.data();
    const Role* role = pop.role.data();
    std::size_t heads = 0;
    for (std::uint32_t p = begin; p < end; ++p) {
      out[heads] = p;
      heads += static_cast<std::size_t>(((flags[p] & leidensim::person_flag::kPresent) != 0) &
                                        (role[p] == Role::Head));
    }
    // Below, n <= k: each pass writes behind its reads.
    const std::uint32_t* household = pop.household.data();
    const std::uint8_t* hh_flags = pop.hh_flags.data();
    const std::int32_t* hh_income = pop.hh_income_cents.data();
    const std::uint8_t* received = received_.data();
    const std::size_t received_size = received_.size();
    std::size_t low = 0;
    for (std::size_t k = 0; k < heads; ++k) {
      const std::uint32_t p = out[k];
      const std::uint32_t h = household[p];
      const bool paid = h < received_size && received[h];
      const std::int64_t income = std::int64_t{hh_income[h]} - (paid ? amount_cents_ : 0);
      out[low] = p;
      low += static_cast<std::size_t>(((hh_flags[h] & leidensim::household_flag::kStudent) == 0) &
                                      (static_cast<double>(income) < highest_limit_));
    }
    std::size_t n = 0;
    for (std::size_t k = 0; k < low; ++k) {
      const std::uint32_t p = out[k];
      if (eligible(pop, p)) out[n++] = p;
    }
    return n;
  }

  /// Take-up: whether the household of head `id` applies, the same every month of a
  /// replication. One draw per person, kept: heads below the limit are tested every month.
  bool applies(std::uint32_t id) const {
    if (id >= take_up_.size()) take_up_.resize(std::max<std::size_t>(id + 1, take_up_.size() * 2));
    std::uint8_t& known = take_up_[id];
    if (!known) {
      const std::uint32_t u = key_.draw(id, kTakeUpMonth, stream(), kTakeUpSub)[0];
      known = leidensim::Threshold(take_up_share_).fires(u) ? 2 : 1;
    }
    return known == 2;
  }

  /// The supplement, paid by the base class to each enrolled head.
  std::int64_t monthly_transfer_cents(const Population&, std::uint32_t) const override {
    return amount_cents_;
  }

 private:
  leidensim::SocialMinimum minimum_;
  std::int64_t amount_cents_;
  double limit_share_;
  double take_up_share_;
  double debt_;
  double jeugdhulp_;
  double trap_;
  leidensim::RandomKey key_;
  std::vector<std::uint8_t> received_;  // by household slot, during begin_month
  double highest_limit_;                // limit_share_ x the highest social minimum
  // Take-up by person id (0 not drawn yet, 1 no, 2 yes), for the key of key_source_. Filled
  // lazily from the serial begin_month, hence mutable.
  mutable std::vector<std::uint8_t> take_up_;
  const leidensim::RandomKey* key_source_ = nullptr;
};

}  // namespace

LEIDENSIM_DEFINE_PLUGIN(poverty_relief, "1.0",
                        "monthly income supplement for households below a share of the social "
                        "minimum, with take-up below 100% (programme 10); effects on debt, youth "
                        "care and the poverty trap",
                        schema(), leidensim::kBeginMonth | leidensim::kPayments,
                        leidensim::kPayments, PovertyRelief)
