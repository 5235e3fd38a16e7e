#include "leidensim/scenario.hpp"

#include <algorithm>
#include <fstream>
#include <regex>

#include "leidensim/errors.hpp"
#include "leidensim/json_schema.hpp"
#include "leidensim/synthesis/population_builder.hpp"

namespace leidensim {

namespace {

class Reader {
 public:
  Reader(const nlohmann::json& j, std::string file) : j_(j), file_(std::move(file)) {}

  [[noreturn]] void fail(const std::string& path, const std::string& msg) const {
    throw InputError(input_error_message(file_, path, msg));
  }
  const nlohmann::json* get(const std::string& key) const {
    auto it = j_.find(key);
    return it == j_.end() ? nullptr : &*it;
  }
  std::string string(const std::string& key, const std::string& fallback) const {
    const auto* v = get(key);
    if (!v) return fallback;
    if (!v->is_string()) fail("/" + key, "expected a string, found " + std::string(v->type_name()));
    return v->get<std::string>();
  }
  double number(const std::string& key, double fallback, double lo, double hi) const {
    const auto* v = get(key);
    if (!v) return fallback;
    if (!v->is_number()) fail("/" + key, "expected a number, found " + std::string(v->type_name()));
    const double x = v->get<double>();
    if (!(x >= lo && x <= hi))
      fail("/" + key, "value " + v->dump() + " outside [" + nlohmann::json(lo).dump() + ", " +
                          nlohmann::json(hi).dump() + "]");
    return x;
  }
  std::int64_t integer(const std::string& key, std::int64_t fallback, std::int64_t lo,
                       std::int64_t hi) const {
    const auto* v = get(key);
    if (!v) return fallback;
    if (!v->is_number_integer())
      fail("/" + key, "expected an integer, found " + std::string(v->type_name()));
    const auto x = v->is_number_unsigned() ? static_cast<std::int64_t>(v->get<std::uint64_t>())
                                           : v->get<std::int64_t>();
    if (x < lo || x > hi)
      fail("/" + key, "value " + v->dump() + " outside [" + std::to_string(lo) + ", " +
                          std::to_string(hi) + "]");
    return x;
  }

 private:
  const nlohmann::json& j_;
  std::string file_;
};

}  // namespace

Scenario Scenario::load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw InputError(input_error_message(file.string(), "", "cannot open file"));
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(
        input_error_message(file.string(), "", std::string("invalid JSON: ") + e.what()));
  }
  return parse(j, file);
}

Scenario Scenario::parse(const nlohmann::json& j, const std::filesystem::path& file) {
  const std::string f = file.string();
  Reader r(j, f);
  if (!j.is_object()) r.fail("", "expected a JSON object at the top level");
  static const std::vector<std::string> known = {"name",         "description", "data",   "seed",
                                                 "replications", "start",       "years",  "scale",
                                                 "parameters",   "measures",    "$schema"};
  for (const auto& [k, v] : j.items())
    if (std::find(known.begin(), known.end(), k) == known.end())
      r.fail("/" + k,
             "unknown key (known: name, description, data, seed, replications, start, "
             "years, scale, parameters, measures)");
  Scenario s;
  s.file = file;
  s.json = j;
  s.name = r.string("name", file.stem().string());
  if (!std::regex_match(s.name, std::regex("[A-Za-z0-9_.-]+")))
    r.fail("/name", "use letters, digits, '_', '.' and '-' only");
  s.description = r.string("description", "");
  const auto base = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  s.data_dir = base / r.string("data", "../data/leiden");
  s.seed = static_cast<std::uint64_t>(r.integer("seed", 20240101, 0, INT64_MAX));
  s.replications = static_cast<int>(r.integer("replications", 5, 1, 10000));
  if (const auto* v = r.get("start")) {
    if (!v->is_string()) r.fail("/start", "expected a month as \"YYYY-MM\"");
    s.start = YearMonth::parse(v->get<std::string>(), f + ": /start");
  }
  s.years = static_cast<int>(r.integer("years", 30, 1, 200));
  s.scale = r.number("scale", 1.0, 1e-6, 1000.0);
  if (const auto* v = r.get("parameters")) {
    if (!v->is_object()) r.fail("/parameters", "expected an object of name: value");
    for (const auto& [name, value] : v->items()) {
      ParameterOverride o{name, {}, f + ": /parameters/" + name};
      if (value.is_number()) {
        o.values.push_back(value.get<double>());
      } else if (value.is_array()) {
        for (const auto& x : value) {
          if (!x.is_number())
            r.fail("/parameters/" + name, "expected a number or a list of numbers");
          o.values.push_back(x.get<double>());
        }
      } else {
        r.fail("/parameters/" + name, "expected a number or a list of numbers");
      }
      s.parameters.push_back(std::move(o));
    }
  }
  if (const auto* v = r.get("measures")) {
    if (!v->is_array()) r.fail("/measures", "expected a list");
    for (std::size_t i = 0; i < v->size(); ++i) {
      const auto& m = (*v)[i];
      const std::string at = "/measures/" + std::to_string(i);
      if (!m.is_object()) r.fail(at, "expected an object {\"name\": ..., \"params\": {...}}");
      MeasureEntry e;
      e.path = f + ": " + at;
      for (const auto& [k, val] : m.items()) {
        if (k == "name" && val.is_string())
          e.name = val.get<std::string>();
        else if (k == "plugin" && val.is_string())
          e.plugin = base / val.get<std::string>();
        else if (k == "params" && val.is_object())
          e.params = val;
        else if (k == "name" || k == "plugin" || k == "params")
          r.fail(at + "/" + k, k == "params" ? "expected an object" : "expected a string");
        else
          r.fail(at + "/" + k, "unknown key (known: name, plugin, params)");
      }
      if (e.name.empty()) r.fail(at + "/name", "missing");
      s.measures.push_back(std::move(e));
    }
  }
  return s;
}

