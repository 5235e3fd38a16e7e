#include "leidensim/outputs/budget_spreadsheet.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace leidensim::outputs {

namespace {

constexpr std::size_t kMaxSheetName = 31;

/// Replaces the characters Excel forbids in sheet names and abbreviates the longest words
/// ("Maatschappelijke" -> "Maatsch.") until the name fits in 31 characters.
std::string valid_sheet_name(std::string name) {
  for (char& ch : name)
    if (std::string_view("[]:*?/\\").find(ch) != std::string_view::npos) ch = '-';
  while (name.size() > kMaxSheetName) {
    std::vector<std::string> words;
    std::istringstream in(name);
    for (std::string w; in >> w;) words.push_back(w);
    auto longest = std::max_element(words.begin(), words.end(), [](const auto& a, const auto& b) {
      return a.size() < b.size();
    });
    if (longest == words.end() || longest->size() <= 8) {
      name.resize(kMaxSheetName);
      break;
    }
    *longest = longest->substr(0, 7) + ".";
    name.clear();
    for (const auto& w : words) name += (name.empty() ? "" : " ") + w;
  }
  return name;
}

/// "<code> <name>", or the code alone if the name is the code ("other").
std::string full_name(Programme p) {
  const std::string code = programme_code(p), name = programme_name(p);
  return name.empty() || name == code ? code : code + " " + name;
}

[[noreturn]] void fail(const std::string& what, lxw_error e) {
  throw std::runtime_error("budget spreadsheet: " + what + ": " + lxw_strerror(e));
}
void check(lxw_error e, const char* what) {
  if (e != LXW_NO_ERROR) fail(what, e);
}

/// The workbook being written; frees it and removes the temporary file unless closed.
class Workbook {
 public:
  explicit Workbook(const std::filesystem::path& tmp) : tmp_(tmp) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;  // merged header cells are written out of row order
    wb_ = workbook_new_opt(tmp_.c_str(), &options);
    if (!wb_) throw std::runtime_error("budget spreadsheet: cannot create " + tmp_.string());
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;
  ~Workbook() {
    if (wb_) lxw_workbook_free(wb_);
    if (!closed_) {
      std::error_code ec;
      std::filesystem::remove(tmp_, ec);
    }
  }
  lxw_workbook* get() const { return wb_; }
  lxw_worksheet* sheet(const std::string& name) {
    check(workbook_validate_sheet_name(wb_, name.c_str()), ("sheet name '" + name + "'").c_str());
    lxw_worksheet* ws = workbook_add_worksheet(wb_, name.c_str());
    if (!ws) throw std::runtime_error("budget spreadsheet: cannot add sheet '" + name + "'");
    return ws;
  }
  void close() {
    const lxw_error e = workbook_close(wb_);  // frees the workbook, even on error
    wb_ = nullptr;
    if (e != LXW_NO_ERROR) fail("cannot write " + tmp_.string(), e);
    closed_ = true;
  }

 private:
  std::filesystem::path tmp_;
  lxw_workbook* wb_ = nullptr;
  bool closed_ = false;
};

struct Formats {
  lxw_format* title;
  lxw_format* note;
  lxw_format* header;
  lxw_format* group;
  lxw_format* year;
  lxw_format* euros;
  lxw_format* ratio;
  lxw_format* years;
  lxw_format* na;
  lxw_format* text;
  lxw_format* label;

