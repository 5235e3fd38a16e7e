#include "leidensim/validation/analytic_checks.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

#include "leidensim/errors.hpp"
#include "leidensim/model_spec.hpp"
#include "leidensim/module_registry.hpp"
#include "leidensim/rate_tables.hpp"
#include "leidensim/rng.hpp"
#include "leidensim/scenario.hpp"
#include "leidensim/simulation.hpp"

namespace leidensim {

namespace {

using Overrides = std::map<std::string, std::vector<double>>;

// The transient of a two-state chain decays as |1 - p - q|^t: after the burn-in it is below this
// share of the initial distance from the stationary share (far below any standard error).
constexpr double kBurnInTolerance = 1e-5;
// A spell counted for the duration is still running at the end of the run with at most this
// probability; running spells count with their length so far, so the bias is negligible.
constexpr double kCensoringTolerance = 1e-4;
constexpr int kMaxRunMonths = 1200;

std::vector<double> constant_table(double v) {
  return std::vector<double>(kMaxAge + 1, v);
}

/// Demography reduced to mortality (or to nothing): no births, migration, partnering,
/// separation or leaving home, so the persons present at the start are all there ever are.
Overrides closed_demography(bool keep_mortality) {
  Overrides o = {
      {"demography.fertility_annual", constant_table(0.0)},
      {"demography.leaving_home_annual", constant_table(0.0)},
      {"demography.partnering_annual", constant_table(0.0)},
      {"demography.emigration_annual", constant_table(0.0)},
      {"demography.separation_annual", {0.0}},
      {"demography.immigration_annual", {0.0}},
  };
  if (!keep_mortality) {
    o["demography.mortality_annual_male"] = constant_table(0.0);
    o["demography.mortality_annual_female"] = constant_table(0.0);
  }
  return o;
}

void apply(ParameterSet& ps, const Overrides& o, const std::string& origin) {
  for (const auto& [name, values] : o) ps.override_values(name, values, origin);
}

/// Runs `body(r)` for every replication r in parallel, in an arena of `threads` threads.
template <class F>
void for_each_replication(int replications, int threads, F&& body) {
  tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
  arena.execute([&] {
    tbb::parallel_for(0, replications, [&](int r) { body(static_cast<std::uint32_t>(r)); });
  });
}

struct MeanSe {
  double mean = 0.0, se = 0.0;
};

/// Mean over replications and its standard error from their spread.
MeanSe between_replications(const std::vector<double>& x) {
  const auto n = static_cast<double>(x.size());
  double sum = 0.0;
  for (double v : x) sum += v;
  const double mean = sum / n;
  double ss = 0.0;
  for (double v : x) ss += (v - mean) * (v - mean);
  return {mean, std::sqrt(ss / (n - 1.0) / n)};
}

CheckRow row(std::string check, std::string quantity, double analytic, double simulated, double se,
             double z) {
  CheckRow r;
  r.check = std::move(check);
  r.quantity = std::move(quantity);
  r.analytic = analytic;
  r.simulated = simulated;
  r.standard_error = se;
  r.lower = analytic - z * se;
  r.upper = analytic + z * se;
  r.pass = simulated >= r.lower && simulated <= r.upper;
  return r;
}

int months_until(double factor, double tolerance) {
  if (factor <= 0.0) return 1;
  return std::max(1, static_cast<int>(std::ceil(std::log(tolerance) / std::log(factor))));
}

// ---- Markov checks -------------------------------------------------------------------------

/// A two-state chain with the monthly probabilities the model applies.
struct Chain {
  std::string check;
  std::string unit_state;  // "households in problematic debt"
  std::string spell;       // "problematic debt"
  double p = 0.0;          // entry
  double q = 0.0;          // exit
};

/// One replication's record of one chain: shares over the measurement months and the lengths of
/// spells that started early enough.
class ChainTally {
 public:
  void start(const std::vector<std::uint8_t>& state) {
    prev_ = state;
    since_.assign(state.size(), -1);
  }
  /// The state at the end of month `t` (1-based).
  void observe(const std::vector<std::uint8_t>& state, int t, int burn_in, int last_start) {
    std::int64_t in = 0;
    for (std::size_t u = 0; u < state.size(); ++u) {
      const bool now = state[u] != 0;
      in += now;
      if (now && !prev_[u]) {
        since_[u] = t <= last_start ? t : -1;
      } else if (!now && prev_[u] && since_[u] >= 0) {
        // In the state at the month ends since_[u] .. t - 1.
        spell_months_ += t - since_[u];
        ++spells_;
        since_[u] = -1;
      }
      prev_[u] = state[u];
    }
    if (t > burn_in) {
      share_sum_ += static_cast<double>(in) / static_cast<double>(state.size());
      ++share_months_;
    }
  }
  /// Spells still running after month `t` count with their length so far.
  void finish(int t) {
    for (std::size_t u = 0; u < since_.size(); ++u) {
      if (since_[u] < 0) continue;
      spell_months_ += t - since_[u] + 1;
      ++spells_;
      ++censored_;
    }
  }
  double share() const { return share_sum_ / share_months_; }
  double mean_duration() const {
    return spells_ ? static_cast<double>(spell_months_) / static_cast<double>(spells_) : 0.0;
  }
  std::int64_t spells() const { return spells_; }

