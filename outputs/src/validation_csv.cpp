#include "leidensim/outputs/validation_csv.hpp"

#include <limits>

#include "leidensim/errors.hpp"
#include "leidensim/outputs/csv_field.hpp"
#include "leidensim/outputs/output_file.hpp"

namespace leidensim::outputs {

namespace {

/// Every digit of a double, so that the figures read back exactly.
std::ofstream open_csv(const std::filesystem::path& file) {
  return open_output_file(file, std::numeric_limits<double>::max_digits10);
}

}  // namespace

void write_calibration_csv(const std::filesystem::path& folder,
                           const std::vector<CalibrationRow>& rows) {
  if (rows.empty()) return;
  auto out = open_csv(folder / "calibration.csv");
  out << "group,name,unit,role,target,simulated,standard_error,deviation,tolerance,pass,source\n";
  for (const auto& r : rows)
    out << csv_field(r.group) << ',' << csv_field(r.name) << ',' << csv_field(r.unit) << ','
        << r.role << ',' << r.target << ',' << r.simulated << ',' << r.standard_error << ','
        << r.deviation() << ',' << r.tolerance << ','
        << (r.judged() ? (r.pass() ? "yes" : "no") : "-") << ',' << csv_field(r.source) << '\n';
}

void write_backcast_csv(const std::filesystem::path& folder,
                        const std::vector<BackcastSeries>& series) {
  if (series.empty()) return;
  auto out = open_csv(folder / "backcast.csv");
  out << "series,year,observed,simulated,band_low,band_high,error,relative_error,source\n";
  for (const auto& s : series)
    for (const auto& p : s.points)
      out << csv_field(s.name) << ',' << p.year << ',' << p.observed << ',' << p.simulated << ','
          << p.band_low << ',' << p.band_high << ',' << p.error() << ',' << p.relative_error()
          << ',' << csv_field(p.source) << '\n';
  auto sum = open_csv(folder / "backcast_summary.csv");
  sum << "series,unit,years,mape,rmse,bias,max_abs_relative_error,bound,within_bound\n";
  for (const auto& s : series)
    sum << csv_field(s.name) << ',' << csv_field(s.unit) << ',' << s.points.size() << ',' << s.mape
        << ',' << s.rmse << ',' << s.bias << ',' << s.max_abs_relative_error << ',' << s.bound
        << ',' << (s.within_bound() ? "yes" : "no") << '\n';
}

void write_analytic_checks_csv(const std::filesystem::path& folder,
                               const std::vector<CheckRow>& rows) {
  if (rows.empty()) return;
  auto out = open_csv(folder / "analytic_checks.csv");
  out << "check,quantity,analytic,simulated,standard_error,lower,upper,pass\n";
  for (const auto& r : rows)
    out << csv_field(r.check) << ',' << csv_field(r.quantity) << ',' << r.analytic << ','
        << r.simulated << ',' << r.standard_error << ',' << r.lower << ',' << r.upper << ','
        << (r.pass ? "yes" : "no") << '\n';
}

}  // namespace leidensim::outputs
