#pragma once
// A scenario file (JSON): what to simulate and how often. Every key is checked: an unknown key,
// a wrong type or an out-of-range value is an InputError naming the file and the JSON path.
//
//   {
//     "name": "baseline",                 required, [A-Za-z0-9_.-]+
//     "description": "...",
//     "data": "../data/leiden",           data pack, relative to the scenario file
//     "seed": 20240101,                   unsigned integer
//     "replications": 5,                  1..10000
//     "start": "2025-01",                 first reported month (YYYY-MM)
//     "years": 30,                        reported years, 1..200
//     "scale": 1.0,                       population scale, (0, 1000]
//     "parameters": { "labour.job_loss_monthly": 0.004, ... },   overrides by name
//     "measures": [                       policy measures (plugins), run in this order
//       {"name": "jobcoach",              registry name; found on the plugin search path
//        "plugin": "lib/x.so",            optional explicit library, relative to the file
//        "params": {"annual_budget": 1e6}}  checked against the measure's JSON Schema
//     ]
//   }
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "leidensim/calendar.hpp"
#include "leidensim/model_spec.hpp"
#include "leidensim/module_registry.hpp"
#include "leidensim/plugin_loader.hpp"

namespace leidensim {

struct ParameterOverride {
  std::string name;
  std::vector<double> values;
  std::string origin;  // "file: /parameters/<name>"
};

struct MeasureEntry {
  std::string name;
  std::filesystem::path plugin;  // explicit library, empty: by name
  nlohmann::json params = nlohmann::json::object();
  std::string path;  // "file: /measures/<i>", for messages
};

struct Scenario {
  std::filesystem::path file;
  std::string name = "baseline";
  std::string description;
  std::filesystem::path data_dir;
  std::uint64_t seed = 20240101;
  int replications = 5;
  YearMonth start{2025, 1};
  int years = 30;
  double scale = 1.0;
  std::vector<ParameterOverride> parameters;
  std::vector<MeasureEntry> measures;
  nlohmann::json json;  // the file's content

  static Scenario load(const std::filesystem::path& file);
  static Scenario parse(const nlohmann::json& j, const std::filesystem::path& file);
};

/// Loads parameters, applies the overrides, synthesises the base population and freezes the
/// module list: the registry's built-ins, then the scenario's measures, each loaded from
/// `preloaded` (libraries given with --plugin) or by name through `loader`, with its parameters
/// validated against its schema (defaults filled in).
ModelSpec make_model_spec(const Scenario& s, const ModuleRegistry& registry,
                          const PluginLoader& loader = PluginLoader(),
                          const std::vector<ModuleDescriptor>& preloaded = {});

}  // namespace leidensim
