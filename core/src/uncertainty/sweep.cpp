#include "leidensim/uncertainty/sweep.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "leidensim/errors.hpp"
#include "leidensim/json_schema.hpp"
#include "leidensim/ledger.hpp"
#include "leidensim/number_text.hpp"
#include "leidensim/synthesis/population_builder.hpp"
#include "leidensim/uncertainty/latin_hypercube.hpp"

namespace leidensim::uncertainty {

namespace {

[[noreturn]] void bad_vary(const std::string& text, const std::string& what) {
  throw InputError(input_error_message("", "--vary", "\"" + text + "\": " + what));
}

bool parse_double(const std::string& s, double& out) {
  const char* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, out);
  return !s.empty() && ec == std::errc() && ptr == end && std::isfinite(out);
}

/// The measure of `spec` whose name prefixes `qualified` ("jobcoach." in
/// "jobcoach.outflow_multiplier"), or null.
const ModuleDescriptor* measure_of(const ModelSpec& spec, const std::string& qualified) {
  for (const auto& d : spec.modules)
    if (d.kind == ModuleKind::Plugin && qualified.size() > d.name.size() + 1 &&
        qualified.compare(0, d.name.size(), d.name) == 0 && qualified[d.name.size()] == '.')
      return &d;
  return nullptr;
}

/// Whether a schema property takes numbers, and whether only whole ones.
struct NumberType {
  bool number = false;
  bool integer = false;
};
NumberType number_type(const nlohmann::json& property) {
  NumberType t;
  if (!property.contains("type")) return t;
  std::vector<std::string> types;
  const auto& ty = property["type"];
  if (ty.is_string()) types.push_back(ty.get<std::string>());
  if (ty.is_array())
    for (const auto& x : ty)
      if (x.is_string()) types.push_back(x.get<std::string>());
  const bool has_number = std::find(types.begin(), types.end(), "number") != types.end();
  const bool has_integer = std::find(types.begin(), types.end(), "integer") != types.end();
  t.number = has_number || has_integer;
  t.integer = has_integer && !has_number;
  return t;
}

nlohmann::json measure_value(double v, bool integer) {
  if (integer) return static_cast<std::int64_t>(std::llround(v));
  return v;
}

const Parameter* model_parameter(const ModelSpec& spec, const std::string& name) {
  // all(), not info(): a lookup would mark the parameter as used, and "used right after
  // make_model_spec" is how a caller tells which parameters shape the base population.
  for (const auto& p : spec.parameters.all())
    if (p.name == name) return &p;
  return nullptr;
}

/// Checks a range against the parameter's valid range; fills kind, measure, parameter, integer.
SweepParameter resolve_vary(const ModelSpec& spec, const VaryRange& v) {
  SweepParameter p;
  p.name = v.name;
  p.low = v.low;
  p.high = v.high;
  p.origin = "--vary";
  if (const ModuleDescriptor* d = measure_of(spec, v.name)) {
    p.kind = ParameterKind::Measure;
    p.measure = d->name;
    p.parameter = v.name.substr(d->name.size() + 1);
    const auto& props = d->parameter_schema.value("properties", nlohmann::json::object());
    if (!props.contains(p.parameter))
      bad_vary(v.text, "measure " + d->name + " has no parameter \"" + p.parameter + "\"");
    const NumberType t = number_type(props[p.parameter]);
    if (!t.number)
      bad_vary(v.text, p.name + " is not a number (its schema type is " +
                           props[p.parameter].value("type", nlohmann::json("none")).dump() + ")");
    p.integer = t.integer;
    for (double end : {v.low, v.high}) {
      nlohmann::json params = d->params;
      params[p.parameter] = measure_value(end, p.integer);
      const auto errors = validate_json(d->parameter_schema, params, "");
      if (!errors.empty()) bad_vary(v.text, "value " + number_text(end) + ": " + errors.front());
    }
    return p;
  }
  if (const Parameter* m = model_parameter(spec, v.name)) {
    p.kind = ParameterKind::Model;
    p.parameter = v.name;
    if (m->values.size() != 1)
      bad_vary(v.text, v.name + " is a table of " + std::to_string(m->values.size()) +
                           " values; only single-valued parameters can be varied");
    if (v.low < m->min || v.high > m->max)
      bad_vary(v.text, "range outside the valid range [" + number_text(m->min) + ", " +
                           number_text(m->max) + "] of " + v.name);
    return p;
  }
  std::string measures;
  for (const auto& d : spec.modules)
    if (d.kind == ModuleKind::Plugin) measures += (measures.empty() ? "" : ", ") + d.name;
  bad_vary(v.text, "unknown parameter \"" + v.name +
                       "\": neither a model parameter of the data pack nor a parameter of the "
                       "scenario's measures (" +
                       (measures.empty() ? std::string("it has none") : measures) + ")");
}

}  // namespace

