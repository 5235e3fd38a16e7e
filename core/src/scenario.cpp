#include "leidensim/scenario.hpp"

#include <algorithm>
#include <fstream>
#include <optional>
#include <regex>

#include "leidensim/errors.hpp"
#include "leidensim/json_schema.hpp"
#include "leidensim/measure_parameters.hpp"
#include "leidensim/synthesis/population_builder.hpp"

namespace leidensim {

namespace fs = std::filesystem;
using nlohmann::json;

const std::vector<std::string>& scenario_keys() {
  static const std::vector<std::string> keys = {
      "$schema",         "extends", "name",  "description", "data",       "seed",    "replications",
      "population_year", "start",   "years", "scale",       "parameters", "measures"};
  return keys;
}

namespace {

// The measures that can run together (two bits each of Population::measure_bits).
constexpr std::size_t kMaxMeasures = 16;

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

// ---- "extends": reading the chain of files and merging it ----

std::optional<json> read_json(const fs::path& file, const std::string& referrer,
                              std::vector<std::string>& errors) {
  std::ifstream in(file);
  if (!in) {
    errors.push_back(referrer.empty() ? input_error_message(file.string(), "", "cannot open file")
                                      : referrer + "cannot open \"" + file.string() + "\"");
    return std::nullopt;
  }
  try {
    return json::parse(in);
  } catch (const json::parse_error& e) {
    errors.push_back(
        input_error_message(file.string(), "", std::string("invalid JSON: ") + e.what()));
    return std::nullopt;
  }
}

fs::path identity(const fs::path& file) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(file, ec);
  return ec ? file.lexically_normal() : p;
}

struct Resolved {
  json value = json::object();
  std::map<std::string, fs::path> origins;  // JSON path -> file that set it
  std::vector<fs::path> extends;            // nearest first
};

void forget_below(std::map<std::string, fs::path>& origins, const std::string& path) {
  const std::string prefix = path + "/";
  for (auto it = origins.lower_bound(prefix);
       it != origins.end() && it->first.compare(0, prefix.size(), prefix) == 0;)
    it = origins.erase(it);
}

// The file that set the value at `path`: that of the path or of its nearest parent listed.
fs::path nearest(const std::map<std::string, fs::path>& origins, std::string path,
                 const fs::path& fallback) {
  for (;;) {
    if (auto it = origins.find(path); it != origins.end()) return it->second;
    if (path.empty()) return fallback;
    const auto slash = path.rfind('/');
    path.erase(slash == std::string::npos ? 0 : slash);
  }
}

// Objects merge key by key; anything else replaces. `origins` records, for every value `over`
// sets, that `file` set it.
void merge(json& base, const json& over, const std::string& path, const fs::path& file,
           std::map<std::string, fs::path>& origins) {
  for (const auto& [k, v] : over.items()) {
    const std::string at = path + "/" + k;
    auto it = base.find(k);
    if (it != base.end() && it->is_object() && v.is_object()) {
      // The keys that stay keep the file that set them.
      const fs::path before = nearest(origins, at, file);
      for (const auto& [kept, unused] : it->items()) origins.try_emplace(at + "/" + kept, before);
      merge(*it, v, at, file, origins);
    } else {
      base[k] = v;
      forget_below(origins, at);
      origins[at] = file;
    }
  }
}

// Resolves `j`, the content of `file`; `chain` holds the files being resolved (for cycles).
// Returns false if `j` is not an object.
bool resolve(const json& j, const fs::path& file, std::vector<std::pair<fs::path, fs::path>>& chain,
             Resolved& out, std::vector<std::string>& errors) {
  if (!j.is_object()) {
    errors.push_back(
        input_error_message(file.string(), "", "expected a JSON object at the top level"));
    return false;
  }
  out = Resolved{};
  if (auto e = j.find("extends"); e != j.end()) {
    const std::string here = input_error_message(file.string(), "/extends", "");
    if (!e->is_string() || e->get<std::string>().empty()) {
      errors.push_back(here + "expected the name of a scenario file, relative to this one");
    } else {
      const fs::path parent = file.parent_path() / e->get<std::string>();
      const fs::path id = identity(parent);
      chain.emplace_back(identity(file), file.lexically_normal());
      const auto seen =
          std::find_if(chain.begin(), chain.end(), [&](const auto& c) { return c.first == id; });
      if (seen != chain.end()) {
        std::string cycle;
        for (auto it = seen; it != chain.end(); ++it) cycle += it->second.string() + " -> ";
        errors.push_back(here + "\"extends\" goes round in a cycle: " + cycle +
                         parent.lexically_normal().string());
      } else if (auto pj = read_json(parent, here, errors)) {
        if (resolve(*pj, parent, chain, out, errors)) {
          // Keys that belong to one file and are not inherited.
          for (const char* k : {"name", "description", "$schema"}) {
            out.value.erase(k);
            out.origins.erase(std::string("/") + k);
            forget_below(out.origins, std::string("/") + k);
          }
          out.extends.insert(out.extends.begin(), parent);
        } else {
          out = Resolved{};
        }
      }
      chain.pop_back();
    }
  }
  json own = j;
  own.erase("extends");
  merge(out.value, own, "", file, out.origins);
  out.origins[""] = file;
  return true;
}

// ---- reading the resolved content, collecting every problem ----

// The file that set the value at `path`.
fs::path defining_file(const Scenario& s, const std::string& path) {
  return nearest(s.origins, path, s.file);
}

// " (inherited by child.json)" when the value at `path` comes from a file being extended.
std::string inherited(const Scenario& s, const std::string& path) {
  return defining_file(s, path) == s.file ? "" : " (inherited by " + s.file.string() + ")";
}

class Reader {
 public:
  Reader(Scenario& s, std::vector<std::string>& errors) : s_(s), errors_(errors) {}

