// leidensim validate --calibration: the model-validity report (calibration of the base year,
// backcast, analytic checks) on the console and as CSV and HTML in a results folder.
#include "validity_report.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>

#include "interrupt_guard.hpp"
#include "leidensim/errors.hpp"
#include "leidensim/outputs/result_folder.hpp"
#include "leidensim/outputs/validation_csv.hpp"
#include "leidensim/outputs/validation_report.hpp"
#include "leidensim/scenario.hpp"
#include "provenance.hpp"

#ifndef LEIDENSIM_VERSION
#define LEIDENSIM_VERSION "unknown"
#endif

namespace leidensim::cli {

namespace {

/// The model to validate: the scenario's data pack, parameters, seed and scale, without its
/// measures (the report is about the model, not a policy).
Scenario model_of(const std::optional<std::filesystem::path>& file) {
  Scenario s;
  if (file) {
    s = Scenario::load(*file);
  } else {
    s.data_dir = default_data_dir();
  }
  s.measures.clear();
  return s;
}

void print_calibration(const std::vector<CalibrationRow>& rows) {
  struct Group {
    int judged = 0, passed = 0;
    double worst = 0;
    std::string worst_name;
  };
  std::vector<std::string> order;
  std::map<std::string, Group> groups;
  for (const auto& r : rows) {
    if (!groups.count(r.group)) order.push_back(r.group);
    auto& g = groups[r.group];
    if (!r.judged()) continue;
    ++g.judged;
    g.passed += r.pass();
    if (std::abs(r.deviation()) >= std::abs(g.worst))
      g.worst = r.deviation(), g.worst_name = r.name;
  }
  std::printf("calibration: simulated base year beside the data pack\n");
  std::printf("  %-52s %9s  %s\n", "group", "in tol.", "largest deviation");
  for (const auto& name : order) {
    const auto& g = groups[name];
    if (g.judged == 0) {
      std::printf("  %-52s %9s  (shown for information)\n", name.c_str(), "-");
      continue;
    }
    std::printf("  %-52s %4d/%-4d  %+6.1f%% %s\n", name.c_str(), g.passed, g.judged, 100 * g.worst,
                g.worst_name.c_str());
  }
  for (const auto& r : rows)
    if (r.judged() && !r.pass())
      std::printf("  outside tolerance: %s / %s: %.4g vs target %.4g (%+.1f%%, tolerance %.0f%%)\n",
                  r.group.c_str(), r.name.c_str(), r.simulated, r.target, 100 * r.deviation(),
                  100 * r.tolerance);
}

void print_backcast(const std::vector<BackcastSeries>& series) {
  std::printf("\nbackcast (validation targets, not used to set any rate)\n");
  for (const auto& s : series) {
    std::printf("  %s\n  %6s %10s %10s %8s\n", s.name.c_str(), "year", "observed", "simulated",
                "error");
    for (const auto& p : s.points)
      std::printf("  %6d %10.0f %10.0f %+7.1f%%\n", p.year, p.observed, p.simulated,
                  100 * p.relative_error());
    std::printf("  MAPE %.1f%% (bound %.0f%%: %s), bias %+.1f%%\n", 100 * s.mape, 100 * s.bound,
                s.within_bound() ? "within" : "EXCEEDED", 100 * s.bias);
  }
}

void print_analytic(const std::vector<CheckRow>& rows) {
  std::printf("\nanalytic checks (simulated vs closed form, interval = analytic +- z s.e.)\n");
  for (const auto& r : rows)
    std::printf("  %-12s %-48s %10.5g %10.5g  %s\n", r.check.c_str(), r.quantity.c_str(),
                r.analytic, r.simulated, r.pass ? "pass" : "FAIL");
}

}  // namespace

int validity_report(const ValidityOptions& o, const CommonOptions& common) {
  if (o.backcast_year != 0 && (o.backcast_year >= kPackYear || o.backcast_to < o.backcast_year))
    throw InputError(input_error_message(
        "", "--backcast",
        "expected FROM:TO with FROM before " + std::to_string(kPackYear) + " and TO >= FROM"));
  const int replications = common.replications.value_or(10);
  if (replications < 2 || replications > 10000)
    throw InputError(input_error_message("", "--replications", "must be in 2..10000"));
  const auto threads = limit_threads(common.threads);
  const std::string started = utc_now();
  const auto t0 = std::chrono::steady_clock::now();

  Scenario base = model_of(o.scenario);
  if (common.seed) base.seed = *common.seed;
  if (o.scale) base.scale = *o.scale;

  // Base year: report from the population's own date for one year.
  Scenario cal = base;
  cal.start = YearMonth{cal.population_year, 1};
  cal.years = 1;
  const ModelSpec cal_spec = make_model_spec(cal, builtin_registry());
  Scenario back = base;
  if (o.backcast_year != 0) {
    back.population_year = o.backcast_year;
    back.start = YearMonth{o.backcast_year, 1};
    back.years = o.backcast_to - o.backcast_year + 1;
  }
  // Check the backcast's input before the long part.
  if (o.backcast_year != 0) {
    const auto errors = validate_scenario(back);
    if (!errors.empty()) throw InputError(errors.front());
  }

  const std::filesystem::path destination =
      common.output ? *common.output : std::filesystem::path("results") / "validation";
  remove_on_interrupt(outputs::ResultFolder::staging_path(destination));
  outputs::ResultFolder folder(destination);

  outputs::ValidationReport report;
  Progress progress("validation", common.quiet);
  const int parts = 1 + (o.backcast_year != 0) + (o.analytic ? 1 : 0);
  int done = 0;
  report.calibration = run_calibration(cal_spec, replications);
  progress.update(++done, parts);
  if (o.backcast_year != 0) {
    const ModelSpec back_spec = make_model_spec(back, builtin_registry());
    report.backcast = run_backcast(back_spec, replications);
    progress.update(++done, parts);
  }
  if (o.analytic) {
    AnalyticCheckOptions a;
    a.scale = o.analytic_scale;
    a.replications = std::max(2, replications);
    a.seed = base.seed;
    a.threads = common.threads;
    report.analytic = run_analytic_checks(base.data_dir, a);
    progress.update(++done, parts);
  }
  progress.finish();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  report.provenance = {
      {"program", std::string("leidensim ") + LEIDENSIM_VERSION},
      {"model", o.scenario ? o.scenario->string() : std::string("data pack defaults")},
      {"data", base.data_dir.string()},
      {"seed", base.seed},
      {"replications", replications},
      {"scale", base.scale},
      {"backcast", o.backcast_year
                       ? std::to_string(o.backcast_year) + "-" + std::to_string(o.backcast_to)
                       : std::string("not run")},
      {"analytic checks", o.analytic ? "scale " + std::to_string(o.analytic_scale) : "not run"},
      {"host", host_name()},
      {"started", started},
      {"finished", utc_now()},
  };
  outputs::write_calibration_csv(folder.staging(), report.calibration);
  outputs::write_backcast_csv(folder.staging(), report.backcast);
  outputs::write_analytic_checks_csv(folder.staging(), report.analytic);
  outputs::write_validation_report(folder.staging() / "validation.html", report);
  std::ofstream(folder.staging() / "validation.json") << report.provenance.dump(2) << "\n";
  folder.commit();
  forget_on_interrupt(folder.staging());

  if (!common.quiet) {
    print_calibration(report.calibration);
    if (!report.backcast.empty()) print_backcast(report.backcast);
    if (!report.analytic.empty()) print_analytic(report.analytic);
    std::printf("\n%.1f s; report: %s\n", seconds,
                (folder.destination() / "validation.html").string().c_str());
  }
  return kExitOk;
}

}  // namespace leidensim::cli