VaryRange parse_vary(const std::string& text) {
  VaryRange v;
  v.text = text;
  const auto eq = text.find('=');
  const auto colon = eq == std::string::npos ? eq : text.find(':', eq + 1);
  if (eq == std::string::npos || eq == 0 || colon == std::string::npos)
    bad_vary(text, "expected NAME=LOW:HIGH, e.g. jobcoach.outflow_multiplier=1.0:1.6");
  v.name = text.substr(0, eq);
  if (!parse_double(text.substr(eq + 1, colon - eq - 1), v.low))
    bad_vary(text, "LOW is not a number");
  if (!parse_double(text.substr(colon + 1), v.high)) bad_vary(text, "HIGH is not a number");
  if (v.low > v.high) bad_vary(text, "LOW is above HIGH");
  return v;
}

std::vector<SweepParameter> sweep_parameters(const ModelSpec& scenario,
                                             const ParameterRegister& reg,
                                             const std::vector<VaryRange>& vary,
                                             bool default_ranges) {
  std::vector<SweepParameter> out;
  if (default_ranges)
    for (const auto& [name, r] : uncertainty_ranges(reg)) {
      if (r.kind != ParameterKind::Measure) continue;
      const ModuleDescriptor* d = measure_of(scenario, name);
      if (!d || d->name != r.measure) continue;
      SweepParameter p;
      p.name = name;
      p.kind = ParameterKind::Measure;
      p.measure = r.measure;
      p.parameter = r.parameter;
      p.low = r.low;
      p.high = r.high;
      const auto& props = d->parameter_schema.value("properties", nlohmann::json::object());
      if (props.contains(r.parameter)) p.integer = number_type(props[r.parameter]).integer;
      p.origin = "data pack";
      out.push_back(std::move(p));
    }
  for (const auto& v : vary) {
    SweepParameter p = resolve_vary(scenario, v);
    auto same = std::find_if(out.begin(), out.end(),
                             [&](const SweepParameter& q) { return q.name == p.name; });
    if (same != out.end())
      *same = std::move(p);
    else
      out.push_back(std::move(p));
  }
  if (out.empty())
    throw InputError(
        default_ranges
            ? "nothing to vary: the scenario's measures have no parameter with an uncertainty "
              "range in the data pack; give ranges with --vary NAME=LOW:HIGH"
            : "nothing to vary: --no-default-ranges needs at least one --vary NAME=LOW:HIGH");
  return out;
}

SweepDesign make_design(std::vector<SweepParameter> parameters, int samples, std::uint64_t seed) {
  SweepDesign d;
  d.seed = seed;
  const auto u = latin_hypercube(samples, static_cast<int>(parameters.size()), seed);
  for (const auto& row : u) {
    std::vector<double> values;
    for (std::size_t j = 0; j < parameters.size(); ++j) {
      const auto& p = parameters[j];
      double v = p.low == p.high ? p.low : p.low + row[j] * (p.high - p.low);
      if (p.integer) v = std::round(v);
      values.push_back(std::clamp(v, p.low, p.high));
    }
    d.values.push_back(std::move(values));
  }
  d.parameters = std::move(parameters);
  return d;
}

