#include "leidensim/outputs/html_report.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <sstream>
#include <stdexcept>

#include "leidensim/outputs/atomic_file.hpp"

namespace leidensim::outputs {

namespace fs = std::filesystem;

namespace {

constexpr std::array<const char*, 8> kColours = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd",
                                                 "#ff7f0e", "#17becf", "#8c564b", "#e377c2"};
const char* colour(int scenario) {
  return kColours[static_cast<std::size_t>(scenario) % kColours.size()];
}

// ---- numbers --------------------------------------------------------------------------------

/// `x` with `decimals` decimals and thousands separators; "n/a" if not finite.
std::string number(double x, int decimals = 0) {
  if (!std::isfinite(x)) return "n/a";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(x));
  std::string digits = buf;
  const std::size_t point = digits.find('.');
  std::string whole = digits.substr(0, point);
  const std::string fraction = point == std::string::npos ? "" : digits.substr(point);
  std::string grouped;
  for (std::size_t k = 0; k < whole.size(); ++k) {
    if (k > 0 && (whole.size() - k) % 3 == 0) grouped += ',';
    grouped += whole[k];
  }
  const bool zero =
      std::all_of(buf, buf + std::strlen(buf), [](char c) { return c == '0' || c == '.'; });
  return (x < 0 && !zero ? "-" : "") + grouped + fraction;
}

/// Decimals that show values of size `x` sensibly (counts: none above 100).
int decimals_for(double x) {
  x = std::fabs(x);
  if (!std::isfinite(x) || x >= 100) return 0;
  if (x >= 10) return 1;
  return 2;
}

std::string euros(double x) {
  return std::isfinite(x) ? "&euro;&nbsp;" + number(x) : "n/a";
}

/// SVG coordinate.
std::string coord(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", x);
  return buf;
}

std::string interval(const Estimate& e, int decimals, bool money) {
  if (!std::isfinite(e.low) || !std::isfinite(e.high)) return "";
  const auto f = [&](double x) { return money ? number(x) : number(x, decimals); };
  return "<span class=\"ci\">[" + f(e.low) + ", " + f(e.high) + "]</span>";
}

// ---- charts ---------------------------------------------------------------------------------

struct Point {
  int year;
  Estimate e;
};
struct Series {
  std::string name;
  int scenario;
  std::vector<Point> points;
};

struct Ticks {
  double low, high, step;
  int decimals;
};

Ticks nice_ticks(double low, double high) {
  if (!std::isfinite(low) || !std::isfinite(high)) low = 0, high = 1;
  if (high - low <= 0) {
    const double pad = std::max(1.0, std::fabs(low) * 0.05);
    low -= pad;
    high += pad;
  }
  const double raw = (high - low) / 5;
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / p;
  const double step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * p;
  Ticks t;
  t.step = step;
  t.low = std::floor(low / step) * step;
  t.high = std::ceil(high / step) * step;
  t.decimals = std::max(0, static_cast<int>(-std::floor(std::log10(step) + 1e-9)));
  return t;
}

