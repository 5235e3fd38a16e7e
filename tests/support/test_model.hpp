#pragma once
// Shared helpers for the tests: the project's data pack, small model specs, hand-built
// populations, and running one module on a population.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "leidensim/model_spec.hpp"
#include "leidensim/module.hpp"
#include "leidensim/parameters.hpp"
#include "leidensim/population.hpp"
#include "leidensim/scenario.hpp"

namespace leidensim::test {

std::filesystem::path data_dir();
std::filesystem::path source_dir();
std::filesystem::path cli_binary();

/// The data pack's parameters with some values replaced.
ParameterSet parameters(const std::map<std::string, std::vector<double>>& overrides = {});

/// A model of the synthetic population at `scale`, with parameter overrides.
ModelSpec model(double scale, int years = 5,
                const std::map<std::string, std::vector<double>>& overrides = {},
                std::uint64_t seed = 20240101);

/// A model spec around a hand-built population (no synthesis), e.g. for one process.
ModelSpec model_with(Population pop, const ParameterSet& ps, int districts = 1);

/// Creates a module as a simulation would (built-ins take no parameters).
std::unique_ptr<Module> create(const ModuleDescriptor& d, const ModelSpec& spec,
                               const nlohmann::json& params = nlohmann::json::object(),
                               int measure_index = -1);

/// `n` one-person households of the given person, in district 0.
Population singles(std::size_t n, const PersonRecord& person);

/// Runs one month of `phase` for `module` over the whole population (one block or many).
void run_phase(Module& module, Phase phase, Population& pop, const RandomKey& key,
               std::uint32_t month, IndicatorCounts& flows, HouseholdEvents& events,
               std::size_t block_persons = 1024);

/// A small deterministic sequence (a linear congruential generator) for building varied test
/// populations; not the model's random numbers, which tests must not depend on in this way.
class TestSequence {
 public:
  explicit TestSequence(std::uint32_t seed) : state_(seed) {}
  std::uint32_t next() {
    state_ = state_ * 1664525u + 1013904223u;
    return state_ >> 8;
  }

 private:
  std::uint32_t state_;
};

/// Shares of a binomial outcome: |observed - p| within `z` standard errors of n draws.
bool within_standard_errors(double observed_share, double p, double n, double z = 4.0);

}  // namespace leidensim::test
