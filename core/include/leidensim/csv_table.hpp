#pragma once
// A small reader for the data packs' CSV files (RFC 4180 quoting, one header row). Every lookup
// failure reports the file, the row and the column, so a bad data file is a clear input error.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace leidensim {

class CsvTable {
 public:
  static CsvTable read(const std::filesystem::path& path);
  static CsvTable parse(const std::string& text, std::string origin);

  const std::string& origin() const { return origin_; }
  const std::vector<std::string>& header() const { return header_; }
  std::size_t rows() const { return rows_.size(); }

  /// Column index; throws InputError if the column is missing.
  std::size_t column(const std::string& name) const;
  bool has_column(const std::string& name) const;
  const std::string& cell(std::size_t row, std::size_t col) const { return rows_[row][col]; }
  const std::string& cell(std::size_t row, const std::string& col) const;
  /// Number in a cell; throws InputError naming file, row and column if it is not a number.
  double number(std::size_t row, const std::string& col) const;

  /// First row where every (column, value) pair matches, if any.
  std::optional<std::size_t> find(
      const std::vector<std::pair<std::string, std::string>>& match) const;
  /// Like find, but a missing row is an InputError that names what was looked for.
  std::size_t require(const std::vector<std::pair<std::string, std::string>>& match) const;

 private:
  std::string origin_;
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace leidensim
