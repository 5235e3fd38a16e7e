#include "support/test_model.hpp"

#include <cmath>

#include "leidensim/module_registry.hpp"
#include "leidensim/synthesis/population_builder.hpp"

namespace leidensim::test {

std::filesystem::path data_dir() {
  return LEIDENSIM_TEST_DATA_DIR;
}
std::filesystem::path source_dir() {
  return LEIDENSIM_TEST_SOURCE_DIR;
}
std::filesystem::path cli_binary() {
  return LEIDENSIM_TEST_BINARY;
}

ParameterSet parameters(const std::map<std::string, std::vector<double>>& overrides) {
  ParameterSet ps = ParameterSet::load(data_dir() / "parameters.csv");
  for (const auto& [name, values] : overrides) ps.override_values(name, values, "test");
  return ps;
}

ModelSpec model(double scale, int years,
                const std::map<std::string, std::vector<double>>& overrides, std::uint64_t seed) {
  Scenario s;
  s.data_dir = data_dir();
  s.scale = scale;
  s.years = years;
  s.seed = seed;
  for (const auto& [name, values] : overrides) s.parameters.push_back({name, values, "test"});
  return make_model_spec(s, builtin_registry());
}

ModelSpec model_with(Population pop, const ParameterSet& ps, int districts) {
  ModelSpec spec;
  spec.data_dir = data_dir();
  spec.parameters = ps;
  for (int d = 0; d < districts; ++d) spec.districts.push_back("district " + std::to_string(d));
  spec.base_population = std::make_shared<const Population>(std::move(pop));
  spec.modules = builtin_registry().all();
  return spec;
}

std::unique_ptr<Module> create(const ModuleDescriptor& d, const ModelSpec& spec,
                               const nlohmann::json& params, int measure_index) {
  return d.create(ModuleSetup{spec, params, measure_index});
}

Population singles(std::size_t n, const PersonRecord& person) {
  Population pop;
  pop.reserve(n, n);
  for (std::size_t i = 0; i < n; ++i) {
    PersonRecord r = person;
    r.id = 0;
    r.role = Role::Head;
    pop.add_household(0, {r});
  }
  return pop;
}

void run_phase(Module& module, Phase phase, Population& pop, const RandomKey& key,
               std::uint32_t month, IndicatorCounts& flows, HouseholdEvents& events,
               std::size_t block_persons) {
  MonthContext ctx;
  ctx.month = month;
  ctx.key = &key;
  LedgerCounts ledger;
  for (const Block& b : pop.partition(block_persons)) {
    BlockContext bc{pop, b, ctx, events, flows, ledger};
    module.run_block(phase, bc);
  }
}

bool within_standard_errors(double observed_share, double p, double n, double z) {
  const double se = std::sqrt(p * (1 - p) / n);
  return std::abs(observed_share - p) <= z * se + 1e-12;
}

}  // namespace leidensim::test
