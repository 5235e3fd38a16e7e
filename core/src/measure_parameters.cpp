#include "leidensim/measure_parameters.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <utility>

#include "leidensim/csv_table.hpp"
#include "leidensim/errors.hpp"
#include "leidensim/json_schema.hpp"
#include "leidensim/number_text.hpp"

namespace leidensim {

namespace fs = std::filesystem;

namespace {

/// A blank cell is no bound; anything else must be a finite number.
std::optional<double> optional_number(const std::string& s, const std::string& where) {
  if (s.empty()) return std::nullopt;
  double v = 0;
  const char* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, v);
  if (ec != std::errc() || ptr != end || !std::isfinite(v))
    throw InputError(
        input_error_message("", where, "expected a number or nothing, found \"" + s + "\""));
  return v;
}

}  // namespace

std::string MeasureParameterTable::where(const MeasureParameterRow& row,
                                         const std::string& column) const {
  return (file_.empty() ? std::string() : file_.string() + ": ") + "line " +
         std::to_string(row.line) + " (" + row.measure + "." + row.parameter + "), column " +
         column;
}

MeasureParameterTable MeasureParameterTable::load(const fs::path& csv_path) {
  const CsvTable t = CsvTable::read(csv_path);
  MeasureParameterTable table;
  table.file_ = csv_path;
  for (const char* c :
       {"measure", "parameter", "value", "unit", "low", "high", "quality", "source", "note"})
    t.column(c);  // a missing column is an error naming the file and the column
  std::set<std::pair<std::string, std::string>> seen;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    MeasureParameterRow row;
    row.line = static_cast<int>(r) + 2;
    row.measure = t.cell(r, "measure");
    row.parameter = t.cell(r, "parameter");
    // Every message names the file, the line, the row's parameter and the column.
    const auto fail = [&](const std::string& column, const std::string& message) {
      throw InputError(table.where(row, column) + ": " + message);
    };
    if (row.measure.empty()) fail("measure", "empty measure name");
    if (row.parameter.empty()) fail("parameter", "empty parameter name");
    const std::string& text = t.cell(r, "value");
    if (text.empty()) fail("value", "no value");
    try {
      row.value = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error&) {
      fail("value", "not JSON text: " + text + " (a string needs double quotes, e.g. \"\"10\"\")");
    }
    row.unit = t.cell(r, "unit");
    if (row.unit.empty()) fail("unit", "no unit");
    for (const char* bound : {"low", "high"}) {
      try {
        (std::string(bound) == "low" ? row.low : row.high) = optional_number(t.cell(r, bound), "");
      } catch (const InputError& e) {
        fail(bound, e.what());
      }
    }
    if (row.low.has_value() != row.high.has_value())
      fail(row.low ? "high" : "low", "give both low and high, or neither");
    if (row.low) {
      if (!row.value.is_number())
        fail("low", "a range needs a numeric value, found " + row.value.dump());
      const double v = row.value.get<double>();
      if (!(*row.low <= v && v <= *row.high))
        fail("value", "value " + row.value.dump() + " outside its range [" + number_text(*row.low) +
                          ", " + number_text(*row.high) + "]");
    }
    const std::string& q = t.cell(r, "quality");
    if (q == "published")
      row.quality = Quality::Published;
    else if (q == "derived")
      row.quality = Quality::Derived;
    else if (q == "assumption")
      row.quality = Quality::Assumption;
    else
      fail("quality", "expected published, derived or assumption, found \"" + q + "\"");
    row.source = t.cell(r, "source");
    if (row.source.find_first_not_of(" \t") == std::string::npos) fail("source", "no source");
    row.note = t.cell(r, "note");
    if (!seen.insert({row.measure, row.parameter}).second)
      fail("parameter", "duplicate row for " + row.measure + "." + row.parameter);
    table.rows_.push_back(std::move(row));
  }
  return table;
}

MeasureParameterTable MeasureParameterTable::load_pack(const fs::path& data_dir) {
  const fs::path file = data_dir / kFileName;
  if (!fs::exists(file)) return {};
  return load(file);
}

const MeasureParameterRow* MeasureParameterTable::find(const std::string& measure,
                                                       const std::string& parameter) const {
  for (const auto& r : rows_)
    if (r.measure == measure && r.parameter == parameter) return &r;
  return nullptr;
}

std::vector<std::string> MeasureParameterTable::measures() const {
  std::vector<std::string> out;
  for (const auto& r : rows_)
    if (std::find(out.begin(), out.end(), r.measure) == out.end()) out.push_back(r.measure);
  return out;
}

std::vector<std::string> MeasureParameterTable::fill(const std::string& measure,
                                                     const nlohmann::json& schema,
                                                     nlohmann::json& params) const {
  std::vector<std::string> errors;
  const auto props = schema.find("properties");
  for (const auto& row : rows_) {
    if (row.measure != measure) continue;
    if (props == schema.end() || !props->contains(row.parameter)) {
      std::string known;
      if (props != schema.end())
        for (const auto& [k, v] : props->items()) known += (known.empty() ? "" : ", ") + k;
      errors.push_back(where(row, "parameter") + ": " + measure + " has no parameter \"" +
                       row.parameter + "\" (known: " + known + ")");
      continue;
    }
    // The row is checked even when the scenario sets the parameter: a bad data pack is an
    // error whether or not this run happens to use the row.
    nlohmann::json value = row.value;
    const auto problems = validate_json(props->at(row.parameter), value, "");
    for (const auto& p : problems) {
      // validate_json starts each message with the path inside the value ("/" for the value
      // itself, "/0" for the first item of a list).
      const auto colon = p.find(": ");
      const std::string path = colon == std::string::npos ? "" : p.substr(0, colon);
      const std::string what = colon == std::string::npos ? p : p.substr(colon + 2);
      errors.push_back(where(row, "value") + ": " + (path == "/" ? "" : path + ": ") + what + " (" +
                       measure + "'s schema)");
    }
    if (problems.empty() && params.is_object() && !params.contains(row.parameter))
      params[row.parameter] = std::move(value);
  }
  return errors;
}

std::vector<std::string> MeasureParameterTable::unknown_measures(
    const std::vector<std::string>& known) const {
  std::vector<std::string> errors;
  std::set<std::string> reported;
  for (const auto& row : rows_) {
    if (std::find(known.begin(), known.end(), row.measure) != known.end()) continue;
    if (!reported.insert(row.measure).second) continue;
    errors.push_back(where(row, "measure") + ": unknown measure \"" + row.measure +
                     "\" (no measure of that name was found on the plugin search path)");
  }
  return errors;
}

}  // namespace leidensim
