#include "leidensim/outputs/parameter_register_csv.hpp"

#include <functional>
#include <stdexcept>

#include "leidensim/number_text.hpp"
#include "leidensim/outputs/atomic_file.hpp"
#include "leidensim/outputs/csv_field.hpp"

namespace leidensim::outputs {

namespace fs = std::filesystem;

namespace {

std::string optional_text(const std::optional<double>& x) {
  return x ? number_text(*x) : "";
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

/// Writes `file` whole or not at all.
void write_atomically(const fs::path& file, const std::function<void(std::ostream&)>& body) {
  if (file.filename().empty())
    throw std::runtime_error("\"" + file.string() + "\" is not a file name");
  write_file_atomically(file, body);
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