  explicit Formats(lxw_workbook* wb) {
    title = workbook_add_format(wb);
    format_set_bold(title);
    format_set_font_size(title, 14);
    note = workbook_add_format(wb);
    format_set_italic(note);
    format_set_font_color(note, 0x595959);
    header = workbook_add_format(wb);
    format_set_bold(header);
    format_set_text_wrap(header);
    format_set_align(header, LXW_ALIGN_CENTER);
    format_set_align(header, LXW_ALIGN_VERTICAL_CENTER);
    format_set_bottom(header, LXW_BORDER_THIN);
    format_set_bg_color(header, 0xDDEBF7);
    group = workbook_add_format(wb);
    format_set_bold(group);
    format_set_align(group, LXW_ALIGN_CENTER);
    format_set_bg_color(group, 0xBDD7EE);
    format_set_border(group, LXW_BORDER_THIN);
    year = workbook_add_format(wb);
    format_set_num_format(year, "0");
    format_set_align(year, LXW_ALIGN_CENTER);
    euros = workbook_add_format(wb);
    format_set_num_format(euros, "#,##0;[Red]-#,##0");
    ratio = workbook_add_format(wb);
    format_set_num_format(ratio, "#,##0.00;[Red]-#,##0.00");
    years = workbook_add_format(wb);
    format_set_num_format(years, "#,##0.0;[Red]-#,##0.0");
    na = workbook_add_format(wb);
    format_set_align(na, LXW_ALIGN_RIGHT);
    format_set_font_color(na, 0x808080);
    text = workbook_add_format(wb);
    format_set_text_wrap(text);
    format_set_align(text, LXW_ALIGN_VERTICAL_TOP);
    label = workbook_add_format(wb);
    format_set_bold(label);
    format_set_align(label, LXW_ALIGN_VERTICAL_TOP);
  }
};

void text(lxw_worksheet* ws, int row, int col, const std::string& s, lxw_format* f) {
  check(worksheet_write_string(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                               s.c_str(), f),
        "write text");
}
/// A number; NaN and infinities (undefined ratios) as "n/a".
void number(lxw_worksheet* ws, int row, int col, double x, lxw_format* f, const Formats& fm) {
  if (!std::isfinite(x)) return text(ws, row, col, "n/a", fm.na);
  check(worksheet_write_number(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), x, f),
        "write number");
}
/// A header over columns first..last (merged if more than one).
void group(lxw_worksheet* ws, int row, int first, int last, const std::string& s, lxw_format* f) {
  if (first == last) return text(ws, row, first, s, f);
  check(worksheet_merge_range(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(first),
                              static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(last), s.c_str(),
                              f),
        "merge header");
}
void width(lxw_worksheet* ws, int first, int last, double w) {
  check(worksheet_set_column(ws, static_cast<lxw_col_t>(first), static_cast<lxw_col_t>(last), w,
                             nullptr),
        "set column width");
}
double name_width(const std::string& s, double at_least) {
  return std::min(40.0, std::max(at_least, static_cast<double>(s.size()) + 2));
}

std::string replications_text(const Comparison& c) {
  return std::to_string(c.replications) + (c.replications == 1 ? " replication" : " replications");
}

void programme_sheet(Workbook& wb, const Formats& fm, Programme p, const Comparison& c) {
  lxw_worksheet* ws = wb.sheet(budget_sheet_name(p));
  const int S = static_cast<int>(c.scenarios.size());
  std::set<int> year_set;
  // (year, scenario) -> row of this programme
  std::map<std::pair<int, int>, const BudgetRow*> rows;
  for (const auto& r : c.budget) {
    year_set.insert(r.year);
    if (r.programme == p && r.scenario >= 0 && r.scenario < S) rows[{r.year, r.scenario}] = &r;
  }
  const std::vector<int> years(year_set.begin(), year_set.end());

  const std::string first = S > 0 ? c.scenarios[0] : "";
  text(ws, 0, 0, "Programme " + full_name(p) + ": municipal budget per year", fm.title);
  text(ws, 1, 0,
       "Euros per calendar year, not discounted; mean over " + replications_text(c) +
           ". Differences are paired (common random numbers) against \"" + first +
           "\", with the 95% interval (low, high); positive = more spending.",
       fm.note);

  constexpr int kGroupRow = 3, kHeaderRow = 4, kFirstRow = 5;
  group(ws, kGroupRow, 0, 0, "", fm.group);
  text(ws, kHeaderRow, 0, "Year", fm.header);
  if (S > 0) group(ws, kGroupRow, 1, S, "Mean (euros a year)", fm.group);
  for (int s = 0; s < S; ++s) {
    text(ws, kHeaderRow, 1 + s, c.scenarios[s], fm.header);
    width(ws, 1 + s, 1 + s, name_width(c.scenarios[s], 14));
  }
  for (int s = 1; s < S; ++s) {
    const int col = 1 + S + 3 * (s - 1);
    group(ws, kGroupRow, col, col + 2, c.scenarios[s] + " minus " + first, fm.group);
    text(ws, kHeaderRow, col, "Difference", fm.header);
    text(ws, kHeaderRow, col + 1, "Low (95%)", fm.header);
    text(ws, kHeaderRow, col + 2, "High (95%)", fm.header);
    width(ws, col, col + 2, 14);
  }
  width(ws, 0, 0, 8);
  check(worksheet_set_row(ws, kHeaderRow, 30, nullptr), "set row height");

  for (std::size_t y = 0; y < years.size(); ++y) {
    const int row = kFirstRow + static_cast<int>(y);
    number(ws, row, 0, years[y], fm.year, fm);
    for (int s = 0; s < S; ++s) {
      auto it = rows.find({years[y], s});
      if (it == rows.end()) continue;
      const BudgetRow& r = *it->second;
      number(ws, row, 1 + s, r.value.mean, fm.euros, fm);
      if (s == 0) continue;
      const int col = 1 + S + 3 * (s - 1);
      number(ws, row, col, r.difference.mean, fm.euros, fm);
      number(ws, row, col + 1, r.difference.low, fm.euros, fm);
      number(ws, row, col + 2, r.difference.high, fm.euros, fm);
    }
  }
  worksheet_freeze_panes(ws, kFirstRow, 1);
}

