#include "leidensim/csv_table.hpp"

#include <charconv>
#include <fstream>
#include <sstream>

#include "leidensim/errors.hpp"

namespace leidensim {

namespace {
// Splits RFC 4180 CSV text into records; quoted fields may hold commas, quotes and newlines.
std::vector<std::vector<std::string>> split_records(const std::string& text,
                                                    const std::string& origin) {
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (any || !field.empty()) {
        row.push_back(std::move(field));
        out.push_back(std::move(row));
      }
      row.clear();
      field.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (quoted) throw InputError(input_error_message(origin, "", "unterminated quoted field"));
  if (any || !field.empty()) {
    row.push_back(std::move(field));
    out.push_back(std::move(row));
  }
  return out;
}
}  // namespace

CsvTable CsvTable::read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(input_error_message(path.string(), "", "cannot open file"));
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse(ss.str(), path.string());
}

CsvTable CsvTable::parse(const std::string& text, std::string origin) {
  CsvTable t;
  t.origin_ = std::move(origin);
  auto records = split_records(text, t.origin_);
  if (records.empty()) throw InputError(input_error_message(t.origin_, "", "empty file"));
  t.header_ = std::move(records.front());
  for (std::size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() != t.header_.size())
      throw InputError(input_error_message(t.origin_, "line " + std::to_string(r + 1),
                                           "expected " + std::to_string(t.header_.size()) +
                                               " fields, found " +
                                               std::to_string(records[r].size())));
    t.rows_.push_back(std::move(records[r]));
  }
  return t;
}

bool CsvTable::has_column(const std::string& name) const {
  for (const auto& h : header_)
    if (h == name) return true;
  return false;
}

std::size_t CsvTable::column(const std::string& name) const {
  for (std::size_t i = 0; i < header_.size(); ++i)
    if (header_[i] == name) return i;
  throw InputError(input_error_message(origin_, "column " + name, "missing column"));
}

const std::string& CsvTable::cell(std::size_t row, const std::string& col) const {
  return rows_.at(row)[column(col)];
}

double CsvTable::number(std::size_t row, const std::string& col) const {
  const std::string& s = cell(row, col);
  double v = 0;
  const auto* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, v);
  if (ec != std::errc() || ptr != end || s.empty())
    throw InputError(input_error_message(origin_,
                                         "line " + std::to_string(row + 2) + ", column " + col,
                                         "expected a number, found \"" + s + "\""));
  return v;
}

std::optional<std::size_t> CsvTable::find(
    const std::vector<std::pair<std::string, std::string>>& match) const {
  std::vector<std::pair<std::size_t, const std::string*>> cols;
  for (const auto& [c, v] : match) cols.emplace_back(column(c), &v);
  for (std::size_t r = 0; r < rows_.size(); ++r) {
    bool ok = true;
    for (const auto& [c, v] : cols) ok = ok && rows_[r][c] == *v;
    if (ok) return r;
  }
  return std::nullopt;
}

std::size_t CsvTable::require(const std::vector<std::pair<std::string, std::string>>& match) const {
  if (auto r = find(match)) return *r;
  std::string what;
  for (const auto& [c, v] : match) what += (what.empty() ? "" : ", ") + c + "=" + v;
  throw InputError(input_error_message(origin_, "", "no row with " + what));
}

}  // namespace leidensim
