#pragma once
// A scenario file (JSON): what to simulate and how often. Every key is checked: an unknown key,
// a wrong type or an out-of-range value is an InputError naming the file and the JSON path.
// Checking goes on after a problem, so that every problem is reported at once (one per line).
//
//   {
//     "extends": "baseline.json",         optional: a scenario this one builds on (see below)
//     "name": "baseline",                 [A-Za-z0-9_.-]+; default: the file name
//     "description": "...",
//     "data": "../data/leiden",           data pack, relative to the scenario file
//     "seed": 20240101,                   unsigned integer
//     "replications": 5,                  1..10000
//     "population_year": 2024,            base population of 1 January of this year; an earlier
//                                         year (backcast) needs its age bands in the data pack
//     "start": "2025-01",                 first reported month (YYYY-MM); default: January of
//                                         the year after population_year
//     "years": 30,                        reported years, 1..200
//     "scale": 1.0,                       population scale, [1e-6, 1000]
//     "parameters": { "labour.job_loss_monthly": 0.004, ... },   overrides by name
//     "measures": [                       policy measures (plugins), run in this order
//       {"name": "jobcoach",              registry name; found on the plugin search path
//        "plugin": "lib/x.so",            optional explicit library, relative to the file
//        "params": {"annual_budget": 1e6}}  checked against the measure's JSON Schema
//     ]
//   }
//
// "extends": the named file (relative to this one; it may extend another in turn, a cycle is an
// error naming the files) is read first and this file is merged onto it: objects merge key by
// key, recursively ("parameters" adds to and overrides the parent's); arrays and scalars
// replace, so "measures" replaces the parent's whole list. "name", "description" and "$schema"
// belong to each file and are not inherited (a scenario without a name is named after its
// file). Checks run on the merged result; a message names the file that set the value (and,
// if that is a file being extended, the scenario that extends it). Relative paths ("data",
// "plugin") are relative to the file that set them.
//
// The JSON Schema of this format, for editors, is scenarios/scenario.schema.json; a test keeps
// its keys equal to scenario_keys().
#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "leidensim/calendar.hpp"
#include "leidensim/model_spec.hpp"
#include "leidensim/module_registry.hpp"
#include "leidensim/plugin_loader.hpp"
#include "leidensim/synthesis/population_targets.hpp"

namespace leidensim {

/// Every top-level key a scenario file may have.
const std::vector<std::string>& scenario_keys();

struct ParameterOverride {
  std::string name;
  std::vector<double> values;
  std::string origin;  // "file: /parameters/<name>", the file that set the value
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
  std::filesystem::path data_dir;  // empty if the scenario's "data" is unusable
  std::uint64_t seed = 20240101;
  int replications = 5;
  int population_year = kPackYear;
  YearMonth start{kPackYear + 1, 1};
  int years = 30;
  double scale = 1.0;
  std::vector<ParameterOverride> parameters;
  std::vector<MeasureEntry> measures;
  /// The resolved content: the file merged onto the files it extends, without "extends".
  nlohmann::json json;
  /// The files this one extends, nearest first (empty without "extends").
  std::vector<std::filesystem::path> extends;
  /// Which file set each value: JSON path -> file (paths not listed: see where()).
  std::map<std::string, std::filesystem::path> origins;
  /// Problems found while reading, each "file: /path: message" (load() and parse() throw them).
  std::vector<std::string> errors;

  /// Reads and checks the file; throws one InputError listing every problem, one per line.
  static Scenario load(const std::filesystem::path& file);
  /// As load(), for content already parsed; `file` names it and anchors relative paths.
  static Scenario parse(const nlohmann::json& j, const std::filesystem::path& file);
  /// As load() and parse(), but keeps the problems in `errors` instead of throwing.
  static Scenario read(const std::filesystem::path& file);
  static Scenario read(const nlohmann::json& j, const std::filesystem::path& file);

  /// "file: /path" for messages about the value at `json_path`, naming the file that set it.
  std::string where(const std::string& json_path) const;
};

/// Every problem of a scenario, without running it: those found while reading (`s.errors`), a
/// missing data pack, unknown parameters and parameter values of the wrong length or out of
/// range (against the data pack's parameters.csv), a start before the population's reference
/// month, unknown or unloadable measures, name collisions, and every measure parameter the
/// measure's schema rejects, and bad rows of the data pack's measure_parameters.csv for the
/// scenario's measures ("file: line N (measure.parameter), column C: message"). Otherwise each
/// is "file: /path: message". Checks that a measure makes only
/// when it starts (e.g. the districts of prevention_agreement) are not included.
std::vector<std::string> validate_scenario(const Scenario& s,
                                           const PluginLoader& loader = PluginLoader(),
                                           const std::vector<ModuleDescriptor>& preloaded = {},
                                           const ModuleRegistry& registry = builtin_registry());

/// What make_model_spec resolves before it builds the population: the data pack's parameters
/// with the scenario's overrides, and the scenario's measures with their parameters (the
/// scenario's value, else the data pack's measure_parameters.csv, else the schema default).
/// Throws one InputError listing every problem, as make_model_spec does.
struct ResolvedScenario {
  ParameterSet parameters;
  std::vector<ModuleDescriptor> measures;
};
ResolvedScenario resolve_scenario(const Scenario& s, const ModuleRegistry& registry,
                                  const PluginLoader& loader = PluginLoader(),
                                  const std::vector<ModuleDescriptor>& preloaded = {});

/// Loads parameters, applies the overrides, synthesises the base population and freezes the
/// module list: the registry's built-ins, then the scenario's measures, each loaded from
/// `preloaded` (libraries given with --plugin) or by name through `loader`, with its parameters
/// validated against its schema (missing ones from the data pack's measure_parameters.csv, else
/// the schema's defaults). Throws one InputError listing every
/// problem validate_scenario() finds, one per line.
ModelSpec make_model_spec(const Scenario& s, const ModuleRegistry& registry,
                          const PluginLoader& loader = PluginLoader(),
                          const std::vector<ModuleDescriptor>& preloaded = {});

}  // namespace leidensim