void net_effects_sheet(Workbook& wb, const Formats& fm, const Comparison& c) {
  lxw_worksheet* ws = wb.sheet("Net effects");
  const std::string first = c.scenarios.empty() ? "" : c.scenarios[0];
  text(ws, 0, 0, "Net budget effects and cost per outcome", fm.title);
  std::ostringstream note;
  note << "Against \"" << first << "\" over each horizon from the start; euros discounted at "
       << c.discount_rate * 100 << "% a year; mean over " << replications_text(c)
       << " with 95% intervals. Net budget = measure cost - avoided cost (negative: the measure "
          "saves money). n/a: not defined (e.g. no outcome gained).";
  text(ws, 1, 0, note.str(), fm.note);

  constexpr int kGroupRow = 3, kHeaderRow = 4, kFirstRow = 5;
  group(ws, kGroupRow, 0, 1, "", fm.group);
  group(ws, kGroupRow, 2, 6, "Budget (euros, discounted)", fm.group);
  group(ws, kGroupRow, 7, 7, "Return", fm.group);
  group(ws, kGroupRow, 8, 13, "Outcomes (difference)", fm.group);
  group(ws, kGroupRow, 14, 15, "Cost per outcome (euros)", fm.group);
  const char* headers[] = {"Scenario",
                           "Horizon (years)",
                           "Measure cost",
                           "Avoided cost",
                           "Net budget",
                           "Net budget low (95%)",
                           "Net budget high (95%)",
                           "Avoided cost per euro of measure cost",
                           "Bijstand person-years",
                           "Low (95%)",
                           "High (95%)",
                           "Poverty household-years",
                           "Low (95%)",
                           "High (95%)",
                           "Euro per bijstand-year less",
                           "Euro per poverty household-year less"};
  for (int k = 0; k < 16; ++k) text(ws, kHeaderRow, k, headers[k], fm.header);
  double scenario_width = 14;
  for (const auto& s : c.scenarios) scenario_width = name_width(s, scenario_width);
  width(ws, 0, 0, scenario_width);
  width(ws, 1, 1, 10);
  width(ws, 2, 6, 15);
  width(ws, 7, 7, 16);
  width(ws, 8, 13, 13);
  width(ws, 14, 15, 18);
  check(worksheet_set_row(ws, kHeaderRow, 45, nullptr), "set row height");

  int row = kFirstRow;
  for (const auto& e : c.net_effects) {
    const std::string name = e.scenario >= 0 && e.scenario < static_cast<int>(c.scenarios.size())
                                 ? c.scenarios[e.scenario]
                                 : std::to_string(e.scenario);
    text(ws, row, 0, name, nullptr);
    number(ws, row, 1, e.horizon_years, fm.year, fm);
    number(ws, row, 2, e.measure_cost.mean, fm.euros, fm);
    number(ws, row, 3, e.avoided_cost.mean, fm.euros, fm);
    number(ws, row, 4, e.net_budget.mean, fm.euros, fm);
    number(ws, row, 5, e.net_budget.low, fm.euros, fm);
    number(ws, row, 6, e.net_budget.high, fm.euros, fm);
    number(ws, row, 7, e.social_return, fm.ratio, fm);
    number(ws, row, 8, e.bijstand_years.mean, fm.years, fm);
    number(ws, row, 9, e.bijstand_years.low, fm.years, fm);
    number(ws, row, 10, e.bijstand_years.high, fm.years, fm);
    number(ws, row, 11, e.poverty_years.mean, fm.years, fm);
    number(ws, row, 12, e.poverty_years.low, fm.years, fm);
    number(ws, row, 13, e.poverty_years.high, fm.years, fm);
    number(ws, row, 14, e.euro_per_bijstand_year_less, fm.euros, fm);
    number(ws, row, 15, e.euro_per_poverty_year_less, fm.euros, fm);
    ++row;
  }
  worksheet_freeze_panes(ws, kFirstRow, 1);
}