/// One SVG chart: lines with bands over years, optionally a zero line.
std::string chart(const std::string& kind, const std::string& indicator, const std::string& title,
                  const std::string& y_label, const std::vector<Series>& series, bool zero_line) {
  constexpr double W = 560, H = 300, left = 72, right = 16, top = 34, bottom = 58;
  int y0 = 1 << 30, y1 = -(1 << 30);
  double v0 = INFINITY, v1 = -INFINITY;
  for (const auto& s : series)
    for (const auto& p : s.points) {
      if (!std::isfinite(p.e.mean)) continue;
      y0 = std::min(y0, p.year);
      y1 = std::max(y1, p.year);
      for (double v : {p.e.mean, p.e.low, p.e.high})
        if (std::isfinite(v)) v0 = std::min(v0, v), v1 = std::max(v1, v);
    }
  if (y0 > y1) y0 = y1 = 0;
  if (zero_line || !std::isfinite(v0)) {
    v0 = std::min(std::isfinite(v0) ? v0 : 0.0, 0.0);
    v1 = std::max(std::isfinite(v1) ? v1 : 0.0, 0.0);
  }
  const Ticks t = nice_ticks(v0, v1);
  const double plot_w = W - left - right, plot_h = H - top - bottom;
  const auto x_of = [&](double year) {
    return y1 == y0 ? left + plot_w / 2 : left + (year - y0) / (y1 - y0) * plot_w;
  };
  const auto y_of = [&](double v) { return top + (t.high - v) / (t.high - t.low) * plot_h; };

  std::ostringstream o;
  o << "<svg class=\"chart\" data-chart=\"" << kind << "\" data-indicator=\"" << indicator
    << "\" viewBox=\"0 0 " << W << ' ' << H << "\" width=\"" << W << "\" height=\"" << H
    << "\" role=\"img\">\n<title>" << html_escape(title) << "</title>\n";
  o << "<text class=\"chart-title\" x=\"" << left << "\" y=\"20\">" << html_escape(title)
    << "</text>\n";
  // Grid and y axis.
  o << "<g class=\"axis y-axis\">\n";
  const int n_ticks = static_cast<int>(std::lround((t.high - t.low) / t.step));
  for (int k = 0; k <= n_ticks; ++k) {
    const double v = t.low + k * t.step;
    const double y = y_of(v);
    o << "<line class=\"grid\" x1=\"" << left << "\" x2=\"" << W - right << "\" y1=\"" << coord(y)
      << "\" y2=\"" << coord(y) << "\"/><text class=\"tick-label\" x=\"" << left - 6 << "\" y=\""
      << coord(y + 4) << "\" text-anchor=\"end\">" << number(v, t.decimals) << "</text>\n";
  }
  o << "<text class=\"axis-label\" transform=\"translate(14," << coord(top + plot_h / 2)
    << ") rotate(-90)\" text-anchor=\"middle\">" << html_escape(y_label) << "</text>\n</g>\n";
  // X axis: year ticks.
  o << "<g class=\"axis x-axis\">\n<line class=\"axis-line\" x1=\"" << left << "\" x2=\""
    << W - right << "\" y1=\"" << coord(top + plot_h) << "\" y2=\"" << coord(top + plot_h)
    << "\"/>\n";
  const int years = y1 - y0 + 1;
  const int every = std::max(1, (years + 9) / 10);
  for (int year = y0; year <= y1; year += every) {
    const double x = x_of(year);
    o << "<line class=\"tick\" x1=\"" << coord(x) << "\" x2=\"" << coord(x) << "\" y1=\""
      << coord(top + plot_h) << "\" y2=\"" << coord(top + plot_h + 5)
      << "\"/><text class=\"tick-label year\" x=\"" << coord(x) << "\" y=\""
      << coord(top + plot_h + 18) << "\" text-anchor=\"middle\">" << year << "</text>\n";
  }
  o << "</g>\n";
  if (zero_line)
    o << "<line class=\"zero\" x1=\"" << left << "\" x2=\"" << W - right << "\" y1=\""
      << coord(y_of(0)) << "\" y2=\"" << coord(y_of(0)) << "\"/>\n";
  // Bands first, lines on top.
  for (const auto& s : series) {
    std::string pts;
    std::vector<const Point*> ok;
    for (const auto& p : s.points)
      if (std::isfinite(p.e.low) && std::isfinite(p.e.high)) ok.push_back(&p);
    if (ok.empty()) continue;
    for (const Point* p : ok) pts += coord(x_of(p->year)) + "," + coord(y_of(p->e.high)) + " ";
    for (auto it = ok.rbegin(); it != ok.rend(); ++it)
      pts += coord(x_of((*it)->year)) + "," + coord(y_of((*it)->e.low)) + " ";
    pts.pop_back();
    o << "<polygon class=\"band\" data-scenario=\"" << html_escape(s.name) << "\" fill=\""
      << colour(s.scenario) << "\" points=\"" << pts << "\"/>\n";
  }
  for (const auto& s : series) {
    std::string d;
    for (const auto& p : s.points) {
      if (!std::isfinite(p.e.mean)) continue;
      d += (d.empty() ? "M" : " L") + coord(x_of(p.year)) + "," + coord(y_of(p.e.mean));
    }
    if (d.empty()) continue;
    o << "<path class=\"series\" data-scenario=\"" << html_escape(s.name) << "\" stroke=\""
      << colour(s.scenario) << "\" d=\"" << d << "\"/>\n";
    for (const auto& p : s.points)
      if (std::isfinite(p.e.mean))
        o << "<circle class=\"point\" cx=\"" << coord(x_of(p.year)) << "\" cy=\""
          << coord(y_of(p.e.mean)) << "\" r=\"2.5\" fill=\"" << colour(s.scenario) << "\"><title>"
          << html_escape(s.name) << ' ' << p.year << ": "
          << number(p.e.mean, decimals_for(p.e.mean)) << " [" << number(p.e.low, 1) << ", "
          << number(p.e.high, 1) << "]</title></circle>\n";
  }
  // Legend.
  double lx = left;
  const double ly = H - 14;
  o << "<g class=\"legend\">\n";
  for (const auto& s : series) {
    o << "<rect x=\"" << coord(lx) << "\" y=\"" << coord(ly - 9) << "\" width=\"14\" height=\"10\""
      << " fill=\"" << colour(s.scenario) << "\"/><text x=\"" << coord(lx + 18) << "\" y=\""
      << coord(ly) << "\">" << html_escape(s.name) << "</text>\n";
    lx += 40 + 7.0 * static_cast<double>(s.name.size());
  }
  o << "</g>\n</svg>\n";
  return o.str();
}