ModelSpec sample_spec(const ModelSpec& scenario, const SweepDesign& design, int sample,
                      const std::set<std::string>& synthesis_reads) {
  ModelSpec spec = scenario;
  bool resynthesise = false;
  const std::string origin = "sweep sample " + std::to_string(sample);
  for (std::size_t j = 0; j < design.parameters.size(); ++j) {
    const SweepParameter& p = design.parameters[j];
    const double v = design.values[static_cast<std::size_t>(sample)][j];
    if (p.kind == ParameterKind::Model) {
      spec.parameters.override_values(p.parameter, {v}, origin + ": " + p.name);
      resynthesise = resynthesise || synthesis_reads.count(p.parameter) != 0;
      continue;
    }
    auto d = std::find_if(spec.modules.begin(), spec.modules.end(), [&](const ModuleDescriptor& m) {
      return m.kind == ModuleKind::Plugin && m.name == p.measure;
    });
    if (d == spec.modules.end()) continue;  // e.g. the base, without the scenario's measure
    d->params[p.parameter] = measure_value(v, p.integer);
    const auto errors = validate_json(d->parameter_schema, d->params, "/params");
    if (!errors.empty()) throw InputError(input_error_message(origin, p.name, errors.front()));
  }
  if (resynthesise) {
    auto built = build_population(spec.data_dir, spec.parameters, spec.seed, spec.scale,
                                  spec.reference.year);
    spec.districts = built.districts;
    spec.base_population = std::make_shared<const Population>(std::move(built.population));
  }
  return spec;
}

bool design_applies(const ModelSpec& spec, const SweepDesign& design) {
  for (const auto& p : design.parameters) {
    if (p.kind == ParameterKind::Model) return true;
    for (const auto& d : spec.modules)
      if (d.kind == ModuleKind::Plugin && d.name == p.measure) return true;
  }
  return false;
}

const std::vector<SweepIndicator>& sweep_indicators() {
  static const std::vector<SweepIndicator> list = {
      {"bijstand", "persons"},
      {"employed", "persons"},
      {"households_in_poverty", "households"},
      {"children_in_poverty", "persons"},
      {"problematic_debt", "households"},
      {"jeugdhulp", "persons"},
      {"wmo", "persons"},
      {"budget_total", "EUR a year"},
  };
  return list;
}

std::vector<double> sweep_indicator_values(const ReplicationResult& run) {
  static const Indicator stocks[] = {Indicator::Bijstand,
                                     Indicator::Employed,
                                     Indicator::HouseholdsInPoverty,
                                     Indicator::ChildrenInPoverty,
                                     Indicator::ProblematicDebt,
                                     Indicator::Jeugdhulp,
                                     Indicator::Wmo};
  const int years = (run.indicators.months() + 11) / 12;
  std::vector<double> out;
  for (Indicator i : stocks) {
    double sum = 0;
    for (int y = 0; y < years; ++y) sum += static_cast<double>(run.indicators.yearly_city(y, i));
    out.push_back(years > 0 ? sum / years : 0.0);
  }
  std::int64_t cents = 0;  // exact in integer cents, then one division
  for (int y = 0; y < years; ++y)
    for (int p = 0; p < kProgrammes; ++p) cents += run.ledger.yearly_programme(y, Programme(p));
  out.push_back(years > 0 ? static_cast<double>(cents) / 100.0 / years : 0.0);
  return out;
}

