#include "leidensim/parameter_register.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "leidensim/errors.hpp"
#include "leidensim/json_schema.hpp"
#include "leidensim/number_text.hpp"

namespace leidensim {

namespace {

/// Six significant digits, but whole numbers in full (1000000, not 1e+06: budgets are read).
std::string format_number(double v) {
  if (std::fabs(v) < 1e15 && v == std::floor(v)) return std::to_string(static_cast<long long>(v));
  std::ostringstream ss;
  ss.precision(6);
  ss << v;
  return ss.str();
}

}  // namespace

const char* to_string(ParameterKind k) {
  return k == ParameterKind::Model ? "model" : "measure";
}

std::string RegisterEntry::qualified_name() const {
  return measure.empty() ? parameter : measure + "." + parameter;
}

std::string register_value_text(const nlohmann::json& v, std::size_t max_items) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return format_number(v.get<double>());
  if (v.is_array() && v.size() > max_items &&
      std::all_of(v.begin(), v.end(), [](const nlohmann::json& x) { return x.is_number(); })) {
    double lo = INFINITY, hi = -INFINITY;
    for (const auto& x : v) {
      lo = std::min(lo, x.get<double>());
      hi = std::max(hi, x.get<double>());
    }
    return std::to_string(v.size()) + " values, " + format_number(lo) + "\u2013" +
           format_number(hi);
  }
  if (v.is_array() &&
      std::all_of(v.begin(), v.end(), [](const nlohmann::json& x) { return x.is_number(); })) {
    std::string out;
    for (const auto& x : v) out += (out.empty() ? "" : " ") + format_number(x.get<double>());
    return out;
  }
  if (v.is_array() &&
      std::all_of(v.begin(), v.end(), [](const nlohmann::json& x) { return x.is_string(); })) {
    std::string out;
    for (const auto& x : v) out += (out.empty() ? "" : ", ") + x.get<std::string>();
    return out;
  }
  return v.dump();
}

MeasureOverrides measure_overrides(const Scenario& s) {
  MeasureOverrides out;
  for (std::size_t i = 0; i < s.measures.size(); ++i) {
    const MeasureEntry& m = s.measures[i];
    if (!m.params.is_object()) continue;
    for (const auto& [key, value] : m.params.items())
      out[m.name][key] = s.where("/measures/" + std::to_string(i) + "/params/" + key);
  }
  return out;
}

ParameterRegister build_parameter_register(const ParameterSet& parameters,
                                           const std::vector<ModuleDescriptor>& measures,
                                           const MeasureParameterTable& pack,
                                           const MeasureOverrides& overrides) {
  ParameterRegister reg;
  for (const Parameter& p : parameters.all()) {
    RegisterEntry e;
    e.kind = ParameterKind::Model;
    e.parameter = p.name;
    e.value = p.values.size() == 1 ? nlohmann::json(p.values.front()) : nlohmann::json(p.values);
    e.value_text = register_value_text(e.value);
    e.unit = p.unit;
    e.quality = p.quality;
    e.source = p.source;
    e.note = p.note;
    e.overridden_by = p.overridden_by;
    reg.push_back(std::move(e));
  }
  for (const ModuleDescriptor& d : measures) {
    if (d.kind != ModuleKind::Plugin) continue;
    const auto props = d.parameter_schema.find("properties");
    if (props == d.parameter_schema.end()) continue;
    const auto set_by = overrides.find(d.name);
    // In the data pack's order (it groups a measure's parameters sensibly), then any property
    // the pack lacks.
    std::vector<std::string> order;
    for (const auto& row : pack.rows())
      if (row.measure == d.name && props->contains(row.parameter)) order.push_back(row.parameter);
    for (const auto& [name, sub] : props->items())
      if (std::find(order.begin(), order.end(), name) == order.end()) order.push_back(name);
    for (const std::string& name : order) {
      const nlohmann::json& sub = props->at(name);
      RegisterEntry e;
      e.kind = ParameterKind::Measure;
      e.measure = d.name;
      e.parameter = name;
      if (d.params.is_object() && d.params.contains(name))
        e.value = d.params.at(name);
      else if (sub.contains("default"))
        e.value = sub.at("default");
      e.value_text = register_value_text(e.value);
      if (const MeasureParameterRow* row = pack.find(d.name, name)) {
        e.unit = row->unit;
        e.quality = row->quality;
        e.source = row->source;
        e.note = row->note;
        e.low = row->low;
        e.high = row->high;
      } else {
        // Not documented by the data pack: the schema's description is all there is.
        e.note = sub.value("description", std::string());
      }
      if (set_by != overrides.end())
        if (auto it = set_by->second.find(name); it != set_by->second.end())
          e.overridden_by = it->second;
      reg.push_back(std::move(e));
    }
  }
  return reg;
}

nlohmann::json data_pack_params(const ModuleDescriptor& measure,
                                const MeasureParameterTable& pack) {
  nlohmann::json params = nlohmann::json::object();
  std::vector<std::string> errors = pack.fill(measure.name, measure.parameter_schema, params);
  for (const auto& e : validate_json(measure.parameter_schema, params, "/params"))
    errors.push_back(measure.name + (measure.library.empty() ? "" : " (" + measure.library + ")") +
                     ": " + e);
  if (!errors.empty()) {
    std::string all;
    for (const auto& e : errors) all += (all.empty() ? "" : "\n") + e;
    throw InputError(all);
  }
  return params;
}

std::vector<std::string> register_gaps(const ParameterRegister& reg) {
  std::vector<std::string> gaps;
  for (const auto& e : reg) {
    if (e.source.find_first_not_of(" \t") == std::string::npos)
      gaps.push_back(e.qualified_name() + ": no source");
    if (!e.quality) gaps.push_back(e.qualified_name() + ": no quality mark");
  }
  return gaps;
}

std::string register_value_full(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array() && !v.empty() &&
      std::all_of(v.begin(), v.end(), [](const nlohmann::json& x) { return x.is_number(); })) {
    std::string out;
    for (const auto& x : v) out += (out.empty() ? "" : " ") + number_text(x.get<double>());
    return out;
  }
  if (v.is_number_float()) return number_text(v.get<double>());
  return v.dump();
}

std::map<std::string, UncertaintyRange> uncertainty_ranges(const ParameterRegister& reg) {
  std::map<std::string, UncertaintyRange> out;
  for (const auto& e : reg)
    if (e.low && e.high)
      out[e.qualified_name()] = {e.kind, e.measure, e.parameter, *e.low, *e.high};
  return out;
}

}  // namespace leidensim
