#include "leidensim/outputs/sweep_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "leidensim/outputs/html_report.hpp"
#include "leidensim/outputs/output_file.hpp"

namespace leidensim::outputs {

namespace {

/// Whole numbers with thousands separators from 100 up; two significant decimals below.
std::string num(double x) {
  if (!std::isfinite(x)) return "n/a";
  char buf[64];
  if (std::fabs(x) >= 100) {
    std::snprintf(buf, sizeof buf, "%.0f", std::fabs(x));
    std::string digits = buf, grouped;
    for (std::size_t k = 0; k < digits.size(); ++k) {
      if (k > 0 && (digits.size() - k) % 3 == 0) grouped += ',';
      grouped += digits[k];
    }
    return (x < 0 ? "-" : "") + grouped;
  }
  std::snprintf(buf, sizeof buf, "%.3g", x);
  return buf;
}

std::string signed_num(double x) {
  return (std::isfinite(x) && x > 0 ? "+" : "") + num(x);
}

std::string percent(double x) {
  if (!std::isfinite(x)) return "n/a";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f%%", 100 * x);
  return buf;
}

std::string coord(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", x);
  return buf;
}

/// Sample means (dots) against the Monte Carlo band mean +- 1.96 sigma_w / sqrt(R) (grey) and
/// the parameter range (blue line), with zero marked: if the dots spread well beyond the grey
/// band, the parameters matter more than the noise.
std::string dot_chart(const uncertainty::Decomposition& d) {
  const double band_lo = d.mean_effect - 1.96 * d.mc_sd_mean;
  const double band_hi = d.mean_effect + 1.96 * d.mc_sd_mean;
  double lo = std::min({band_lo, 0.0, d.parameter_low}),
         hi = std::max({band_hi, 0.0, d.parameter_high});
  for (double m : d.sample_means) {
    lo = std::min(lo, m);
    hi = std::max(hi, m);
  }
  if (!(hi > lo)) {
    lo -= 1;
    hi += 1;
  }
  const double pad = 0.05 * (hi - lo);
  lo -= pad;
  hi += pad;
  const double width = 420, left = 10, height = 46;
  const auto x = [&](double v) { return left + (v - lo) / (hi - lo) * width; };
  std::ostringstream s;
  s << "<svg width=\"" << width + 2 * left << "\" height=\"" << height
    << "\" role=\"img\" aria-label=\"sample means against the Monte Carlo band\">";
  s << "<rect x=\"" << coord(x(band_lo)) << "\" y=\"6\" width=\""
    << coord(std::max(1.0, x(band_hi) - x(band_lo))) << "\" height=\"22\" fill=\"#ddd\"/>";
  s << "<line x1=\"" << coord(x(d.parameter_low)) << "\" x2=\"" << coord(x(d.parameter_high))
    << "\" y1=\"33\" y2=\"33\" stroke=\"#1f77b4\" stroke-width=\"3\"/>";
  s << "<line x1=\"" << coord(x(0)) << "\" x2=\"" << coord(x(0))
    << "\" y1=\"2\" y2=\"36\" stroke=\"#000\" stroke-dasharray=\"2,2\"/>";
  for (double m : d.sample_means)
    s << "<circle cx=\"" << coord(x(m)) << "\" cy=\"17\" r=\"3\" fill=\"#d62728\" "
      << "fill-opacity=\"0.7\"/>";
  s << "<text x=\"" << left << "\" y=\"45\" font-size=\"10\">" << html_escape(num(lo)) << "</text>";
  s << "<text x=\"" << left + width << "\" y=\"45\" font-size=\"10\" text-anchor=\"end\">"
    << html_escape(num(hi)) << "</text>";
  s << "</svg>";
  return s.str();
}

}  // namespace

void write_sweep_html(const std::filesystem::path& file, const uncertainty::SweepResult& r,
                      const nlohmann::json& info) {
  auto out = open_output_file(file);
  const std::string base = info.value("base", "base"), scenario = info.value("scenario", "?");
  const auto& indicators = uncertainty::sweep_indicators();
  const auto& params = r.design.parameters;
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      << "<title>Parameter sweep: " << html_escape(scenario) << " against " << html_escape(base)
      << "</title><style>"
      << "body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}"
      << "table{border-collapse:collapse;margin:1em 0}td,th{border-bottom:1px solid #ccc;"
      << "padding:.25em .6em;text-align:right}th:first-child,td:first-child{text-align:left}"
      << ".mc{background:#f3f3f3}.par{background:#eaf2fb}pre{background:#f6f6f6;padding:1em;"
      << "overflow:auto;font-size:80%}.note{color:#555;font-size:90%}</style></head><body>\n";
  out << "<h1>Parameter sweep: " << html_escape(scenario) << " against " << html_escape(base)
      << "</h1>\n";
  out << "<p>How sure can we be of the effect of <b>" << html_escape(scenario)
      << "</b>? Two things make it uncertain. <b>Monte Carlo noise</b>: the simulation draws "
         "people's lives at random, so repeating it with other random draws gives a slightly "
         "different answer; more replications make this smaller. <b>Parameter uncertainty</b>: "
         "the effect sizes of the measure are not known exactly, the evidence gives a range; "
         "more replications do not make this smaller, only better evidence does. The scenario "
         "was run for "
      << r.design.samples() << " combinations of parameter values (a Latin hypercube within the "
      << "ranges below), each for " << r.replications
      << " replications with the same random draws as the base (paired), over " << r.years
      << " years. Effects are scenario minus base, city totals averaged over those years.</p>\n";

  out << "<h2>Parameters varied</h2>\n<table><tr><th>parameter</th><th>low</th><th>high</th>"
         "<th>range from</th></tr>\n";
  for (const auto& p : params)
    out << "<tr><td>" << html_escape(p.name) << (p.integer ? " (whole numbers)" : "") << "</td><td>"
        << num(p.low) << "</td><td>" << num(p.high) << "</td><td>" << html_escape(p.origin)
        << "</td></tr>\n";
  out << "</table>\n";

  out << "<h2>Effects and their uncertainty</h2>\n<table><tr><th>indicator</th>"
         "<th>base (mean)</th><th>mean effect</th>"
         "<th class=\"mc\">Monte Carlo SD<br>of the mean of "
      << r.replications
      << " runs</th><th class=\"mc\">Monte Carlo SD<br>of one run</th>"
         "<th class=\"par\">parameter SD</th><th class=\"par\">share from parameters</th>"
         "<th class=\"par\">parameter range<br>(2.5&ndash;97.5% of samples)</th></tr>\n";
  for (std::size_t k = 0; k < indicators.size(); ++k) {
    const auto& d = r.decomposition[k];
    out << "<tr><td>" << html_escape(indicators[k].name) << " <span class=\"note\">("
        << html_escape(indicators[k].unit) << ")</span></td><td>" << num(r.base_means[k])
        << "</td><td>" << signed_num(d.mean_effect) << "</td><td class=\"mc\">" << num(d.mc_sd_mean)
        << "</td><td class=\"mc\">" << num(d.mc_sd_run) << "</td><td class=\"par\">"
        << num(d.parameter_sd) << "</td><td class=\"par\">" << percent(d.parameter_share)
        << "</td><td class=\"par\">[" << signed_num(d.parameter_low) << ", "
        << signed_num(d.parameter_high) << "]</td></tr>\n";
  }
  out << "</table>\n<p class=\"note\">Grey columns: Monte Carlo noise, which more replications "
         "reduce. Blue columns: parameter uncertainty, which they do not. The share from "
         "parameters is the part of the uncertainty of a mean effect (from "
      << r.replications
      << " replications at uncertain parameter values) that the parameters cause; near 0% the "
         "spread between parameter values is no larger than noise. The parameter range still "
         "holds some noise; the share says how much. Formulas: a random-effects analysis of "
         "variance of sample &times; replication that allows for the noise all samples share "
         "through common random numbers (see docs/validation.md).</p>\n";

  out << "<h2>Sample means against Monte Carlo noise</h2>\n<p class=\"note\">Red dots: the mean "
         "effect of each parameter sample. Grey band: where the mean effect would fall from "
         "Monte Carlo noise alone (mean &plusmn; 1.96 Monte Carlo SD). Blue line: the parameter "
         "range. Dashed line: no effect.</p>\n<table>\n";
  for (std::size_t k = 0; k < indicators.size(); ++k)
    out << "<tr><td>" << html_escape(indicators[k].name) << "</td><td>"
        << dot_chart(r.decomposition[k]) << "</td></tr>\n";
  out << "</table>\n";

  out << "<h2>Which parameter matters</h2>\n<p class=\"note\">Correlation between a parameter's "
         "sampled value and the sample's mean effect (&minus;1 to 1; near 0: the parameter "
         "hardly matters for this indicator), and in brackets the standardized regression "
         "coefficient (all parameters together).</p>\n<table><tr><th>indicator</th>";
  for (const auto& p : params) out << "<th>" << html_escape(p.name) << "</th>";
  out << "</tr>\n";
  for (std::size_t k = 0; k < indicators.size(); ++k) {
    out << "<tr><td>" << html_escape(indicators[k].name) << "</td>";
    for (std::size_t j = 0; j < params.size(); ++j) {
      const auto& s = r.sensitivity[k][j];
      char buf[64];
      if (std::isfinite(s.correlation) && std::isfinite(s.standardized_coefficient))
        std::snprintf(buf, sizeof buf, "%+.2f (%+.2f)", s.correlation, s.standardized_coefficient);
      else if (std::isfinite(s.correlation))
        std::snprintf(buf, sizeof buf, "%+.2f", s.correlation);
      else
        std::snprintf(buf, sizeof buf, "n/a");
      out << "<td>" << buf << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</table>\n<h2>Provenance</h2>\n<pre>" << html_escape(info.dump(2))
      << "</pre>\n</body></html>\n";
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

}  // namespace leidensim::outputs