  void fail(const std::string& path, const std::string& msg) const {
    errors_.push_back(s_.where(path) + ": " + msg + inherited(s_, path));
  }
  const json* get(const std::string& key) const {
    auto it = s_.json.find(key);
    return it == s_.json.end() ? nullptr : &*it;
  }
  std::string string(const std::string& key, const std::string& fallback) const {
    const auto* v = get(key);
    if (!v) return fallback;
    if (!v->is_string()) {
      fail("/" + key, "expected a string, found " + std::string(v->type_name()));
      return fallback;
    }
    return v->get<std::string>();
  }
  double number(const std::string& key, double fallback, double lo, double hi) const {
    const auto* v = get(key);
    if (!v) return fallback;
    if (!v->is_number()) {
      fail("/" + key, "expected a number, found " + std::string(v->type_name()));
      return fallback;
    }
    const double x = v->get<double>();
    if (!(x >= lo && x <= hi)) {
      fail("/" + key,
           "value " + v->dump() + " outside [" + json(lo).dump() + ", " + json(hi).dump() + "]");
      return fallback;
    }
    return x;
  }
  std::int64_t integer(const std::string& key, std::int64_t fallback, std::int64_t lo,
                       std::int64_t hi) const {
    const auto* v = get(key);
    if (!v) return fallback;
    if (!v->is_number_integer()) {
      fail("/" + key, "expected an integer, found " + std::string(v->type_name()) +
                          (v->is_primitive() ? " " + v->dump() : ""));
      return fallback;
    }
    if (v->is_number_unsigned() &&
        v->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
      fail("/" + key, "value " + v->dump() + " outside [" + std::to_string(lo) + ", " +
                          std::to_string(hi) + "]");
      return fallback;
    }
    const auto x = v->is_number_unsigned() ? static_cast<std::int64_t>(v->get<std::uint64_t>())
                                           : v->get<std::int64_t>();
    if (x < lo || x > hi) {
      fail("/" + key, "value " + v->dump() + " outside [" + std::to_string(lo) + ", " +
                          std::to_string(hi) + "]");
      return fallback;
    }
    return x;
  }
  // The folder relative paths at `path` are taken from: that of the file that set them.
  fs::path base_of(const std::string& path) const {
    const fs::path f = defining_file(s_, path);
    return f.has_parent_path() ? f.parent_path() : fs::path(".");
  }