 private:
  std::vector<std::uint8_t> prev_;
  std::vector<int> since_;  // month the tracked spell started, -1 if none is tracked
  double share_sum_ = 0.0;
  int share_months_ = 0;
  std::int64_t spell_months_ = 0, spells_ = 0, censored_ = 0;
};

void debt_state(const Population& pop, std::vector<std::uint8_t>& out) {
  out.resize(pop.household_slots());
  for (std::size_t h = 0; h < out.size(); ++h)
    out[h] = (pop.hh_flags[h] & household_flag::kDebt) != 0;
}

void wmo_state(const Population& pop, std::vector<std::uint8_t>& out) {
  out.resize(pop.person_slots());
  for (std::size_t p = 0; p < out.size(); ++p) out[p] = (pop.care[p] & care_flag::kWmo) != 0;
}

void check_closed(const Population& now, const Population& base) {
  if (now.persons() != base.persons() || now.households() != base.households() ||
      now.person_slots() != base.person_slots() || now.household_slots() != base.household_slots())
    throw std::logic_error(
        "analytic checks: persons or households changed in a configuration meant to keep them "
        "(demography not switched off?)");
}

void require_rate(double v, const char* name) {
  if (!(v > 0.0 && v < 1.0))
    throw InputError(input_error_message("", name, "must be in (0, 1), got " + std::to_string(v)));
}

}  // namespace

std::vector<CheckRow> run_markov_checks(const std::filesystem::path& data_dir,
                                        const AnalyticCheckOptions& o) {
  if (o.replications < 2)
    throw InputError(input_error_message(
        "", "replications", "the Markov checks need at least 2 (standard errors come from them)"));
  if (o.measurement_months < 1)
    throw InputError(input_error_message("", "measurement_months", "must be at least 1"));
  require_rate(o.debt_inflow_monthly, "debt_inflow_monthly");
  require_rate(o.debt_outflow_monthly, "debt_outflow_monthly");
  require_rate(o.wmo_inflow_annual, "wmo_inflow_annual");
  require_rate(o.wmo_outflow_annual, "wmo_outflow_annual");

  // The probabilities the modules apply: debt rates are monthly, Wmo rates annual and turned
  // monthly as 1 - (1 - a)^(1/12), each rounded to a 32-bit threshold.
  const std::vector<Chain> chains = {
      {"markov_debt", "households in problematic debt", "problematic debt",
       Threshold(o.debt_inflow_monthly).probability(),
       Threshold(o.debt_outflow_monthly).probability()},
      {"markov_wmo", "persons with Wmo support", "Wmo support",
       Threshold(monthly_from_annual(o.wmo_inflow_annual)).probability(),
       Threshold(monthly_from_annual(o.wmo_outflow_annual)).probability()},
  };
  int burn_in = 0, follow_up = 0;
  for (const Chain& c : chains) {
    burn_in = std::max(burn_in, months_until(std::abs(1.0 - c.p - c.q), kBurnInTolerance));
    follow_up = std::max(follow_up, months_until(1.0 - c.q, kCensoringTolerance));
  }
  const int months = std::max(burn_in, follow_up) + o.measurement_months;
  if (months > kMaxRunMonths)
    throw InputError(input_error_message(
        "", "rates",
        "too small: the chains would need " + std::to_string(months) +
            " months to settle (at most " + std::to_string(kMaxRunMonths) + ")"));
  const int last_start = months - follow_up;  // spells starting later might not end in the run

  Scenario s;
  s.name = "analytic_markov";
  s.data_dir = data_dir;
  s.seed = o.seed;
  s.scale = o.scale;
  s.years = (months + 11) / 12;
  const Overrides config = [&] {
    Overrides c = closed_demography(false);
    c["debt.inflow_monthly_poor"] = {o.debt_inflow_monthly};
    c["debt.inflow_monthly_nonpoor"] = {o.debt_inflow_monthly};
    c["debt.outflow_monthly"] = {o.debt_outflow_monthly};
    c["care.wmo_inflow_annual"] = constant_table(o.wmo_inflow_annual);
    c["care.wmo_outflow_annual"] = {o.wmo_outflow_annual};
    return c;
  }();
  for (const auto& [name, values] : config)
    s.parameters.push_back({name, values, "analytic check"});
  for (const auto& [name, values] : o.model_overrides)
    s.parameters.push_back({name, values, "analytic check: model override"});
  const ModelSpec spec = make_model_spec(s, builtin_registry());

  std::vector<std::array<ChainTally, 2>> tallies(static_cast<std::size_t>(o.replications));
  for_each_replication(o.replications, o.threads, [&](std::uint32_t r) {
    Simulation sim(spec, r);
    auto& [debt, wmo] = tallies[r];
    std::vector<std::uint8_t> state;
    debt_state(sim.population(), state);
    debt.start(state);
    wmo_state(sim.population(), state);
    wmo.start(state);
    for (int t = 1; t <= months; ++t) {
      sim.step();
      check_closed(sim.population(), *spec.base_population);
      debt_state(sim.population(), state);
      debt.observe(state, t, burn_in, last_start);
      wmo_state(sim.population(), state);
      wmo.observe(state, t, burn_in, last_start);
    }
    debt.finish(months);
    wmo.finish(months);
  });

  std::vector<CheckRow> rows;
  for (std::size_t c = 0; c < chains.size(); ++c) {
    const Chain& ch = chains[c];
    std::vector<double> shares, durations;
    for (const auto& t : tallies) {
      if (t[c].spells() == 0)
        throw InputError(
            input_error_message("", "scale", "too small: no " + ch.spell + " spell in a run"));
      shares.push_back(t[c].share());
      durations.push_back(t[c].mean_duration());
    }
    const MeanSe share = between_replications(shares), duration = between_replications(durations);
    // Stationary distribution of the chain 0 -> 1 with p, 1 -> 0 with q: pi = p / (p + q).
    rows.push_back(row(ch.check, "stationary share of " + ch.unit_state, ch.p / (ch.p + ch.q),
                       share.mean, share.se, o.z));
    // Spell length geometric on {1, 2, ...} with success probability q: mean 1 / q.
    rows.push_back(row(ch.check, "mean spell of " + ch.spell + " (months)", 1.0 / ch.q,
                       duration.mean, duration.se, o.z));
  }
  return rows;
}

// ---- Survival checks -----------------------------------------------------------------------

namespace {

struct Cohort {
  int age;                    // in years, reached in the first simulated month
  std::vector<int> horizons;  // years followed, for the rows
};

const std::vector<Cohort>& cohorts() {
  // Middle age to old age, and old age to the end of the table where mortality is steep.
  static const std::vector<Cohort> c = {{40, {10, 20, 30, 40}}, {80, {5, 10, 15, 20}}};
  return c;
}

}  // namespace

std::vector<CheckRow> run_survival_checks(const std::filesystem::path& data_dir,
                                          const AnalyticCheckOptions& o) {
  if (o.replications < 1)
    throw InputError(input_error_message("", "replications", "must be at least 1"));
  if (o.cohort_size < 1)
    throw InputError(input_error_message("", "cohort_size", "must be at least 1"));

  ParameterSet analytic = ParameterSet::load(data_dir / "parameters.csv");
  apply(analytic, closed_demography(true), "analytic check");
  ParameterSet simulated = analytic;
  apply(simulated, o.model_overrides, "analytic check: model override");

  // Groups: cohort-major, then sex. A person aged 12x - 1 months at the reference date turns x
  // in month 1 (ageing comes first in the month), so the twelve monthly hazards of age a apply
  // in months 12(a - x) + 1 .. 12(a - x + 1) and survival to month 12k is the life table's.
  Population pop;
  const auto& cs = cohorts();
  const std::size_t groups = cs.size() * 2;
  pop.reserve(groups * o.cohort_size, groups * o.cohort_size);
  std::vector<std::uint8_t> group_of_slot;
  int months = 0;
  for (std::size_t c = 0; c < cs.size(); ++c) {
    months = std::max(months, 12 * cs[c].horizons.back());
    for (Sex sex : {Sex::Male, Sex::Female}) {
      PersonRecord r;
      r.age_months = static_cast<std::uint16_t>(12 * cs[c].age - 1);
      r.sex = sex;
      r.role = Role::Head;
      r.edu_level = EduLevel::Qualified;
      r.labour = cs[c].age >= 67 ? Labour::Retired : Labour::Inactive;
      r.benefit = cs[c].age >= 67 ? Benefit::AOW : Benefit::None;
      for (std::size_t i = 0; i < o.cohort_size; ++i) {
        pop.add_household(0, {r});
        group_of_slot.push_back(static_cast<std::uint8_t>(2 * c + static_cast<int>(sex)));
      }
    }
  }
  std::vector<std::uint8_t> group_of_id(pop.next_id(), 0);  // survivors are counted by id
  for (std::size_t s = 0; s < pop.person_slots(); ++s) group_of_id[pop.id[s]] = group_of_slot[s];

  ModelSpec spec;
  spec.data_dir = data_dir;
  spec.parameters = simulated;
  spec.districts = {"all"};
  spec.base_population = std::make_shared<const Population>(std::move(pop));
  spec.start = spec.reference;
  spec.horizon_months = months;
  spec.seed = o.seed;
  spec.modules = builtin_registry().all();

  // survivors[r][g][k]: replication r, group g, k-th horizon of the group's cohort.
  std::vector<std::vector<std::vector<std::int64_t>>> survivors(
      static_cast<std::size_t>(o.replications));
  for_each_replication(o.replications, o.threads, [&](std::uint32_t r) {
    Simulation sim(spec, r);
    auto& out = survivors[r];
    out.resize(groups);
    for (std::size_t g = 0; g < groups; ++g) out[g].assign(cs[g / 2].horizons.size(), 0);
    for (int t = 1; t <= months; ++t) {
      sim.step();
      const Population& p = sim.population();
      if (p.next_id() != group_of_id.size())
        throw std::logic_error("analytic checks: persons joined a mortality-only population");
      std::vector<std::int64_t> alive(groups, 0);
      bool counted = false;
      for (std::size_t g = 0; g < groups; ++g) {
        const auto& h = cs[g / 2].horizons;
        const auto k = std::find(h.begin(), h.end(), t / 12);
        if (t % 12 != 0 || k == h.end()) continue;
        if (!counted) {
          for (std::size_t s = 0; s < p.person_slots(); ++s)
            if (p.present(s)) ++alive[group_of_id[p.id[s]]];
          counted = true;
        }
        out[g][static_cast<std::size_t>(k - h.begin())] = alive[g];
      }
    }
  });

  std::vector<CheckRow> rows;
  const double n = static_cast<double>(o.cohort_size) * o.replications;
  for (std::size_t g = 0; g < groups; ++g) {
    const Cohort& c = cs[g / 2];
    const bool male = g % 2 == 0;
    const auto q = analytic.table(
        male ? "demography.mortality_annual_male" : "demography.mortality_annual_female",
        kMaxAge + 1);
    for (std::size_t k = 0; k < c.horizons.size(); ++k) {
      const int to = c.age + c.horizons[k];
      double s = 1.0;  // life table: prod over a = x .. x + k - 1 of (1 - q_a)
      for (int a = c.age; a < to; ++a) s *= 1.0 - q[static_cast<std::size_t>(age_index(a))];
      std::int64_t alive = 0;
      for (const auto& rep : survivors) alive += rep[g][k];
      rows.push_back(row("survival",
                         "survival from age " + std::to_string(c.age) + " to " +
                             std::to_string(to) + (male ? ", men" : ", women"),
                         s, static_cast<double>(alive) / n, std::sqrt(s * (1.0 - s) / n), o.z));
    }
  }
  return rows;
}

std::vector<CheckRow> run_analytic_checks(const std::filesystem::path& data_dir,
                                          const AnalyticCheckOptions& options) {
  std::vector<CheckRow> rows = run_markov_checks(data_dir, options);
  std::vector<CheckRow> survival = run_survival_checks(data_dir, options);
  rows.insert(rows.end(), survival.begin(), survival.end());
  return rows;
}

}  // namespace leidensim
