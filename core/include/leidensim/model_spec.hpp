#pragma once
// The frozen description of a model run: parameters (data pack plus scenario overrides), the
// districts, the synthetic base population, the calendar and the ordered module list. Built
// once, then shared read-only by every replication; run state lives in Simulation.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "leidensim/calendar.hpp"
#include "leidensim/module.hpp"
#include "leidensim/parameters.hpp"
#include "leidensim/population.hpp"

namespace leidensim {

class ModelSpec {
 public:
  std::filesystem::path data_dir;
  ParameterSet parameters;
  std::vector<std::string> districts;
  std::shared_ptr<const Population> base_population;
  YearMonth reference{2024, 1};  // date of the base population
  YearMonth start{2025, 1};      // first reported month
  int horizon_months = 360;      // reported months
  std::uint64_t seed = 20240101;
  double scale = 1.0;
  std::vector<ModuleDescriptor> modules;  // in run order

  int warmup_months() const { return start.months_since(reference); }
  int total_months() const { return warmup_months() + horizon_months; }
  int district_count() const { return static_cast<int>(districts.size()); }
};

}  // namespace leidensim