void about_sheet(Workbook& wb, const Formats& fm, const std::vector<ScenarioResult>& scenarios,
                 const Comparison& c) {
  lxw_worksheet* ws = wb.sheet("About");
  width(ws, 0, 0, 24);
  width(ws, 1, 1, 100);
  text(ws, 0, 0, "About these numbers", fm.title);
  std::ostringstream rate;
  rate << c.discount_rate * 100
       << "% a year (net effects only; the programme sheets are not "
          "discounted)";
  std::string names;
  for (std::size_t s = 0; s < c.scenarios.size(); ++s)
    names += (s ? ", " : "") + c.scenarios[s] + (s == 0 ? " (reference)" : "");
  std::string period = "unknown";
  if (!scenarios.empty() && !scenarios.front().replications.empty()) {
    const auto& s = scenarios.front();
    const int months = s.replications.front().ledger.months();
    period = "from " + s.start.to_string() + ", " + std::to_string(months) + " months (" +
             std::to_string(s.years()) + " budget years)";
  }
  const std::vector<std::pair<std::string, std::string>> lines = {
      {"What",
       "Simulated municipal budget of Leiden (leidensim) per programme, and the net budget "
       "effect of each scenario against the reference scenario."},
      {"Scenarios", names},
      {"Period", period},
      {"Units",
       "Euros. Programme sheets: euros per calendar year (the mean over replications). "
       "Net effects: euros summed over the horizon and discounted."},
      {"Discount rate", rate.str()},
      {"Replications", std::to_string(c.replications) +
                           " simulated replications per scenario; every number is the mean over "
                           "them, with a 95% confidence interval (low, high) where shown."},
      {"Common random numbers",
       "Every scenario is run with the same random numbers (same seed and replication numbers), "
       "so replication r of a scenario differs from replication r of the reference only by the "
       "policy. Differences are paired per replication, which makes their intervals narrow."},
      {"Signs",
       "Difference = scenario minus reference: positive means more spending. Net budget = "
       "measure cost minus avoided cost (bijstand, other benefits, jeugdhulp, Wmo and debt "
       "help saved); negative means the measure saves money."},
      {"n/a", "A ratio that is not defined, e.g. a cost per outcome when no outcome is gained."},
  };
  int row = 2;
  for (const auto& [k, v] : lines) {
    text(ws, row, 0, k, fm.label);
    text(ws, row, 1, v, fm.text);
    ++row;
  }
}

}  // namespace

std::string budget_sheet_name(Programme p) {
  return valid_sheet_name(full_name(p));
}

void write_budget_spreadsheet(const std::filesystem::path& file,
                              const std::vector<ScenarioResult>& scenarios,
                              const Comparison& comparison) {
  const std::filesystem::path folder =
      file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  if (!std::filesystem::is_directory(folder))
    throw std::runtime_error("budget spreadsheet: no folder " + folder.string());
  std::filesystem::path tmp = file;
  tmp += ".tmp-" + std::to_string(::getpid());
  {
    Workbook wb(tmp);
    const Formats fm(wb.get());
    for (int p = 0; p < kProgrammes; ++p)
      programme_sheet(wb, fm, static_cast<Programme>(p), comparison);
    net_effects_sheet(wb, fm, comparison);
    about_sheet(wb, fm, scenarios, comparison);
    wb.close();
  }
  std::error_code ec;
  std::filesystem::rename(tmp, file, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    throw std::runtime_error("budget spreadsheet: cannot rename " + tmp.string() + " to " +
                             file.string() + ": " + ec.message());
  }
}

}  // namespace leidensim::outputs