ModelSpec make_model_spec(const Scenario& s, const ModuleRegistry& registry,
                          const PluginLoader& loader,
                          const std::vector<ModuleDescriptor>& preloaded) {
  ModelSpec spec;
  spec.data_dir = s.data_dir;
  if (!std::filesystem::is_directory(s.data_dir))
    throw InputError(input_error_message(s.file.string(), "/data",
                                         "data pack folder not found: " + s.data_dir.string()));
  spec.parameters = ParameterSet::load(s.data_dir / "parameters.csv");
  for (const auto& o : s.parameters) spec.parameters.override_values(o.name, o.values, o.origin);
  spec.seed = s.seed;
  spec.scale = s.scale;
  spec.start = s.start;
  spec.horizon_months = 12 * s.years;
  if (spec.warmup_months() < 0)
    throw InputError(input_error_message(
        s.file.string(), "/start",
        "must not be before the population's reference month " + spec.reference.to_string()));
  auto built = build_population(s.data_dir, spec.parameters, s.seed, s.scale);
  spec.districts = built.districts;
  spec.base_population = std::make_shared<const Population>(std::move(built.population));
  spec.modules = registry.all();
  ModuleRegistry names = registry;  // for collisions between measures and with built-ins
  for (const MeasureEntry& m : s.measures) {
    ModuleDescriptor d;
    auto pre = std::find_if(preloaded.begin(), preloaded.end(),
                            [&](const ModuleDescriptor& p) { return p.name == m.name; });
    if (!m.plugin.empty())
      d = PluginLoader::load_file(m.plugin);
    else if (pre != preloaded.end())
      d = *pre;
    else {
      try {
        d = loader.load_by_name(m.name);
      } catch (const InputError& e) {
        throw InputError(m.path + "/name: " + e.what());
      }
    }
    if (d.name != m.name)
      throw InputError(m.path + "/name: \"" + m.name + "\", but " + d.library + " provides \"" +
                       d.name + "\"");
    if (const ModuleDescriptor* taken = names.find(d.name))
      throw InputError(m.path + "/name: \"" + d.name + "\" is already taken by " +
                       (taken->kind == ModuleKind::BuiltIn ? "a built-in module"
                                                           : "another measure in this scenario") +
                       " (" + (d.library.empty() ? d.name : d.library) + ")");
    d.params = m.params;
    const auto errors = validate_json(d.parameter_schema, d.params, "/params");
    if (!errors.empty()) {
      std::string all;
      for (const auto& e : errors) all += (all.empty() ? "" : "; ") + m.path + e;
      throw InputError(all);
    }
    names.add(d);
    spec.modules.push_back(std::move(d));
  }
  return spec;
}

}  // namespace leidensim
