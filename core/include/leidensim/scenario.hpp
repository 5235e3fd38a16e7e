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
//     "measures": []                      policy measures (none yet)
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

namespace leidensim {

struct ParameterOverride {
  std::string name;
  std::vector<double> values;
  std::string origin;  // "file: /parameters/<name>"
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
  nlohmann::json json;  // the file's content

  static Scenario load(const std::filesystem::path& file);
  static Scenario parse(const nlohmann::json& j, const std::filesystem::path& file);
};

/// Loads parameters, applies the overrides, synthesises the base population and freezes the
/// module list (the registry's order).
ModelSpec make_model_spec(const Scenario& s, const ModuleRegistry& registry);

}  // namespace leidensim