SweepResult analyse_sweep(SweepDesign design, int years,
                          const std::vector<std::vector<std::vector<double>>>& base,
                          const std::vector<std::vector<std::vector<double>>>& samples) {
  const std::size_t K = sweep_indicators().size();
  const std::size_t S = samples.size();
  if (S != design.values.size() || base.size() != S)
    throw std::invalid_argument("analyse_sweep: one set of runs per sample of the design");
  const std::size_t R = S ? samples.front().size() : 0;
  SweepResult res;
  res.replications = static_cast<int>(R);
  res.years = years;
  res.effects.assign(K, std::vector<std::vector<double>>(S, std::vector<double>(R)));
  for (std::size_t k = 0; k < K; ++k) {
    double sum = 0;
    for (std::size_t s = 0; s < S; ++s) {
      if (samples[s].size() != R || base[s].size() != R)
        throw std::invalid_argument("analyse_sweep: every sample needs the same replications");
      for (std::size_t r = 0; r < R; ++r) {
        res.effects[k][s][r] = samples[s][r].at(k) - base[s][r].at(k);
        sum += base[s][r].at(k);
      }
    }
    res.base_means.push_back(S > 0 && R > 0 ? sum / static_cast<double>(S * R) : 0.0);
    res.decomposition.push_back(decompose(res.effects[k]));
    res.sensitivity.push_back(sensitivity(design.values, res.decomposition.back().sample_means));
  }
  res.design = std::move(design);
  return res;
}

SweepResult run_sweep(const ModelSpec& base, const ModelSpec& scenario,
                      const std::set<std::string>& synthesis_reads, SweepDesign design,
                      int replications, const ProgressCallback& progress) {
  if (base.seed != scenario.seed || !(base.start == scenario.start) ||
      base.horizon_months != scenario.horizon_months || base.districts != scenario.districts)
    throw std::invalid_argument(
        "run_sweep: base and scenario differ in seed, start, horizon or districts");
  if (replications < 2 || design.samples() < 2)
    throw std::invalid_argument("run_sweep: needs at least 2 replications and 2 samples");
  const int S = design.samples();
  const auto R = static_cast<std::size_t>(replications);
  // A varied parameter is a fact about the world, so it takes its sampled value on both sides
  // of the comparison wherever it exists: the base runs once per sample too if it has any of
  // them (a model parameter, or a measure it shares with the scenario), else once for all.
  const bool base_varies = design_applies(base, design);
  std::vector<ModelSpec> bases, specs;
  specs.reserve(static_cast<std::size_t>(S));
  for (int s = 0; s < S; ++s) {
    specs.push_back(sample_spec(scenario, design, s, synthesis_reads));
    if (base_varies) bases.push_back(sample_spec(base, design, s, synthesis_reads));
  }
  // Runs: the base's replications (once, or per sample), then each sample's. Each run is
  // reduced to its indicator values as soon as it ends, so memory does not grow with samples x
  // replications x months.
  std::vector<RunPlan> plans;
  auto add = [&](const ModelSpec& spec) {
    for (std::size_t r = 0; r < R; ++r) plans.push_back({&spec, static_cast<std::uint32_t>(r)});
  };
  if (base_varies)
    for (const auto& b : bases) add(b);
  else
    add(base);
  const std::size_t first_sample = plans.size();
  for (const auto& spec : specs) add(spec);
  std::vector<std::vector<double>> values(plans.size());
  std::mutex progress_mutex;
  int done = 0;
  const int total = static_cast<int>(plans.size());
  tbb::parallel_for(std::size_t{0}, plans.size(), [&](std::size_t k) {
    const auto runs = run_plans({plans[k]});
    values[k] = sweep_indicator_values(runs.front());
    if (progress) {
      std::lock_guard<std::mutex> lock(progress_mutex);
      progress(++done, total);
    }
  });
  std::vector<std::vector<std::vector<double>>> base_values(static_cast<std::size_t>(S)),
      sample_values(static_cast<std::size_t>(S));
  for (std::size_t s = 0; s < static_cast<std::size_t>(S); ++s)
    for (std::size_t r = 0; r < R; ++r) {
      base_values[s].push_back(values[(base_varies ? s * R : 0) + r]);
      sample_values[s].push_back(values[first_sample + s * R + r]);
    }
  return analyse_sweep(std::move(design), scenario.horizon_months / 12, base_values, sample_values);
}

}  // namespace leidensim::uncertainty
