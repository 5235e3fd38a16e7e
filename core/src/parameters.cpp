#include "leidensim/parameters.hpp"

#include <charconv>
#include <cmath>
#include <sstream>

#include "leidensim/csv_table.hpp"
#include "leidensim/errors.hpp"
#include "leidensim/number_text.hpp"

namespace leidensim {

const char* to_string(Quality q) {
  switch (q) {
    case Quality::Published:
      return "published";
    case Quality::Derived:
      return "derived";
    case Quality::Assumption:
      return "assumption";
  }
  return "?";
}

namespace {
double parse_number(const std::string& s, const std::string& origin, const std::string& field) {
  double v = 0;
  const auto* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, v);
  if (s.empty() || ec != std::errc() || ptr != end || !std::isfinite(v))
    throw InputError(input_error_message(origin, field, "expected a number, found \"" + s + "\""));
  return v;
}

}  // namespace

ParameterSet ParameterSet::load(const std::filesystem::path& csv_path) {
  const CsvTable t = CsvTable::read(csv_path);
  ParameterSet set;
  set.origin_ = csv_path;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    Parameter p;
    p.name = t.cell(r, "name");
    const std::string where = "line " + std::to_string(r + 2) + " (" + p.name + ")";
    if (p.name.empty()) throw InputError(input_error_message(t.origin(), where, "empty name"));
    std::istringstream values(t.cell(r, "value"));
    for (std::string tok; values >> tok;)
      p.values.push_back(parse_number(tok, t.origin(), where + ", column value"));
    if (p.values.empty()) throw InputError(input_error_message(t.origin(), where, "no value"));
    p.unit = t.cell(r, "unit");
    p.min = parse_number(t.cell(r, "min"), t.origin(), where + ", column min");
    p.max = parse_number(t.cell(r, "max"), t.origin(), where + ", column max");
    const std::string& q = t.cell(r, "quality");
    if (q == "published")
      p.quality = Quality::Published;
    else if (q == "derived")
      p.quality = Quality::Derived;
    else if (q == "assumption")
      p.quality = Quality::Assumption;
    else
      throw InputError(
          input_error_message(t.origin(), where + ", column quality",
                              "expected published, derived or assumption, found \"" + q + "\""));
    p.source = t.cell(r, "source");
    p.note = t.cell(r, "note");
    if (p.source.empty())
      throw InputError(input_error_message(t.origin(), where + ", column source", "no source"));
    for (double v : p.values)
      if (v < p.min || v > p.max)
        throw InputError(input_error_message(t.origin(), where,
                                             "value " + number_text(v) + " outside [" +
                                                 number_text(p.min) + ", " + number_text(p.max) +
                                                 "]"));
    if (set.by_name_.count(p.name))
      throw InputError(input_error_message(t.origin(), where, "duplicate parameter"));
    set.by_name_[p.name] = set.params_.size();
    set.params_.push_back(std::move(p));
  }
  return set;
}

const Parameter& ParameterSet::get(const std::string& name) const {
  auto it = by_name_.find(name);
  if (it == by_name_.end())
    throw InputError(input_error_message(origin_.string(), name, "unknown parameter"));
  {
    std::lock_guard<std::mutex> lock(*used_mutex_);
    used_.insert(name);
  }
  return params_[it->second];
}

std::set<std::string> ParameterSet::used() const {
  std::lock_guard<std::mutex> lock(*used_mutex_);
  return used_;
}

const Parameter& ParameterSet::info(const std::string& name) const {
  return get(name);
}

double ParameterSet::scalar(const std::string& name) const {
  const Parameter& p = get(name);
  if (p.values.size() != 1)
    throw InputError(input_error_message(
        origin_.string(), name,
        "is a table of " + std::to_string(p.values.size()) + " values, expected a single value"));
  return p.values.front();
}

std::span<const double> ParameterSet::table(const std::string& name,
                                            std::size_t expected_size) const {
  const Parameter& p = get(name);
  if (p.values.size() != expected_size)
    throw InputError(input_error_message(origin_.string(), name,
                                         "has " + std::to_string(p.values.size()) +
                                             " values, expected " + std::to_string(expected_size)));
  return p.values;
}

void ParameterSet::override_values(const std::string& name, const std::vector<double>& values,
                                   const std::string& origin) {
  auto it = by_name_.find(name);
  if (it == by_name_.end())
    throw InputError(input_error_message(origin, "", "unknown parameter \"" + name + "\""));
  Parameter& p = params_[it->second];
  if (values.size() != p.values.size())
    throw InputError(input_error_message(
        origin, "",
        p.values.size() == 1 ? "expected a single number"
                             : "expected a list of " + std::to_string(p.values.size()) +
                                   " numbers (" + p.unit + ")"));
  for (double v : values)
    if (!std::isfinite(v) || v < p.min || v > p.max)
      throw InputError(input_error_message(origin, "",
                                           "value " + number_text(v) + " outside [" +
                                               number_text(p.min) + ", " + number_text(p.max) +
                                               "] (" + p.unit + ")"));
  p.values = values;
  p.overridden_by = origin;
}

}  // namespace leidensim
