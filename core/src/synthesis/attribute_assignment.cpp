#include "leidensim/synthesis/attribute_assignment.hpp"

#include <algorithm>
#include <cmath>
#include <queue>

#include "leidensim/model_spec.hpp"
#include "leidensim/processes/income.hpp"
#include "leidensim/rate_tables.hpp"
#include "leidensim/rng.hpp"
#include "leidensim/wage_model.hpp"

namespace leidensim {

namespace {

constexpr std::uint32_t kStream = stream_id("synthesis.attributes");
enum Sub : std::uint32_t { kEducation, kLiteracy, kLabour, kWage, kBenefit, kCare, kDebt };

/// Picks exactly `k` of the candidates, each with probability growing with its weight
/// (Efraimidis-Spirakis keys u^(1/w)); deterministic given the draws.
std::vector<std::uint32_t> weighted_sample(const std::vector<std::uint32_t>& candidates,
                                           const std::vector<double>& weights,
                                           const std::vector<std::uint32_t>& draws, std::size_t k) {
  std::vector<std::pair<double, std::uint32_t>> keyed;
  keyed.reserve(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (weights[i] <= 0) continue;
    const double u = (draws[i] + 0.5) / 4294967296.0;
    keyed.emplace_back(std::log(u) / weights[i], candidates[i]);
  }
  k = std::min(k, keyed.size());
  std::partial_sort(keyed.begin(), keyed.begin() + static_cast<std::ptrdiff_t>(k), keyed.end(),
                    [](const auto& a, const auto& b) {
                      return a.first > b.first || (a.first == b.first && a.second < b.second);
                    });
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < k; ++i) out.push_back(keyed[i].second);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

void assign_attributes(Population& pop, const ParameterSet& ps, std::uint64_t seed, double scale,
                       double bijstand_recipients) {
  const RandomKey key(seed, 0);
  auto draw = [&](std::uint32_t p, Sub sub) {
    return key.draw(pop.id[p], kSynthesisMonth, kStream, sub);
  };
  const double track = ps.scalar("education.general_track_share");
  const double in_edu_18_24 = ps.scalar("population.in_education_share_18_24");
  const double sk_share = ps.scalar("population.startkwalificatie_share_18_27");
  const auto level_shares = ps.table("population.level_shares_25_plus", 4);
  const auto literacy = ps.table("population.low_literacy_share_by_level", 4);
  const auto pension_months =
      static_cast<std::uint16_t>(12 * ps.scalar("labour.pension_age_years"));
  const WageModel wages = WageModel::from(ps);
  const SupplementaryPension pension = SupplementaryPension::from(ps);

  // ---- education, literacy, retirement, disability; reference wages ----
  std::vector<std::uint32_t> workers;  // 18..pension age, not in education, not work-disabled
  for (std::uint32_t p = 0; p < pop.person_slots(); ++p) {
    if (!pop.present(p)) continue;
    const int a = static_cast<int>(pop.age_years(p));
    const Draws e = draw(p, kEducation);
    EduStage stage = EduStage::None;
    EduLevel level = EduLevel::None;
    if (a >= 4 && a <= 11)
      stage = EduStage::Primary;
    else if (a >= 12 && a <= 15)
      stage = EduStage::LowerSecondary;
    else if (a >= 16 && a <= 17) {
      stage = unit_interval(e[0]) < track ? EduStage::General : EduStage::Vocational;
      level = EduLevel::Basic;
    } else if (a >= 18 && a <= 24 && unit_interval(e[0]) < in_edu_18_24) {
      stage = a >= 20 ? EduStage::Higher
                      : (unit_interval(e[1]) < track ? EduStage::Higher : EduStage::Vocational);
      level = stage == EduStage::Higher ? EduLevel::Qualified : EduLevel::Basic;
    } else if (a >= 18 && a <= 27) {
      const bool qualified = unit_interval(e[1]) < sk_share;
      const double higher_given_qualified = level_shares[3] / (level_shares[2] + level_shares[3]);
      level = !qualified ? (unit_interval(e[2]) < 0.5 ? EduLevel::None : EduLevel::Basic)
              : (a >= 22 && unit_interval(e[2]) < higher_given_qualified) ? EduLevel::Higher
                                                                          : EduLevel::Qualified;
      if (!qualified) pop.flags[p] |= person_flag::kEarlyLeaver;
    } else if (a >= 28) {
      double u = unit_interval(e[1]);
      int l = 0;
      while (l < 3 && u >= level_shares[l]) u -= level_shares[l++];
      level = static_cast<EduLevel>(l);
    }
    pop.edu_stage[p] = stage;
    pop.edu_level[p] = level;
    if (a >= 16 && unit_interval(draw(p, kLiteracy)[0]) < literacy[static_cast<int>(level)])
      pop.flags[p] |= person_flag::kLowLiteracy;

    const Draws w = draw(p, kWage);
    if (a >= 18) pop.wage_cents[p] = wages.draw_cents(level, w[0], w[1], w[2]);
    pop.labour_months[p] = static_cast<std::uint16_t>(uniform_below(w[3], 120));
    if (stage != EduStage::None) {
      pop.labour[p] = a >= 15 ? Labour::Student : Labour::Child;
    } else if (a < 18) {
      pop.labour[p] = Labour::Child;
    } else if (pop.age_months[p] >= pension_months) {
      pop.labour[p] = Labour::Retired;
      pop.benefit[p] = Benefit::AOW;
      pop.wage_cents[p] = pension.of_last_wage(pop.wage_cents[p]);
    } else {
      pop.labour[p] = Labour::Inactive;
      workers.push_back(p);
    }
  }

  // ---- work disability: exact share of 18-66, more likely with age ----
  {
    double n18_66 = 0;
    for (std::uint32_t p = 0; p < pop.person_slots(); ++p)
      n18_66 += pop.present(p) && pop.age_years(p) >= 18 && pop.age_years(p) <= 66;
    std::vector<double> weight;
    std::vector<std::uint32_t> u;
    for (auto p : workers) {
      weight.push_back(static_cast<double>(pop.age_years(p)) / 40.0);
      u.push_back(draw(p, kLabour)[0]);
    }
    const auto target = static_cast<std::size_t>(
        std::llround(ps.scalar("population.disability_share_18_66") * n18_66));
    for (auto p : weighted_sample(workers, weight, u, target)) {
      pop.labour[p] = Labour::Disabled;
      pop.benefit[p] = Benefit::Disability;
      pop.benefit_months[p] = static_cast<std::uint16_t>(uniform_below(draw(p, kBenefit)[3], 120));
    }
    std::erase_if(workers, [&](std::uint32_t p) { return pop.labour[p] == Labour::Disabled; });
  }

  // ---- employment (15-64 participation) and unemployment: exact counts ----
  {
    const double part[2] = {ps.scalar("population.net_participation_men"),
                            ps.scalar("population.net_participation_women")};
    double target_employed = 0;
    for (std::uint32_t p = 0; p < pop.person_slots(); ++p) {
      const auto a = pop.age_years(p);
      if (pop.present(p) && a >= 15 && a <= 64)
        target_employed += part[static_cast<int>(pop.sex[p])];
    }
    const auto finding = ps.table("labour.job_finding_factor_by_level", 4);
    std::vector<double> weight;
    std::vector<std::uint32_t> u;
    for (auto p : workers) {
      // Jobs go to 18-64 year olds (the participation base), more likely with a higher level.
      weight.push_back(pop.age_years(p) <= 64 ? finding[static_cast<int>(pop.edu_level[p])] : 0.0);
      u.push_back(draw(p, kLabour)[1]);
    }
    const auto employed = weighted_sample(workers, weight, u,
                                          static_cast<std::size_t>(std::llround(target_employed)));
    for (auto p : employed) pop.labour[p] = Labour::Employed;
    const double rate = ps.scalar("population.unemployment_rate");
    std::vector<std::uint32_t> rest;
    std::vector<double> ones;
    std::vector<std::uint32_t> u2;
    for (auto p : workers)
      if (pop.labour[p] != Labour::Employed) {
        rest.push_back(p);
        ones.push_back(1.0);
        u2.push_back(draw(p, kLabour)[2]);
      }
    const auto unemployed = weighted_sample(
        rest, ones, u2,
        static_cast<std::size_t>(
            std::llround(rate / (1 - rate) * static_cast<double>(employed.size()))));
    for (auto p : unemployed) pop.labour[p] = Labour::Unemployed;
  }

  // ---- bijstand: exactly the target number of benefit households ----
  {
    const auto type_weight =
        ps.table("population.bijstand_weight_by_household_type", kHouseholdTypes);
    std::vector<std::uint32_t> heads, u;
    std::vector<double> weight;
    for (std::uint32_t p = 0; p < pop.person_slots(); ++p) {
      if (!pop.present(p) || pop.role[p] != Role::Head) continue;
      if (pop.labour[p] != Labour::Unemployed && pop.labour[p] != Labour::Inactive) continue;
      heads.push_back(p);
      weight.push_back(type_weight[static_cast<int>(pop.hh_type[pop.household[p]])]);
      u.push_back(draw(p, kBenefit)[0]);
    }
    const auto target = static_cast<std::size_t>(std::llround(bijstand_recipients * scale));
    const double mean_months = ps.scalar("population.bijstand_duration_mean_months");
    for (auto p : weighted_sample(heads, weight, u, target)) {
      pop.benefit[p] = Benefit::Bijstand;
      const double months = -mean_months * std::log(1.0 - unit_interval(draw(p, kBenefit)[1]));
      pop.benefit_months[p] = static_cast<std::uint16_t>(std::min(months, 600.0));
    }
    const double ww_share = ps.scalar("population.ww_share_of_unemployed");
    const auto ww_max = static_cast<std::uint32_t>(ps.scalar("labour.ww_max_months"));
    for (std::uint32_t p = 0; p < pop.person_slots(); ++p) {
      if (!pop.present(p) || pop.labour[p] != Labour::Unemployed || pop.benefit[p] != Benefit::None)
        continue;
      const Draws d = draw(p, kBenefit);
      if (unit_interval(d[2]) < ww_share) {
        pop.benefit[p] = Benefit::WW;
        pop.benefit_months[p] = static_cast<std::uint16_t>(uniform_below(d[3], ww_max));
      }
    }
  }

  // ---- care: jeugdhulp share; Wmo at the stationary share of the process rates ----
  {
    const double youth = ps.scalar("population.jeugdhulp_share_under_18");
    const AgeTable wmo_in = monthly_age_table(ps, "care.wmo_inflow_annual");
    const double wmo_out = monthly_from_annual(ps.scalar("care.wmo_outflow_annual"));
    for (std::uint32_t p = 0; p < pop.person_slots(); ++p) {
      if (!pop.present(p)) continue;
      const Draws d = draw(p, kCare);
      const int a = age_index(pop.age_years(p));
      if (a < 18 && unit_interval(d[0]) < youth) pop.care[p] |= care_flag::kJeugdhulp;
      const double in = wmo_in[a].probability();
      if (unit_interval(d[1]) < in / (in + wmo_out)) pop.care[p] |= care_flag::kWmo;
    }
  }

  // ---- poverty from a first income pass; debt at the stationary shares of its rates ----
  {
    ModelSpec spec;
    spec.parameters = ps;
    const nlohmann::json no_params;
    const auto income = income_module().create(ModuleSetup{spec, no_params});
    IndicatorCounts unused(256);
    LedgerCounts no_ledger;
    HouseholdEvents no_events;
    const RandomKey k(seed, 0);
    MonthContext ctx;
    ctx.key = &k;
    for (const Block& b : pop.partition(1u << 30)) {
      BlockContext bc{pop, b, ctx, no_events, unused, no_ledger};
      income->run_block(kPayments, bc);
    }
    const double in_poor = ps.scalar("debt.inflow_monthly_poor");
    const double in_other = ps.scalar("debt.inflow_monthly_nonpoor");
    const double out = ps.scalar("debt.outflow_monthly");
    for (std::uint32_t h = 0; h < pop.household_slots(); ++h) {
      if (!pop.household_present(h)) continue;
      const double in = (pop.hh_flags[h] & household_flag::kPoor) ? in_poor : in_other;
      const Draws d = draw(pop.hh_first[h], kDebt);
      if (unit_interval(d[0]) < in / (in + out)) {
        pop.hh_flags[h] |= household_flag::kDebt;
        pop.hh_debt_months[h] = static_cast<std::uint16_t>(uniform_below(d[1], 60));
      }
    }
  }
}

std::vector<MarginalRow> attribute_report(const Population& pop, const ParameterSet& ps,
                                          double scale, double bijstand_recipients) {
  double n15_64 = 0, target_emp = 0, emp15_64 = 0, emp = 0, unemp = 0, bijstand = 0;
  double n18_66 = 0, disabled = 0, n16_65 = 0, lowlit = 0, n18_27 = 0, sk = 0;
  double u18 = 0, youth = 0, wmo = 0, persons = 0;
  const double part[2] = {ps.scalar("population.net_participation_men"),
                          ps.scalar("population.net_participation_women")};
  for (std::uint32_t p = 0; p < pop.person_slots(); ++p) {
    if (!pop.present(p)) continue;
    const auto a = pop.age_years(p);
    const Labour l = pop.labour[p];
    persons += 1;
    if (a >= 15 && a <= 64) {
      n15_64 += 1;
      target_emp += part[static_cast<int>(pop.sex[p])];
      emp15_64 += l == Labour::Employed;
    }
    emp += l == Labour::Employed;
    unemp += l == Labour::Unemployed;
    bijstand += pop.benefit[p] == Benefit::Bijstand;
    if (a >= 18 && a <= 66) n18_66 += 1, disabled += l == Labour::Disabled;
    if (a >= 16 && a <= 65) n16_65 += 1, lowlit += (pop.flags[p] & person_flag::kLowLiteracy) != 0;
    if (a >= 18 && a <= 27) n18_27 += 1, sk += pop.edu_level[p] >= EduLevel::Qualified;
    if (a < 18) u18 += 1, youth += (pop.care[p] & care_flag::kJeugdhulp) != 0;
    wmo += (pop.care[p] & care_flag::kWmo) != 0;
  }
  double households = 0, poor = 0, debt = 0;
  for (std::uint32_t h = 0; h < pop.household_slots(); ++h) {
    if (!pop.household_present(h)) continue;
    debt += (pop.hh_flags[h] & household_flag::kDebt) != 0;
    if (pop.hh_flags[h] & household_flag::kStudent) continue;
    households += 1;
    poor += (pop.hh_flags[h] & household_flag::kPoor) != 0;
  }
  const double all_households = static_cast<double>(pop.households());
  const std::string g = "social attributes";
  return {
      {g, "employed, share of 15-64", target_emp / n15_64, emp15_64 / n15_64, 0.02, "share"},
      {g, "unemployment rate", ps.scalar("population.unemployment_rate"), unemp / (emp + unemp),
       0.05, "share"},
      {g, "bijstand recipients", bijstand_recipients * scale, bijstand, 0.01, "persons"},
      {g, "work disability, share of 18-66", ps.scalar("population.disability_share_18_66"),
       disabled / n18_66, 0.1, "share"},
      {g, "low literacy, share of 16-65", ps.scalar("population.low_literacy_share_16_65"),
       lowlit / n16_65, 0.15, "share"},
      {g, "startkwalificatie, share of 18-27",
       ps.scalar("population.startkwalificatie_share_18_27"), sk / n18_27, 0.1, "share"},
      {g, "jeugdhulp, share of under-18s", ps.scalar("population.jeugdhulp_share_under_18"),
       youth / u18, 0.1, "share"},
      {g, "Wmo clients per 1000 inhabitants", ps.scalar("population.wmo_clients_per_1000"),
       1000 * wmo / persons, 0.15, "per 1000"},
      {g, "households in poverty, share (students excluded)",
       ps.scalar("population.poverty_share_households"), poor / households, 0.25, "share"},
      {g, "problematic debt, share of households", ps.scalar("population.problematic_debt_share"),
       debt / all_households, 0.15, "share"},
  };
}

}  // namespace leidensim
