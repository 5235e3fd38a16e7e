#pragma once
// The parameter register: every model parameter (the data pack's parameters.csv) and every
// parameter of each measure (the measure's JSON Schema, valued from the data pack's
// measure_parameters.csv) with its value, unit, quality mark, source and note, the uncertainty
// range where the evidence gives one, and the scenario file that changed it, if any.
//
// Model entries come in the order of parameters.csv, then the measures in the order given, each
// with its parameters in the order of the data pack's rows, then any the pack lacks. An entry's
// value is the resolved one: the scenario's, else the data pack's, else the schema default (see
// measure_parameters.hpp). Its unit, quality, source, note and range always come from the data
// pack; a measure parameter without a row in the pack (a measure built outside this tree) has
// no quality and no source, and its schema description as note: register_gaps() reports it.
//
// Used by `leidensim parameters`, by the run and compare result folders (parameters.csv, see
// leidensim/outputs/parameter_register_csv.hpp) and the comparison's HTML report. Building the
// register reads no files.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "leidensim/measure_parameters.hpp"
#include "leidensim/module.hpp"
#include "leidensim/parameters.hpp"
#include "leidensim/scenario.hpp"

namespace leidensim {

enum class ParameterKind { Model, Measure };
const char* to_string(ParameterKind k);

struct RegisterEntry {
  ParameterKind kind = ParameterKind::Model;
  std::string measure;     // the measure's name; empty for a model parameter
  std::string parameter;   // "labour.job_loss_monthly", or the measure's own name for it
  nlohmann::json value;    // the resolved value: a number or list (model), any JSON (measure)
  std::string value_text;  // value for reading: a table shortened to "111 values, 0.0001–1"
  std::string unit;
  std::optional<Quality> quality;  // none only for a measure parameter without a data-pack row
  std::string source;              // empty only for such a parameter too
  std::string note;
  std::optional<double> low, high;  // uncertainty range from the evidence, where it has one
  std::string overridden_by;        // "file: /json/path" of the scenario value; empty if none

  /// "labour.job_loss_monthly" for a model parameter, "jobcoach.outflow_multiplier" for a
  /// measure's. Model names are prefixed by a built-in module (which no measure may be named
  /// after) or "population"; `kind` tells the two apart should a measure take that name.
  std::string qualified_name() const;
};

using ParameterRegister = std::vector<RegisterEntry>;

/// Which parameters of each measure a scenario sets: measure name -> parameter -> the file and
/// JSON path that set it ("file: /measures/0/params/annual_budget").
using MeasureOverrides = std::map<std::string, std::map<std::string, std::string>>;
MeasureOverrides measure_overrides(const Scenario& s);

/// The register of `parameters` (with any scenario overrides already applied, as
/// ParameterSet::override_values records them) and of `measures` (plugin descriptors whose
/// `params` hold the resolved values; built-in modules in the list are skipped), documented
/// from `pack`. `overrides` marks the measure parameters a scenario set.
ParameterRegister build_parameter_register(const ParameterSet& parameters,
                                           const std::vector<ModuleDescriptor>& measures,
                                           const MeasureParameterTable& pack,
                                           const MeasureOverrides& overrides = {});

/// The measure's parameters as the data pack gives them, for listing a measure without a
/// scenario: its rows filled into an empty object, then the schema defaults. Throws InputError
/// listing every bad row of the measure, and any value the schema still rejects.
nlohmann::json data_pack_params(const ModuleDescriptor& measure, const MeasureParameterTable& pack);

/// Every entry without a source or a quality mark, as "name: no source" / "name: no quality
/// mark"; empty if the register is complete.
std::vector<std::string> register_gaps(const ParameterRegister& reg);

struct UncertaintyRange {
  ParameterKind kind = ParameterKind::Model;
  std::string measure;
  std::string parameter;
  double low = 0;
  double high = 0;
};
/// The uncertainty ranges of the register, by qualified name (e.g.
/// "jobcoach.outflow_multiplier" -> 1.0, 1.6): the parameters a sensitivity analysis varies.
std::map<std::string, UncertaintyRange> uncertainty_ranges(const ParameterRegister& reg);

/// The value as text for reading: a scalar as is; a list of up to `max_items` numbers in full,
/// a longer one as "<n> values, <min>–<max>"; a string without quotes; other JSON as text.
std::string register_value_text(const nlohmann::json& value, std::size_t max_items = 4);

/// The value in full, for files: a number with 10 significant digits, a list of numbers
/// space-separated (as in parameters.csv), a string without quotes, anything else as JSON text.
std::string register_value_full(const nlohmann::json& value);

}  // namespace leidensim