// ---- page -----------------------------------------------------------------------------------

const char* kStyle = R"(
body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
       margin: 24px auto; max-width: 1180px; color: #222; background: #fff; line-height: 1.4; }
h1 { margin-bottom: 4px; } h2 { border-bottom: 2px solid #ddd; padding-bottom: 4px; margin-top: 36px; }
h3 { margin: 20px 0 2px; } p.note, p.description { color: #555; margin: 2px 0 8px; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; }
svg.chart { max-width: 100%; height: auto; background: #fcfcfc; border: 1px solid #e4e4e4; }
svg.chart .chart-title { font-size: 13px; font-weight: 600; fill: #333; }
svg.chart text { font-size: 11px; fill: #444; }
svg.chart .grid { stroke: #e8e8e8; stroke-width: 1; }
svg.chart .axis-line, svg.chart .tick { stroke: #888; stroke-width: 1; }
svg.chart .zero { stroke: #000; stroke-width: 1.2; stroke-dasharray: 4 3; }
svg.chart .band { fill-opacity: 0.18; stroke: none; }
svg.chart .series { fill: none; stroke-width: 2; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
th, td { border: 1px solid #ddd; padding: 3px 8px; }
th { background: #f3f3f3; text-align: left; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.ci { color: #777; font-size: 11px; margin-left: 4px; }
tr.year-start td { border-top: 2px solid #bbb; }
dl.provenance { display: grid; grid-template-columns: max-content auto; gap: 2px 16px; }
dt { font-weight: 600; } dd { margin: 0; }
pre { background: #f6f6f6; padding: 8px; overflow-x: auto; font-size: 12px; }
details { margin: 6px 0; }
.swatch { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -1px; }
table.parameters { width: 100%; }
table.parameters td { vertical-align: top; }
table.parameters td.value { min-width: 90px; max-width: 260px; overflow-wrap: break-word; }
table.parameters td.unit { min-width: 150px; }
table.parameters td.set-by { min-width: 160px; font-size: 12px; overflow-wrap: break-word; }
table.parameters td.source { font-size: 12px; width: 48%; }
table.parameters .param-note { display: block; color: #777; font-size: 11px; }
table.parameters tr.overridden td { background: #fff8e1; }
.quality { font-size: 11px; padding: 0 5px; border-radius: 3px; white-space: nowrap; }
.quality.published { background: #e3f2e1; } .quality.derived { background: #e3ecf7; }
.quality.assumption { background: #fbe9d6; } .quality.none { background: #f4c7c3; }
)";

std::string json_text(const nlohmann::json& j) {
  if (j.is_null()) return "n/a";
  if (j.is_string()) return j.get<std::string>();
  return j.dump();
}

// ---- parameter register ---------------------------------------------------------------------

std::string quality_badge(const RegisterEntry& e) {
  const std::string q = e.quality ? to_string(*e.quality) : "none";
  return "<span class=\"quality " + q + "\">" + q + "</span>";
}

/// A file and JSON path, escaped, with line-break opportunities after each '/' (paths are long
/// and have no spaces).
std::string breakable_path(const std::string& path) {
  std::string out;
  for (char c : html_escape(path)) {
    out += c;
    if (c == '/') out += "<wbr>";
  }
  return out;
}

std::string range_text(const RegisterEntry& e) {
  if (!e.low || !e.high) return "";
  return html_escape(register_value_text(*e.low)) + "&ndash;" +
         html_escape(register_value_text(*e.high));
}

std::string source_cell(const RegisterEntry& e) {
  std::string out = "<td class=\"source\">" +
                    (e.source.empty() ? std::string("<em>no source: not in the data pack</em>")
                                      : html_escape(e.source));
  if (!e.note.empty()) out += "<span class=\"param-note\">" + html_escape(e.note) + "</span>";
  return out + "</td>";
}

/// Model parameters once (each scenario's value where they differ), then each scenario's
/// measure parameters.
void write_register(std::ostream& o, const ScenarioRegisters& registers) {
  o << "<h2 id=\"parameters\">Parameter register</h2>\n<section class=\"parameter-register\">\n"
       "<p class=\"note\">Every parameter of the scenarios compared, with its value, unit, "
       "quality mark (<span class=\"quality published\">published</span>: read from the source; "
       "<span class=\"quality derived\">derived</span>: computed from published figures; "
       "<span class=\"quality assumption\">assumption</span>: a stated modelling assumption, to "
       "be varied in sensitivity runs) and source. Values are the data pack's unless a scenario "
       "set its own (highlighted, with the file and JSON path). Range: the uncertainty range of "
       "the evidence, where it gives one.</p>\n";
  // Model parameters: one row per parameter, in the first scenario's order.
  const ParameterRegister& first = registers.front().second;
  o << "<h3>Model parameters</h3>\n<table class=\"parameters model-parameters\">\n<thead><tr>"
       "<th>Parameter</th><th>Value</th><th>Unit</th><th>Quality</th><th>Source</th>"
       "</tr></thead>\n<tbody>\n";
  for (const RegisterEntry& e : first) {
    if (e.kind != ParameterKind::Model) continue;
    // The same parameter in every scenario: one value if all agree, else one per scenario.
    std::vector<std::pair<std::string, const RegisterEntry*>> values;
    bool differ = false, overridden = false;
    for (const auto& [name, reg] : registers) {
      const auto it = std::find_if(reg.begin(), reg.end(), [&](const RegisterEntry& x) {
        return x.kind == ParameterKind::Model && x.parameter == e.parameter;
      });
      if (it == reg.end()) continue;
      values.emplace_back(name, &*it);
      differ = differ || it->value != e.value;
      overridden = overridden || !it->overridden_by.empty();
    }
    o << "<tr class=\"parameter" << (overridden ? " overridden" : "") << "\" data-name=\""
      << html_escape(e.parameter) << "\" data-quality=\""
      << (e.quality ? to_string(*e.quality) : "none") << "\"><td>" << html_escape(e.parameter)
      << "</td><td class=\"value\">";
    if (!differ && !overridden) {
      o << html_escape(e.value_text);
    } else {
      for (const auto& [name, x] : values)
        o << "<div data-scenario=\"" << html_escape(name) << "\"><strong>" << html_escape(name)
          << "</strong>: " << html_escape(x->value_text)
          << (x->overridden_by.empty() ? std::string(" (data pack)")
                                       : " <span class=\"set-by\">(set by " +
                                             breakable_path(x->overridden_by) + ")</span>")
          << "</div>";
    }
    o << "</td><td class=\"unit\">" << html_escape(e.unit) << "</td><td>" << quality_badge(e)
      << "</td>" << source_cell(e) << "</tr>\n";
  }
  o << "</tbody>\n</table>\n";
  // Measure parameters, per scenario.
  for (const auto& [name, reg] : registers) {
    o << "<h3>Measures of " << html_escape(name) << "</h3>\n";
    const bool any = std::any_of(reg.begin(), reg.end(), [](const RegisterEntry& x) {
      return x.kind == ParameterKind::Measure;
    });
    if (!any) {
      o << "<p class=\"note\" data-scenario=\"" << html_escape(name)
        << "\">No policy measures.</p>\n";
      continue;
    }
    o << "<table class=\"parameters measure-parameters\" data-scenario=\"" << html_escape(name)
      << "\">\n<thead><tr><th>Measure</th><th>Parameter</th><th>Value</th><th>Range</th>"
         "<th>Unit</th><th>Quality</th><th>Source</th><th>Set by the scenario</th></tr></thead>\n"
         "<tbody>\n";
    for (const RegisterEntry& e : reg) {
      if (e.kind != ParameterKind::Measure) continue;
      o << "<tr class=\"parameter" << (e.overridden_by.empty() ? "" : " overridden")
        << "\" data-name=\"" << html_escape(e.qualified_name()) << "\" data-quality=\""
        << (e.quality ? to_string(*e.quality) : "none") << "\"><td>" << html_escape(e.measure)
        << "</td><td>" << html_escape(e.parameter) << "</td><td class=\"value\">"
        << html_escape(e.value_text) << "</td><td class=\"num\">" << range_text(e)
        << "</td><td class=\"unit\">" << html_escape(e.unit) << "</td><td>" << quality_badge(e)
        << "</td>" << source_cell(e) << "<td class=\"set-by\">" << breakable_path(e.overridden_by)
        << "</td></tr>\n";
    }
    o << "</tbody>\n</table>\n";
  }
  o << "</section>\n";
}

void write_page(std::ostream& o, const std::vector<ScenarioResult>& scenarios, const Comparison& c,
                const nlohmann::json& provenance, const ScenarioRegisters& registers) {
  const int S = static_cast<int>(c.scenarios.size());
  const auto name_of = [&](int s) {
    return s >= 0 && s < S ? c.scenarios[static_cast<std::size_t>(s)]
                           : "scenario " + std::to_string(s);
  };
  o << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
       "<title>leidensim: comparison of scenarios</title>\n<style>"
    << kStyle << "</style>\n</head>\n<body>\n";
  o << "<h1>leidensim: comparison of scenarios</h1>\n<p class=\"intro\">Simulated Leiden "
       "households under "
    << S << " scenario" << (S == 1 ? "" : "s") << ": ";
  for (int s = 0; s < S; ++s)
    o << (s ? ", " : "") << "<span class=\"swatch\" style=\"background:" << colour(s)
      << "\"></span><strong>" << html_escape(name_of(s)) << "</strong>";
  o << ". Every scenario was run with the same " << c.replications
    << " replications (common random numbers), so replication <em>r</em> of one scenario differs "
       "from replication <em>r</em> of another only by the policy. The charts show the city per "
       "year: the mean over replications with its 95% confidence band, and the paired difference "
       "of each scenario from the first (<strong>"
    << html_escape(name_of(0))
    << "</strong>); a band that does not cross the dashed zero line is a difference the "
       "replications can tell apart from chance. These are Monte Carlo (replication) intervals "
       "only: they show the noise of the random draws with every parameter at its value, not "
       "the uncertainty of the measures' effect sizes (leidensim sweep reports that). Budgets "
       "are in euros a year; net effects are "
       "summed over the horizon"
    << (c.discount_rate != 0 ? " and discounted at " + number(c.discount_rate * 100, 1) + "% a year"
                             : "")
    << ".</p>\n";

  // Indicators.
  o << "<h2 id=\"indicators\">Indicators</h2>\n";
  for (Indicator ind : html_report_indicators()) {
    const auto& info = indicator_table()[static_cast<std::size_t>(ind)];
    std::vector<Series> values(static_cast<std::size_t>(S)), diffs(static_cast<std::size_t>(S));
    for (int s = 0; s < S; ++s) {
      values[static_cast<std::size_t>(s)] = {name_of(s), s, {}};
      diffs[static_cast<std::size_t>(s)] = {name_of(s) + " - " + name_of(0), s, {}};
    }
    for (const auto& r : c.indicators) {
      if (r.indicator != ind || r.district != -1 || r.scenario < 0 || r.scenario >= S) continue;
      values[static_cast<std::size_t>(r.scenario)].points.push_back({r.year, r.value});
      diffs[static_cast<std::size_t>(r.scenario)].points.push_back({r.year, r.difference});
    }
    for (auto* v : {&values, &diffs})
      for (auto& s : *v)
        std::sort(s.points.begin(), s.points.end(),
                  [](const Point& a, const Point& b) { return a.year < b.year; });
    o << "<section class=\"indicator\" id=\"" << info.name << "\">\n<h3>" << info.name
      << "</h3>\n<p class=\"description\">" << html_escape(info.description) << " ("
      << html_escape(info.unit)
      << (info.kind == IndicatorKind::Stock ? "; end of year" : "; total over the year")
      << ").</p>\n<div class=\"charts\">\n";
    o << chart("time", info.name, std::string(info.name) + ", Leiden", info.unit, values, false);
    for (int s = 1; s < S; ++s)
      o << chart("difference", info.name,
                 std::string(info.name) + ": " + name_of(s) + " minus " + name_of(0),
                 std::string("difference, ") + info.unit, {diffs[static_cast<std::size_t>(s)]},
                 true);
    o << "</div>\n</section>\n";
  }

  // Budget.
  o << "<h2 id=\"budget\">Budget per programme</h2>\n<p class=\"note\">Euros a year, mean over "
       "replications with 95% interval";
  if (S > 1) o << "; &Delta; is the paired difference from " << html_escape(name_of(0));
  o << ".</p>\n<table class=\"budget\">\n<thead><tr><th>Year</th><th>Programme</th>";
  for (int s = 0; s < S; ++s) {
    o << "<th>" << html_escape(name_of(s)) << "</th>";
    if (s > 0) o << "<th>&Delta; " << html_escape(name_of(s)) << "</th>";
  }
  o << "</tr></thead>\n<tbody>\n";
  std::map<std::pair<int, int>, std::vector<const BudgetRow*>> budget;  // (year, programme)
  for (const auto& r : c.budget) {
    if (r.scenario < 0 || r.scenario >= S) continue;
    auto& row = budget[{r.year, static_cast<int>(r.programme)}];
    row.resize(static_cast<std::size_t>(S), nullptr);
    row[static_cast<std::size_t>(r.scenario)] = &r;
  }
  int last_year = -1;
  for (const auto& [key, row] : budget) {
    const Programme p = static_cast<Programme>(key.second);
    o << "<tr class=\"budget-row" << (key.first != last_year ? " year-start" : "")
      << "\" data-year=\"" << key.first << "\" data-programme=\"" << programme_code(p) << "\"><td>"
      << key.first << "</td><td>" << html_escape(programme_code(p)) << " "
      << html_escape(programme_name(p)) << "</td>";
    last_year = key.first;
    for (int s = 0; s < S; ++s) {
      const BudgetRow* b = row[static_cast<std::size_t>(s)];
      if (b == nullptr) {
        o << "<td class=\"num\">n/a</td>" << (s > 0 ? "<td class=\"num\">n/a</td>" : "");
        continue;
      }
      o << "<td class=\"num\">" << euros(b->value.mean) << interval(b->value, 0, true) << "</td>";
      if (s > 0)
        o << "<td class=\"num\">" << euros(b->difference.mean) << interval(b->difference, 0, true)
          << "</td>";
    }
    o << "</tr>\n";
  }
  o << "</tbody>\n</table>\n";

  // Net effects.
  o << "<h2 id=\"net-effects\">Net budget effects</h2>\n";
  if (c.net_effects.empty()) {
    o << "<p class=\"note\">No net effects: there is no scenario to compare with the first.</p>\n";
  } else {
    o << "<p class=\"note\">Each scenario against " << html_escape(name_of(0))
      << ", summed over the horizon (euros"
      << (c.discount_rate != 0 ? ", discounted at " + number(c.discount_rate * 100, 1) + "% a year"
                               : "")
      << "). Net budget = measure cost - avoided cost; return per euro = avoided cost per euro of "
         "measure cost; n/a where undefined.</p>\n"
         "<table class=\"net-effects\">\n<thead><tr><th>Scenario</th><th>Horizon (years)</th>"
         "<th>Measure cost</th><th>Avoided cost</th><th>Net budget</th>"
         "<th>Bijstand person-years</th><th>Poverty household-years</th>"
         "<th>Return per euro</th><th>&euro; per bijstand-year less</th>"
         "<th>&euro; per poverty-year less</th></tr></thead>\n<tbody>\n";
    for (const auto& e : c.net_effects) {
      o << "<tr class=\"net-effect\" data-horizon=\"" << e.horizon_years << "\"><td>"
        << html_escape(name_of(e.scenario)) << "</td><td class=\"num\">" << e.horizon_years
        << "</td><td class=\"num\">" << euros(e.measure_cost.mean) << "</td><td class=\"num\">"
        << euros(e.avoided_cost.mean) << "</td><td class=\"num\">" << euros(e.net_budget.mean)
        << interval(e.net_budget, 0, true) << "</td><td class=\"num\">"
        << number(e.bijstand_years.mean, 1) << interval(e.bijstand_years, 1, false)
        << "</td><td class=\"num\">" << number(e.poverty_years.mean, 1)
        << interval(e.poverty_years, 1, false) << "</td><td class=\"num\">"
        << number(e.social_return, 2) << "</td><td class=\"num\">"
        << euros(e.euro_per_bijstand_year_less) << "</td><td class=\"num\">"
        << euros(e.euro_per_poverty_year_less) << "</td></tr>\n";
    }
    o << "</tbody>\n</table>\n";
  }

  if (!registers.empty()) write_register(o, registers);

  // Provenance.
  o << "<h2 id=\"provenance\">Provenance</h2>\n<section class=\"provenance\">\n"
       "<dl class=\"provenance\">\n";
  const auto get = [&](const char* key) {
    return provenance.is_object() && provenance.contains(key) ? provenance.at(key)
                                                              : nlohmann::json();
  };
  const std::pair<const char*, const char*> fields[] = {{"program", "Program"},
                                                        {"version", "Version"},
                                                        {"seed", "Seed"},
                                                        {"replications", "Replications"},
                                                        {"discount_rate", "Discount rate"},
                                                        {"host", "Host"},
                                                        {"started", "Started"},
                                                        {"finished", "Finished"}};
  for (const auto& [key, label] : fields) {
    nlohmann::json v = get(key);
    if (v.is_null() && std::string(key) == "replications") v = c.replications;
    if (v.is_null() && std::string(key) == "discount_rate") v = c.discount_rate;
    o << "<dt>" << label << "</dt><dd data-key=\"" << key << "\">" << html_escape(json_text(v))
      << "</dd>\n";
  }
  o << "</dl>\n";
  for (const auto& r : scenarios) {
    const nlohmann::json j = {{"name", r.name},           {"start", r.start.to_string()},
                              {"districts", r.districts}, {"replications", r.replications.size()},
                              {"scenario", r.scenario},   {"modules", r.modules}};
    o << "<details class=\"scenario-json\"><summary>Scenario " << html_escape(r.name)
      << "</summary><pre>" << html_escape(j.dump(2)) << "</pre></details>\n";
  }
  o << "<details class=\"provenance-json\"><summary>Full provenance</summary><pre>"
    << html_escape(provenance.dump(2)) << "</pre></details>\n</section>\n</body>\n</html>\n";
}

}  // namespace

const std::vector<Indicator>& html_report_indicators() {
  static const std::vector<Indicator> list = {Indicator::Employed,
                                              Indicator::Bijstand,
                                              Indicator::HouseholdsInPoverty,
                                              Indicator::ChildrenInPoverty,
                                              Indicator::ProblematicDebt,
                                              Indicator::Jeugdhulp,
                                              Indicator::Wmo,
                                              Indicator::EarlySchoolLeavers,
                                              Indicator::Neet16to27};
  return list;
}

std::string html_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

void write_html_report(const fs::path& file, const std::vector<ScenarioResult>& scenarios,
                       const Comparison& comparison, const nlohmann::json& provenance,
                       const ScenarioRegisters& registers) {
  if (file.filename().empty())
    throw std::invalid_argument("write_html_report: \"" + file.string() + "\" is not a file name");
  if (comparison.scenarios.empty()) throw std::invalid_argument("write_html_report: no scenarios");
  write_file_atomically(file, [&](std::ostream& out) {
    write_page(out, scenarios, comparison, provenance, registers);
  });
}

}  // namespace leidensim::outputs
