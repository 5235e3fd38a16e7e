#pragma once
// The data pack's values of measure parameters: <data pack>/measure_parameters.csv, one row per
// parameter of each shipped measure, with columns
//   measure,parameter,value,unit,low,high,quality,source,note
// `value` is JSON text (a number, "\"10\"", true, a list); `low`/`high` are the uncertainty
// range of the evidence (blank where no range is meaningful); `quality` is published, derived or
// assumption; `source` is required.
//
// Resolution of a measure parameter: the scenario's value, else the data pack's row, else the
// "default" of the measure's JSON Schema. The schema keeps its defaults because a measure built
// outside this tree has no row in the pack; for the shipped measures a test keeps the two equal.
//
// Checks happen in two steps. load() checks every row on its own (fields present, value valid
// JSON, quality known, low <= value <= high, no duplicate); a bad row is an InputError naming the
// file, the line and the column. Rows are checked against a measure's schema (parameter known,
// value accepted) when that measure is used: fill() for the measures of a scenario, and
// unknown_measures() plus fill() for everything listed by `leidensim parameters`. Every message
// is "file: line N (measure.parameter), column C: what is wrong".
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "leidensim/parameters.hpp"

namespace leidensim {

struct MeasureParameterRow {
  std::string measure;
  std::string parameter;
  nlohmann::json value;
  std::string unit;
  std::optional<double> low, high;  // uncertainty range, if the evidence gives one
  Quality quality = Quality::Assumption;
  std::string source;
  std::string note;
  int line = 0;  // line of the file, for messages
};

class MeasureParameterTable {
 public:
  /// The file name inside a data pack.
  static constexpr const char* kFileName = "measure_parameters.csv";

  /// Reads and checks `csv_path` row by row (see the file comment); throws InputError.
  static MeasureParameterTable load(const std::filesystem::path& csv_path);
  /// The data pack's table, or an empty one if the pack has no measure_parameters.csv (a pack
  /// for another municipality may leave every measure at its schema defaults).
  static MeasureParameterTable load_pack(const std::filesystem::path& data_dir);

  /// The file read; empty for an empty table from a pack without the file.
  const std::filesystem::path& file() const { return file_; }
  const std::vector<MeasureParameterRow>& rows() const { return rows_; }
  /// The row of `measure`'s `parameter`, or null.
  const MeasureParameterRow* find(const std::string& measure, const std::string& parameter) const;
  /// Measure names in order of first appearance.
  std::vector<std::string> measures() const;

  /// Fills every parameter of `measure` that `params` (an object) lacks with the pack's value.
  /// Each row of `measure` is first checked against `schema` (the measure's JSON Schema): a row
  /// for a parameter the schema does not have, or with a value the schema rejects, is not used
  /// and gives one message (see the file comment). Returns the messages; empty if all is well.
  std::vector<std::string> fill(const std::string& measure, const nlohmann::json& schema,
                                nlohmann::json& params) const;
  /// One message for the first row of each measure not in `known` ("unknown measure").
  std::vector<std::string> unknown_measures(const std::vector<std::string>& known) const;

  /// "file: line N (measure.parameter), column C" for messages about `row`.
  std::string where(const MeasureParameterRow& row, const std::string& column) const;

 private:
  std::filesystem::path file_;
  std::vector<MeasureParameterRow> rows_;
};

}  // namespace leidensim
