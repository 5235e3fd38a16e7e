#include "leidensim/outputs/validation_csv.hpp"

#include <fstream>
#include <iomanip>
#include <limits>

#include "leidensim/errors.hpp"

namespace leidensim::outputs {

namespace {

std::string quoted(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::ofstream open_csv(const std::filesystem::path& file) {
  std::ofstream out(file);
  if (!out) throw std::runtime_error("cannot write " + file.string());
  out << std::setprecision(std::numeric_limits<double>::max_digits10);
  return out;
}

}  // namespace

void write_calibration_csv(const std::filesystem::path& folder,
                           const std::vector<CalibrationRow>& rows) {
  if (rows.empty()) return;
  auto out = open_csv(folder / "calibration.csv");
  out << "group,name,unit,role,target,simulated,standard_error,deviation,tolerance,pass,source\n";
  for (const auto& r : rows)
    out << quoted(r.group) << ',' << quoted(r.name) << ',' << quoted(r.unit) << ',' << r.role << ','
        << r.target << ',' << r.simulated << ',' << r.standard_error << ',' << r.deviation() << ','
        << r.tolerance << ',' << (r.judged() ? (r.pass() ? "yes" : "no") : "-") << ','
        << quoted(r.source) << '\n';
}

void write_backcast_csv(const std::filesystem::path& folder,
                        const std::vector<BackcastSeries>& series) {
  if (series.empty()) return;
  auto out = open_csv(folder / "backcast.csv");
  out << "series,year,observed,simulated,band_low,band_high,error,relative_error,source\n";
  for (const auto& s : series)
    for (const auto& p : s.points)
      out << quoted(s.name) << ',' << p.year << ',' << p.observed << ',' << p.simulated << ','
          << p.band_low << ',' << p.band_high << ',' << p.error() << ',' << p.relative_error()
          << ',' << quoted(p.source) << '\n';
  auto sum = open_csv(folder / "backcast_summary.csv");
  sum << "series,unit,years,mape,rmse,bias,max_abs_relative_error,bound,within_bound\n";
  for (const auto& s : series)
    sum << quoted(s.name) << ',' << quoted(s.unit) << ',' << s.points.size() << ',' << s.mape << ','
        << s.rmse << ',' << s.bias << ',' << s.max_abs_relative_error << ',' << s.bound << ','
        << (s.within_bound() ? "yes" : "no") << '\n';
}

void write_analytic_checks_csv(const std::filesystem::path& folder,
                               const std::vector<CheckRow>& rows) {
  if (rows.empty()) return;
  auto out = open_csv(folder / "analytic_checks.csv");
  out << "check,quantity,analytic,simulated,standard_error,lower,upper,pass\n";
  for (const auto& r : rows)
    out << quoted(r.check) << ',' << quoted(r.quantity) << ',' << r.analytic << ',' << r.simulated
        << ',' << r.standard_error << ',' << r.lower << ',' << r.upper << ','
        << (r.pass ? "yes" : "no") << '\n';
}

}  // namespace leidensim::outputs
