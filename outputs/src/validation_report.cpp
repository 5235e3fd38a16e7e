#include "leidensim/outputs/validation_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "leidensim/outputs/atomic_file.hpp"
#include "leidensim/outputs/html_report.hpp"

namespace leidensim::outputs {

namespace {

std::string fmt(double x, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return buf;
}

/// Few decimals for counts, more for shares.
std::string value(double x) {
  return fmt(x, std::abs(x) >= 100 ? 0 : std::abs(x) >= 1 ? 2 : 4);
}

std::string percent(double x) {
  return fmt(100 * x, 1) + "%";
}

const char* kStyle = R"(
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:68em;color:#222;line-height:1.4}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:.9em}
th,td{padding:.2em .6em;border-bottom:1px solid #eee;text-align:right}
th:first-child,td:first-child,td.text{text-align:left}
.pass{color:#1a7f37;font-weight:600}.fail{color:#c62828;font-weight:600}.info{color:#777}
.note{color:#555;font-size:.9em;max-width:60em}
svg{background:#fafafa;border:1px solid #eee}
)";

void calibration_section(std::ostream& o, const std::vector<CalibrationRow>& rows) {
  const auto judged = std::count_if(rows.begin(), rows.end(), [](auto& r) { return r.judged(); });
  const auto passed =
      std::count_if(rows.begin(), rows.end(), [](auto& r) { return r.judged() && r.pass(); });
  o << "<h2 id=\"calibration\">Calibration: the simulated base year</h2>\n"
    << "<p class=\"note\">Each row: the model's value over its first simulated year (stocks: the "
       "mean of the twelve month-ends; flows: the year's total; mean of the replications, with "
       "its Monte Carlo standard error) beside the data pack's target. <b>"
    << passed << " of " << judged
    << "</b> judged rows are within their tolerance. Rows marked <i>info</i> show an assumed "
       "target that the published figures contradict.</p>\n";
  std::string group;
  for (const auto& r : rows) {
    if (r.group != group) {
      if (!group.empty()) o << "</table>\n";
      group = r.group;
      o << "<h3>" << html_escape(group)
        << "</h3>\n<p class=\"note\">Source: " << html_escape(r.source)
        << "</p>\n<table class=\"calibration\"><tr><th>target</th><th>data pack</th>"
           "<th>simulated</th><th>MC s.e.</th><th>deviation</th><th>tolerance</th><th></th></tr>\n";
    }
    const char* cls = !r.judged() ? "info" : r.pass() ? "pass" : "fail";
    const char* mark = !r.judged() ? "info" : r.pass() ? "pass" : "FAIL";
    o << "<tr><td>" << html_escape(r.name) << "</td><td>" << value(r.target) << "</td><td>"
      << value(r.simulated) << "</td><td>" << value(r.standard_error) << "</td><td>"
      << percent(r.deviation()) << "</td><td>&plusmn;" << percent(r.tolerance)
      << "</td><td class=\"" << cls << "\">" << mark << "</td></tr>\n";
  }
  if (!group.empty()) o << "</table>\n";
}

void backcast_chart(std::ostream& o, const BackcastSeries& s) {
  const double w = 640, h = 260, left = 70, right = 20, top = 20, bottom = 40;
  double lo = 1e300, hi = -1e300;
  for (const auto& p : s.points) {
    lo = std::min({lo, p.observed, p.band_low});
    hi = std::max({hi, p.observed, p.band_high});
  }
  const double pad = 0.1 * (hi - lo + 1);
  lo -= pad;
  hi += pad;
  const int y0 = s.points.front().year, y1 = s.points.back().year;
  auto x = [&](int year) {
    return left + (y1 == y0 ? 0.5 : double(year - y0) / (y1 - y0)) * (w - left - right);
  };
  auto y = [&](double v) { return top + (hi - v) / (hi - lo) * (h - top - bottom); };
  o << "<svg class=\"chart backcast\" width=\"" << w << "\" height=\"" << h << "\" role=\"img\" "
    << "aria-label=\"" << html_escape(s.name) << "\">\n";
  std::ostringstream band;
  for (const auto& p : s.points) band << fmt(x(p.year), 1) << ',' << fmt(y(p.band_high), 1) << ' ';
  for (auto it = s.points.rbegin(); it != s.points.rend(); ++it)
    band << fmt(x(it->year), 1) << ',' << fmt(y(it->band_low), 1) << ' ';
  o << "<polygon class=\"band\" points=\"" << band.str()
    << "\" fill=\"#1f77b4\" fill-opacity=\"0.18\"/>\n";
  std::ostringstream line;
  for (const auto& p : s.points) line << fmt(x(p.year), 1) << ',' << fmt(y(p.simulated), 1) << ' ';
  o << "<polyline class=\"simulated\" points=\"" << line.str()
    << "\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\"/>\n";
  for (const auto& p : s.points)
    o << "<circle class=\"observed\" cx=\"" << fmt(x(p.year), 1) << "\" cy=\""
      << fmt(y(p.observed), 1) << "\" r=\"4\" fill=\"#d62728\"/>\n";
  for (int k = 0; k <= 4; ++k) {
    const double v = lo + (hi - lo) * k / 4;
    o << "<text x=\"" << left - 6 << "\" y=\"" << fmt(y(v) + 4, 1)
      << "\" font-size=\"11\" text-anchor=\"end\">" << fmt(v, 0) << "</text>\n";
  }
  for (const auto& p : s.points)
    o << "<text x=\"" << fmt(x(p.year), 1) << "\" y=\"" << h - bottom + 16
      << "\" font-size=\"11\" text-anchor=\"middle\">" << p.year << "</text>\n";
  o << "<text x=\"" << left << "\" y=\"" << h - 6
    << "\" font-size=\"11\">red: observed &#183; blue: simulated mean with the 95% Monte Carlo "
       "band of a single run</text>\n</svg>\n";
}

void backcast_section(std::ostream& o, const std::vector<BackcastSeries>& series) {
  o << "<h2 id=\"backcast\">Backcast</h2>\n<p class=\"note\">The model started from an earlier "
       "year's population (the 2024 districts scaled to that year's published age bands, the "
       "published bijstand stock of the end of the year before) and run with today's rates. "
       "These series were not used to set any rate: they are validation targets. The band is "
       "Monte Carlo noise only; the distance between the band and the observed points is what "
       "the model does not explain (rates that changed over time, the pandemic, data "
       "definitions).</p>\n";
  for (const auto& s : series) {
    o << "<h3>" << html_escape(s.name) << "</h3>\n";
    backcast_chart(o, s);
    o << "<table class=\"backcast\"><tr><th>year</th><th>observed</th><th>simulated</th>"
         "<th>95% band</th><th>error</th><th>relative</th></tr>\n";
    for (const auto& p : s.points)
      o << "<tr><td>" << p.year << "</td><td>" << value(p.observed) << "</td><td>"
        << value(p.simulated) << "</td><td>" << value(p.band_low) << " &ndash; "
        << value(p.band_high) << "</td><td>" << value(p.error()) << "</td><td>"
        << percent(p.relative_error()) << "</td></tr>\n";
    o << "</table>\n<p>MAPE <b>" << percent(s.mape) << "</b> (bound " << percent(s.bound)
      << ": <span class=\"" << (s.within_bound() ? "pass\">within" : "fail\">EXCEEDED")
      << "</span>), bias " << percent(s.bias) << ", RMSE " << value(s.rmse) << ", largest error "
      << percent(s.max_abs_relative_error) << ".</p>\n<p class=\"note\">"
      << html_escape(s.bound_note) << "</p>\n";
  }
}

void analytic_section(std::ostream& o, const std::vector<CheckRow>& rows) {
  o << "<h2 id=\"analytic\">Analytic checks</h2>\n<p class=\"note\">Configurations in which a "
       "process has a closed-form answer, simulated with the real modules (docs/validation.md). "
       "The interval is the analytic value &plusmn; 4 standard errors.</p>\n"
       "<table class=\"analytic\"><tr><th>check</th><th>quantity</th><th>analytic</th>"
       "<th>simulated</th><th>s.e.</th><th>interval</th><th></th></tr>\n";
  for (const auto& r : rows)
    o << "<tr><td>" << html_escape(r.check) << "</td><td class=\"text\">" << html_escape(r.quantity)
      << "</td><td>" << value(r.analytic) << "</td><td>" << value(r.simulated) << "</td><td>"
      << fmt(r.standard_error, 5) << "</td><td>" << value(r.lower) << " &ndash; " << value(r.upper)
      << "</td><td class=\"" << (r.pass ? "pass\">pass" : "fail\">FAIL") << "</td></tr>\n";
  o << "</table>\n";
}

}  // namespace

void write_validation_report(const std::filesystem::path& file, const ValidationReport& r) {
  write_file_atomically(file, [&](std::ostream& o) {
    o << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<title>leidensim model validity</title><style>"
      << kStyle << "</style></head><body>\n<h1>leidensim: model validity</h1>\n<p>";
    if (!r.calibration.empty()) o << "<a href=\"#calibration\">Calibration</a> &#183; ";
    if (!r.backcast.empty()) o << "<a href=\"#backcast\">Backcast</a> &#183; ";
    if (!r.analytic.empty()) o << "<a href=\"#analytic\">Analytic checks</a> &#183; ";
    o << "<a href=\"#provenance\">Provenance</a></p>\n";
    if (!r.calibration.empty()) calibration_section(o, r.calibration);
    if (!r.backcast.empty()) backcast_section(o, r.backcast);
    if (!r.analytic.empty()) analytic_section(o, r.analytic);
    o << "<h2 id=\"provenance\">Provenance</h2>\n<table class=\"provenance\">\n";
    for (const auto& [k, v] : r.provenance.items())
      o << "<tr><td>" << html_escape(k) << "</td><td class=\"text\">"
        << html_escape(v.is_string() ? v.get<std::string>() : v.dump()) << "</td></tr>\n";
    o << "</table>\n</body></html>\n";
  });
}

}  // namespace leidensim::outputs