 private:
  Scenario& s_;
  std::vector<std::string>& errors_;
};

void read_content(Scenario& s) {
  Reader r(s, s.errors);
  for (const auto& [k, v] : s.json.items())
    if (std::find(scenario_keys().begin(), scenario_keys().end(), k) == scenario_keys().end()) {
      std::string known;
      for (const auto& key : scenario_keys()) known += (known.empty() ? "" : ", ") + key;
      r.fail("/" + k, "unknown key (known: " + known + ")");
    }
  s.name = r.string("name", s.file.stem().string());
  if (!std::regex_match(s.name, std::regex("[A-Za-z0-9_.-]+")))
    r.fail("/name", s.json.contains("name")
                        ? "\"" + s.name + "\": use letters, digits, '_', '.' and '-' only"
                        : "missing, and the file name \"" + s.name +
                              "\" is not a valid name (letters, digits, '_', '.' and '-')");
  s.description = r.string("description", "");
  s.data_dir = r.base_of("/data") / r.string("data", "../data/leiden");
  if (const auto* v = r.get("data"); v && !v->is_string()) s.data_dir.clear();
  s.seed = static_cast<std::uint64_t>(r.integer("seed", 20240101, 0, INT64_MAX));
  s.replications = static_cast<int>(r.integer("replications", 5, 1, 10000));
  s.population_year = static_cast<int>(r.integer("population_year", kPackYear, 1900, kPackYear));
  // Without an explicit start, reporting begins a year after the population's date.
  s.start = YearMonth{s.population_year + 1, 1};
  if (const auto* v = r.get("start")) {
    if (!v->is_string()) {
      r.fail("/start", "expected a month as \"YYYY-MM\", found " + std::string(v->type_name()));
    } else {
      try {
        s.start = YearMonth::parse(v->get<std::string>(), "");
      } catch (const InputError& e) {
        r.fail("/start", e.what());
      }
    }
  }
  s.years = static_cast<int>(r.integer("years", 30, 1, 200));
  s.scale = r.number("scale", 1.0, 1e-6, 1000.0);
  if (const auto* v = r.get("parameters")) {
    if (!v->is_object()) r.fail("/parameters", "expected an object of name: value");
    static const json none = json::object();
    for (const auto& [name, value] : (v->is_object() ? *v : none).items()) {
      const std::string at = "/parameters/" + name;
      ParameterOverride o{name, {}, s.where(at)};
      bool ok = true;
      if (value.is_number()) {
        o.values.push_back(value.get<double>());
      } else if (value.is_array()) {  // the data pack checks the length
        for (const auto& x : value) {
          ok = ok && x.is_number();
          if (x.is_number()) o.values.push_back(x.get<double>());
        }
      } else {
        ok = false;
      }
      if (ok)
        s.parameters.push_back(std::move(o));
      else
        r.fail(at, "expected a number or a list of numbers, found " + value.dump());
    }
  }
  if (const auto* v = r.get("measures")) {
    if (!v->is_array()) r.fail("/measures", "expected a list");
    for (std::size_t i = 0; v->is_array() && i < v->size(); ++i) {
      const auto& m = (*v)[i];
      const std::string at = "/measures/" + std::to_string(i);
      if (!m.is_object()) {
        r.fail(at, "expected an object {\"name\": ..., \"params\": {...}}");
        continue;
      }
      MeasureEntry e;
      e.path = s.where(at);
      bool ok = true;
      for (const auto& [k, val] : m.items()) {
        if (k == "name" && val.is_string())
          e.name = val.get<std::string>();
        else if (k == "plugin" && val.is_string())
          e.plugin = r.base_of(at) / val.get<std::string>();
        else if (k == "params" && val.is_object())
          e.params = val;
        else if (k == "name" || k == "plugin" || k == "params") {
          r.fail(at + "/" + k, k == "params" ? "expected an object" : "expected a string");
          ok = ok && k == "params";
        } else
          r.fail(at + "/" + k, "unknown key (known: name, plugin, params)");
      }
      if (e.name.empty() && ok) {
        r.fail(at + "/name", "missing");
        ok = false;
      }
      if (ok) s.measures.push_back(std::move(e));
    }
  }
}

// ---- checks against the data pack and the measures ----

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> d(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) d[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = d[0];
    d[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = d[j];
      d[j] = std::min({d[j] + 1, d[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return d[b.size()];
}

struct Checked {
  std::vector<std::string> errors;
  ParameterSet parameters;
  MeasureParameterTable pack;  // the data pack's measure parameters
  std::vector<ModuleDescriptor> measures;
};

Checked check(const Scenario& s, const ModuleRegistry& registry, const PluginLoader& loader,
              const std::vector<ModuleDescriptor>& preloaded) {
  Checked c;
  c.errors = s.errors;
  auto& errors = c.errors;
  // Data pack and parameters.
  if (s.data_dir.empty()) {
    if (s.errors.empty()) errors.push_back(s.where("/data") + ": no data pack given");
  } else if (!fs::is_directory(s.data_dir)) {
    errors.push_back(s.where("/data") + ": data pack folder not found: " + s.data_dir.string() +
                     inherited(s, "/data"));
  } else {
    bool loaded = false;
    try {
      c.parameters = ParameterSet::load(s.data_dir / "parameters.csv");
      loaded = true;
    } catch (const InputError& e) {
      errors.push_back(s.where("/data") + ": " + e.what() + inherited(s, "/data"));
    }
    try {
      c.pack = MeasureParameterTable::load_pack(s.data_dir);
    } catch (const InputError& e) {
      errors.push_back(e.what());  // names the file, the line and the column
    }
    for (const auto& o : loaded ? s.parameters : std::vector<ParameterOverride>{}) {
      const std::string note = inherited(s, "/parameters/" + o.name);
      if (!c.parameters.contains(o.name)) {
        std::string near;
        int suggestions = 0;
        for (const auto& p : c.parameters.all())
          if (suggestions < 3 && edit_distance(p.name, o.name) <= 3)
            near += (suggestions++ ? ", " : "") + p.name;
        errors.push_back(input_error_message(
            o.origin, "",
            "unknown parameter \"" + o.name + "\"" +
                (near.empty() ? " (see " + (s.data_dir / "parameters.csv").string() + ")"
                              : " (did you mean " + near + "?)") +
                note));
        continue;
      }
      try {
        c.parameters.override_values(o.name, o.values, o.origin);
      } catch (const InputError& e) {
        errors.push_back(e.what() + note);
      }
    }
  }
  const YearMonth reference{s.population_year, 1};
  if (s.population_year != kPackYear && c.parameters.contains("population.share_0_17")) {
    try {
      PopulationTargets::load(s.data_dir, c.parameters, s.population_year);
    } catch (const InputError& e) {
      errors.push_back(s.where("/population_year") + ": " + std::to_string(s.population_year) +
                       ": " + e.what() + inherited(s, "/population_year"));
    }
  }
  if (s.start.months_since(reference) < 0)
    errors.push_back(s.where("/start") + ": must not be before the population's reference month " +
                     reference.to_string() + inherited(s, "/start"));
  // Measures.
  const std::size_t first_measure_error = errors.size();
  if (s.measures.size() > kMaxMeasures)
    errors.push_back(s.where("/measures") + ": at most " + std::to_string(kMaxMeasures) +
                     " measures can run together, found " + std::to_string(s.measures.size()));
  ModuleRegistry names = registry;  // for collisions between measures and with built-ins
  for (const MeasureEntry& m : s.measures) {
    ModuleDescriptor d;
    auto pre = std::find_if(preloaded.begin(), preloaded.end(),
                            [&](const ModuleDescriptor& p) { return p.name == m.name; });
    try {
      if (!m.plugin.empty())
        d = PluginLoader::load_file(m.plugin);
      else if (pre != preloaded.end())
        d = *pre;
      else
        d = loader.load_by_name(m.name);
    } catch (const InputError& e) {
      errors.push_back(m.path + (m.plugin.empty() ? "/name: " : "/plugin: ") + e.what());
      continue;
    }
    if (d.name != m.name) {
      errors.push_back(m.path + "/name: \"" + m.name + "\", but " + d.library + " provides \"" +
                       d.name + "\"");
      continue;
    }
    if (const ModuleDescriptor* taken = names.find(d.name)) {
      errors.push_back(m.path + "/name: \"" + d.name + "\" is already taken by " +
                       (taken->kind == ModuleKind::BuiltIn ? "a built-in module"
                                                           : "another measure in this scenario") +
                       " (" + (d.library.empty() ? d.name : d.library) + ")");
      continue;
    }
    d.params = m.params;
    // What the scenario leaves out takes the data pack's value, then the schema's default.
    for (auto& e : c.pack.fill(d.name, d.parameter_schema, d.params))
      errors.push_back(std::move(e));
    for (const auto& e : validate_json(d.parameter_schema, d.params, "/params"))
      errors.push_back(m.path + e);
    names.add(d);
    c.measures.push_back(std::move(d));
  }
  for (std::size_t i = first_measure_error; i < errors.size(); ++i)
    errors[i] += inherited(s, "/measures");
  return c;
}

Scenario read_json_content(const json& j, const fs::path& file) {
  Scenario s;
  s.file = file;
  s.name = file.stem().string();
  std::vector<std::pair<fs::path, fs::path>> chain;  // (identity, as named)
  Resolved r;
  if (!resolve(j, file, chain, r, s.errors)) {
    s.data_dir.clear();
    return s;
  }
  s.json = std::move(r.value);
  s.origins = std::move(r.origins);
  s.extends = std::move(r.extends);
  read_content(s);
  return s;
}

Scenario throw_errors(Scenario s) {
  if (!s.errors.empty()) throw InputError(join_lines(s.errors));
  return s;
}

}  // namespace

std::string Scenario::where(const std::string& json_path) const {
  return defining_file(*this, json_path).string() + ": " + json_path;
}

Scenario Scenario::read(const fs::path& file) {
  std::vector<std::string> errors;
  if (auto j = read_json(file, "", errors)) return read_json_content(*j, file);
  Scenario s;  // unreadable: only the error
  s.file = file;
  s.name = file.stem().string();
  s.errors = std::move(errors);
  return s;
}

Scenario Scenario::read(const nlohmann::json& j, const fs::path& file) {
  return read_json_content(j, file);
}

Scenario Scenario::load(const fs::path& file) {
  return throw_errors(read(file));
}

Scenario Scenario::parse(const nlohmann::json& j, const fs::path& file) {
  return throw_errors(read(j, file));
}

std::vector<std::string> validate_scenario(const Scenario& s, const PluginLoader& loader,
                                           const std::vector<ModuleDescriptor>& preloaded,
                                           const ModuleRegistry& registry) {
  return check(s, registry, loader, preloaded).errors;
}

ResolvedScenario resolve_scenario(const Scenario& s, const ModuleRegistry& registry,
                                  const PluginLoader& loader,
                                  const std::vector<ModuleDescriptor>& preloaded) {
  Checked c = check(s, registry, loader, preloaded);
  if (!c.errors.empty()) throw InputError(join_lines(c.errors));
  return {std::move(c.parameters), std::move(c.measures)};
}

ModelSpec make_model_spec(const Scenario& s, const ModuleRegistry& registry,
                          const PluginLoader& loader,
                          const std::vector<ModuleDescriptor>& preloaded) {
  Checked c = check(s, registry, loader, preloaded);
  if (!c.errors.empty()) throw InputError(join_lines(c.errors));
  ModelSpec spec;
  spec.data_dir = s.data_dir;
  spec.parameters = std::move(c.parameters);
  spec.seed = s.seed;
  spec.scale = s.scale;
  spec.reference = YearMonth{s.population_year, 1};
  spec.start = s.start;
  spec.horizon_months = 12 * s.years;
  auto built = build_population(s.data_dir, spec.parameters, s.seed, s.scale, s.population_year);
  spec.districts = built.districts;
  spec.base_population = std::make_shared<const Population>(std::move(built.population));
  spec.modules = registry.all();
  for (auto& d : c.measures) spec.modules.push_back(std::move(d));
  return spec;
}

}  // namespace leidensim
