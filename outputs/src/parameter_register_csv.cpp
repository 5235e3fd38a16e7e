#include "leidensim/outputs/parameter_register_csv.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace leidensim::outputs {

namespace fs = std::filesystem;

namespace {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string optional_text(const std::optional<double>& x) {
  if (!x) return "";
  std::ostringstream ss;
  ss.precision(10);
  ss << *x;
  return ss.str();
}

void write_rows(std::ostream& out, const std::string* scenario, const ParameterRegister& reg) {
  for (const auto& e : reg) {
    if (scenario) out << csv_field(*scenario) << ',';
    out << to_string(e.kind) << ',' << csv_field(e.measure) << ',' << csv_field(e.parameter) << ','
        << csv_field(register_value_full(e.value)) << ',' << csv_field(e.unit) << ','
        << optional_text(e.low) << ',' << optional_text(e.high) << ','
        << (e.quality ? to_string(*e.quality) : "") << ',' << csv_field(e.source) << ','
        << csv_field(e.note) << ',' << csv_field(e.overridden_by) << '\n';
  }
}

/// Writes through a temporary file next to `file`, renamed when complete.
template <class Body>
void write_atomically(const fs::path& file, Body body) {
  if (file.filename().empty())
    throw std::runtime_error("\"" + file.string() + "\" is not a file name");
  if (file.has_parent_path()) fs::create_directories(file.parent_path());
  const fs::path partial = file.parent_path() / ("." + file.filename().string() + ".partial-" +
                                                 std::to_string(::getpid()));
  try {
    {
      std::ofstream out(partial, std::ios::binary | std::ios::trunc);
      if (!out) throw std::runtime_error("cannot write " + partial.string());
      body(out);
      out.flush();
      if (!out) throw std::runtime_error("cannot write " + partial.string());
    }
    fs::rename(partial, file);
  } catch (...) {
    std::error_code ec;
    fs::remove(partial, ec);
    throw;
  }
}

constexpr const char* kColumns =
    "kind,measure,parameter,value,unit,low,high,quality,source,note,overridden_by\n";

}  // namespace

void write_parameter_register_csv(const fs::path& file, const ParameterRegister& reg) {
  write_atomically(file, [&](std::ostream& out) {
    out << kColumns;
    write_rows(out, nullptr, reg);
  });
}

void write_parameter_register_csv(
    const fs::path& file, const std::vector<std::pair<std::string, ParameterRegister>>& scenarios) {
  write_atomically(file, [&](std::ostream& out) {
    out << "scenario," << kColumns;
    for (const auto& [name, reg] : scenarios) write_rows(out, &name, reg);
  });
}

}  // namespace leidensim::outputs
