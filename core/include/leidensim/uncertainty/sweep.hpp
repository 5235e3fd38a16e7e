#pragma once
// The parameter sweep behind `leidensim sweep BASE.json SCENARIO.json`: how uncertain is a
// measure's effect because its effect parameters are uncertain, beside the Monte Carlo noise of
// the replications?
//
// 1. What varies (sweep_parameters): every parameter of the scenario's measures that has an
//    uncertainty range in the parameter register (the low/high columns of the data pack's
//    measure_parameters.csv), plus or replaced by ranges given as --vary NAME=LOW:HIGH, for a
//    measure parameter by qualified name ("jobcoach.outflow_multiplier") or a single-valued
//    model parameter by name ("labour.job_finding_monthly").
// 2. Where (make_design): a Latin hypercube of S samples, uniform within each range,
//    deterministic from the scenario's seed (latin_hypercube.hpp); integer parameters rounded.
// 3. Runs (run_sweep): the base scenario once and the scenario once per sample (sample_spec),
//    each for the same R replications with the same seed, so replication r of the base and of
//    every sample shares its random draws (common random numbers). A varied parameter is a fact
//    about the world: if the base has it too (any model parameter; a measure parameter of a
//    measure the base runs as well) it takes the sample's value there as well, and the base
//    runs once per sample. In parallel over runs; each
//    run is a pure function of (model, seed, replication), so results are identical at any
//    thread count.
// 4. Effects: per sample s, replication r and key indicator (sweep_indicators), the paired effect
//    e[s][r] = scenario - base of the indicator's mean over the reported years; then the
//    decomposition into Monte Carlo noise and parameter uncertainty and each parameter's
//    sensitivity (decomposition.hpp states the formulas).
//
// Reads no files (the data pack was read when the model specs were made, except that a sample
// whose varied model parameters shape the base population synthesises its own, which reads the
// data pack again); writes nothing (see leidensim/outputs/sweep_csv.hpp and sweep_report.hpp).
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "leidensim/model_spec.hpp"
#include "leidensim/parameter_register.hpp"
#include "leidensim/replication_runner.hpp"
#include "leidensim/uncertainty/decomposition.hpp"

namespace leidensim::uncertainty {

/// A range from the command line: --vary NAME=LOW:HIGH.
struct VaryRange {
  std::string name;
  double low = 0;
  double high = 0;
  std::string text;  // as given, for messages
};

/// Parses "NAME=LOW:HIGH" (LOW <= HIGH, both finite). Throws InputError
/// "--vary: \"<text>\": <what is wrong>".
VaryRange parse_vary(const std::string& text);

struct SweepParameter {
  std::string name;  // qualified: "jobcoach.outflow_multiplier", "labour.job_finding_monthly"
  ParameterKind kind = ParameterKind::Measure;
  std::string measure;    // the measure's name; empty for a model parameter
  std::string parameter;  // the measure's own name of it, or the model parameter's name
  double low = 0;
  double high = 0;
  bool integer = false;  // the measure's schema wants a whole number: sampled values are rounded
  std::string origin;    // "data pack" (the register's range) or "--vary"
};

/// The parameters to vary, in the order: the register's ranges of the scenario's measures
/// (unless `default_ranges` is false; by qualified name), then --vary ranges that add a
/// parameter (in the order given). A --vary range replaces the register's range of its
/// parameter. `scenario` is the scenario's model (its measures with their resolved parameters),
/// `reg` its parameter register. Throws InputError naming --vary and the value for an unknown
/// name, a parameter that is not a single number, or a range outside the parameter's valid
/// range (a model parameter's min/max in parameters.csv, a measure parameter's JSON Schema);
/// and if nothing is left to vary.
std::vector<SweepParameter> sweep_parameters(const ModelSpec& scenario,
                                             const ParameterRegister& reg,
                                             const std::vector<VaryRange>& vary,
                                             bool default_ranges);

struct SweepDesign {
  std::vector<SweepParameter> parameters;
  std::vector<std::vector<double>> values;  // [sample][parameter], integers rounded
  std::uint64_t seed = 0;
  int samples() const { return static_cast<int>(values.size()); }
};

/// `samples` Latin hypercube samples of the parameters' ranges from `seed`.
SweepDesign make_design(std::vector<SweepParameter> parameters, int samples, std::uint64_t seed);

/// The model of one sample: `scenario` (or the base) with the sample's values, measure
/// parameters set in the measure's parameters (and checked against its schema; parameters of a
/// measure the model does not run are left out), model parameters overridden (checked against
/// their valid range). The base population is shared with `scenario`, unless a varied
/// model parameter is in `synthesis_reads` (the parameters the synthesis of the base population
/// read: ModelSpec::parameters.used() right after make_model_spec): then the sample synthesises
/// its own population from the same seed. Throws InputError for a value the checks reject.
ModelSpec sample_spec(const ModelSpec& scenario, const SweepDesign& design, int sample,
                      const std::set<std::string>& synthesis_reads);

/// Whether any varied parameter exists in `spec`: a model parameter always does, a measure
/// parameter if `spec` runs that measure.
bool design_applies(const ModelSpec& spec, const SweepDesign& design);

/// A key indicator of the sweep: a city total averaged over the reported years.
struct SweepIndicator {
  std::string name;  // "bijstand", ..., "budget_total"
  std::string unit;  // "persons", "households", "EUR a year"
};
/// bijstand, employed, households_in_poverty, children_in_poverty, problematic_debt, jeugdhulp,
/// wmo (the yearly values of the comparison: December stocks) and budget_total (every euro of
/// the ledger a year).
const std::vector<SweepIndicator>& sweep_indicators();
/// The sweep indicators of one run: the mean over its reported years of each yearly value.
std::vector<double> sweep_indicator_values(const ReplicationResult& run);

struct SweepResult {
  SweepDesign design;
  int replications = 0;
  int years = 0;
  std::vector<double> base_means;  // per indicator: the base's mean over replications
  /// [indicator][sample][replication]: scenario minus base, paired by replication.
  std::vector<std::vector<std::vector<double>>> effects;
  std::vector<Decomposition> decomposition;           // per indicator
  std::vector<std::vector<Sensitivity>> sensitivity;  // [indicator][parameter]
};

/// Runs the sweep (steps 3 and 4 of the file comment). `base` and `scenario` must have the same
/// seed, start, horizon and districts (std::invalid_argument otherwise); `replications` >= 2 and
/// at least 2 samples, so that noise and parameters can be told apart. `progress` counts runs
/// (base and samples together); it is never called concurrently.
SweepResult run_sweep(const ModelSpec& base, const ModelSpec& scenario,
                      const std::set<std::string>& synthesis_reads, SweepDesign design,
                      int replications, const ProgressCallback& progress = {});

/// Step 4 alone, on the sweep indicators of every run: base[s][r][k] (the base run paired with
/// sample s; the same for every s when the base does not vary) and samples[s][r][k].
SweepResult analyse_sweep(SweepDesign design, int years,
                          const std::vector<std::vector<std::vector<double>>>& base,
                          const std::vector<std::vector<std::vector<double>>>& samples);

}  // namespace leidensim::uncertainty
