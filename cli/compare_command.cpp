// leidensim compare: runs scenarios with common random numbers and reports paired differences
// from the first scenario, with 95% intervals, and the budget effects per programme.
#include <tbb/parallel_for.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <exception>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "command_line.hpp"
#include "common_random_numbers.hpp"
#include "interrupt_guard.hpp"
#include "leidensim/comparison.hpp"
#include "leidensim/errors.hpp"
#include "leidensim/outputs/budget_spreadsheet.hpp"
#include "leidensim/outputs/comparison_csv.hpp"
#include "leidensim/outputs/hdf5_store.hpp"
#include "leidensim/outputs/html_report.hpp"
#include "leidensim/outputs/indicator_csv.hpp"
#include "leidensim/outputs/ledger_csv.hpp"
#include "leidensim/outputs/parameter_register_csv.hpp"
#include "leidensim/outputs/result_folder.hpp"
#include "leidensim/parameter_register.hpp"
#include "leidensim/scenario.hpp"
#include "provenance.hpp"

#ifndef LEIDENSIM_VERSION
#define LEIDENSIM_VERSION "unknown"
#endif

namespace leidensim::cli {

namespace {

std::string interval(const Estimate& e, double scale = 1.0) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "%+.0f [%+.0f, %+.0f]", e.mean * scale, e.low * scale,
                e.high * scale);
  return buf;
}

void print_tables(const Comparison& c, const std::vector<ScenarioResult>& results) {
  const Indicator keys[] = {Indicator::Employed,
                            Indicator::Bijstand,
                            Indicator::HouseholdsInPoverty,
                            Indicator::ChildrenInPoverty,
                            Indicator::ProblematicDebt,
                            Indicator::Jeugdhulp,
                            Indicator::Wmo,
                            Indicator::EarlySchoolLeavers};
  const int years = results.front().years();
  std::set<int> shown;
  for (int y : {4, 9, years - 1})
    if (y >= 0 && y < years) shown.insert(y);
  std::printf(
      "City indicators: %s (mean) and each scenario's difference from it, paired over %d "
      "replications [95%% interval]\n"
      "(intervals: Monte Carlo noise of the replications only, parameters at their values; "
      "for the uncertainty of effect sizes see leidensim sweep)\n",
      c.scenarios[0].c_str(), c.replications);
  for (int y : shown) {
    const int year = results.front().start.plus_months(12 * y).year;
    std::printf("\n%d %-24s %10s", year, "indicator", c.scenarios[0].c_str());
    for (std::size_t s = 1; s < c.scenarios.size(); ++s)
      std::printf("  %30s", c.scenarios[s].c_str());
    std::printf("\n");
    for (Indicator ind : keys) {
      std::printf("     %-24s", indicator_table()[static_cast<int>(ind)].name);
      for (const auto& r : c.indicators) {
        if (r.indicator != ind || r.year != year || r.district != -1) continue;
        if (r.scenario == 0)
          std::printf(" %10.0f", r.value.mean);
        else
          std::printf("  %30s", interval(r.difference).c_str());
      }
      std::printf("\n");
    }
  }
  if (c.scenarios.size() < 2) return;
  std::printf(
      "\nBudget effect against %s (euros, discount rate %.3g; measure cost includes "
      "transfers; avoided = bijstand, jeugdhulp, Wmo, debt help saved)\n",
      c.scenarios[0].c_str(), c.discount_rate);
  std::printf("%-24s %5s %16s %16s %30s %12s %16s\n", "scenario", "years", "measure cost",
              "avoided cost", "net budget [95% interval]", "return/euro", "EUR/bijstand-yr");
  for (const auto& e : c.net_effects) {
    char per_year[32] = "n/a", ret[32] = "n/a";
    if (!std::isnan(e.euro_per_bijstand_year_less))
      std::snprintf(per_year, sizeof per_year, "%.0f", e.euro_per_bijstand_year_less);
    if (!std::isnan(e.social_return)) std::snprintf(ret, sizeof ret, "%.2f", e.social_return);
    std::printf("%-24s %5d %16.0f %16.0f %30s %12s %16s\n", c.scenarios[e.scenario].c_str(),
                e.horizon_years, e.measure_cost.mean, e.avoided_cost.mean,
                interval(e.net_budget).c_str(), ret, per_year);
  }
}

}  // namespace

int compare_command(int argc, char** argv) {
  CommonOptions common;
  std::vector<std::string> files, plugin_files;
  int years = 0;
  double scale = 0, discount = 0.0;
  po::options_description desc(
      "leidensim compare A.json B.json [C.json ...] [options]\n\n"
      "Runs every scenario for the same replications with the same seed (common random\n"
      "numbers), in parallel over scenarios x replications; results do not depend on the number\n"
      "of threads. Reports, per indicator, year and district, the mean of each scenario and the\n"
      "paired difference from the first with a 95% confidence interval; per programme and year\n"
      "the budget and its difference; and the net budget effect over 5, 10 and 30 years\n"
      "(discounted), with the costs avoided, the cost per person-year less in bijstand and per\n"
      "household-year out of poverty, and the return per euro. The first scenario's seed,\n"
      "replications, start, years and scale apply to all (the options below override them).\n\n"
      "options");
  add_common_options(desc, common);
  auto option = desc.add_options();
  option("scenario", po::value<std::vector<std::string>>(&files)->composing(), "scenario files");
  option("years", po::value<int>(&years), "reported years");
  option("scale", po::value<double>(&scale), "population scale");
  option("discount-rate", po::value<double>(&discount)->default_value(0.0),
         "yearly discount rate for net budget effects, e.g. 0.0225");
  option("plugin", po::value<std::vector<std::string>>(&plugin_files)->composing(),
         "a measure's shared library (repeatable)");
  po::positional_options_description pos;
  pos.add("scenario", -1);
  const auto vm = parse(argc, argv, desc, &pos);
  if (common.help) {
    std::cout << desc << "\n";
    return kExitOk;
  }
  if (files.empty())
    throw InputError("no scenario files given (e.g. leidensim compare a.json b.json)");
  if (!(discount > -1 && discount < 1))
    throw InputError(input_error_message("", "--discount-rate", "must be in (-1, 1)"));
  std::vector<Scenario> scenarios;
  std::set<std::string> names;
  for (const auto& f : files) {
    scenarios.push_back(Scenario::read(f));
    if (!names.insert(scenarios.back().name).second)
      throw InputError(input_error_message(f, "/name",
                                           "scenario names must differ within a comparison (\"" +
                                               scenarios.back().name + "\" twice)"));
  }
  Scenario& lead = scenarios.front();
  if (common.replications) lead.replications = *common.replications;
  if (common.seed) lead.seed = *common.seed;
  if (vm.count("years")) lead.years = years;
  if (vm.count("scale")) lead.scale = scale;
  if (lead.replications < 1 || lead.replications > 10000)
    throw InputError(input_error_message("", "--replications", "must be in 1..10000"));
  if (lead.years < 1 || lead.years > 200)
    throw InputError(input_error_message("", "--years", "must be in 1..200"));
  if (!(lead.scale > 0 && lead.scale <= 1000))
    throw InputError(input_error_message("", "--scale", "must be in (0, 1000]"));
  for (auto& s : scenarios) share_run_design(lead, s);
  const auto threads = limit_threads(common.threads);
  const std::string started = utc_now();
  const auto t0 = std::chrono::steady_clock::now();
  const auto loader = plugin_loader();
  const auto preloaded = load_plugins(plugin_files);
  // Each scenario's model (its parameters and synthetic population) is a pure function of the
  // scenario, so they are built side by side; a bad scenario is reported as in a serial build
  // (the first one in the command line's order).
  std::vector<ModelSpec> specs(scenarios.size());
  std::vector<std::exception_ptr> failed(scenarios.size());
  tbb::parallel_for(std::size_t{0}, scenarios.size(), [&](std::size_t k) {
    try {
      specs[k] = make_model_spec(scenarios[k], builtin_registry(), loader, preloaded);
    } catch (...) {
      failed[k] = std::current_exception();
    }
  });
  for (const auto& e : failed)
    if (e) std::rethrow_exception(e);

  std::string default_name = "compare";
  for (const auto& s : scenarios) default_name += "-" + s.name;
  const std::filesystem::path destination =
      common.output ? *common.output : std::filesystem::path("results") / default_name;
  remove_on_interrupt(outputs::ResultFolder::staging_path(destination));
  outputs::ResultFolder folder(destination);

  std::vector<RunPlan> plans;
  for (const auto& spec : specs)
    for (int r = 0; r < lead.replications; ++r)
      plans.push_back({&spec, static_cast<std::uint32_t>(r)});
  Progress progress("compare", common.quiet);
  auto runs = run_plans(plans, {}, [&](int done, int total) { progress.update(done, total); });
  progress.finish();

  std::vector<ScenarioResult> results;
  for (std::size_t s = 0; s < scenarios.size(); ++s) {
    ScenarioResult r;
    r.name = scenarios[s].name;
    r.scenario = scenarios[s].json;
    r.districts = specs[s].districts;
    r.start = specs[s].start;
    r.modules = modules_json(specs[s]);
    for (int k = 0; k < lead.replications; ++k)
      r.replications.push_back(
          std::move(runs[s * static_cast<std::size_t>(lead.replications) + k]));
    results.push_back(std::move(r));
  }
  ComparisonOptions options;
  options.discount_rate = discount;
  const Comparison comparison = compare_scenarios(results, options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  for (const auto& r : results) {
    outputs::write_yearly_indicators_csv(
        folder.staging() / ("indicators_yearly_" + r.name + ".csv"), r.name, r.start, r.districts,
        r.replications);
    outputs::write_yearly_ledger_csv(folder.staging() / ("budget_yearly_" + r.name + ".csv"),
                                     r.name, r.start, r.replications);
  }
  outputs::write_comparison_csv(folder.staging(), comparison, results.front().districts);
  // Every parameter of each scenario with its value, unit, quality mark and source.
  outputs::ScenarioRegisters registers;
  for (std::size_t s = 0; s < scenarios.size(); ++s)
    registers.emplace_back(
        scenarios[s].name,
        build_parameter_register(specs[s].parameters, specs[s].modules,
                                 MeasureParameterTable::load_pack(specs[s].data_dir),
                                 measure_overrides(scenarios[s])));
  outputs::write_parameter_register_csv(folder.staging() / "parameters.csv", registers);
  nlohmann::json info = {{"program", "leidensim"},
                         {"version", LEIDENSIM_VERSION},
                         {"seed", lead.seed},
                         {"replications", lead.replications},
                         {"discount_rate", discount},
                         {"host", host_name()},
                         {"started", started},
                         {"finished", utc_now()},
                         {"scenarios", nlohmann::json::array()}};
  for (const auto& r : results)
    info["scenarios"].push_back(
        {{"name", r.name}, {"scenario", r.scenario}, {"modules", r.modules}});
  info["plugins"] = nlohmann::json::array();
  for (const auto& spec : specs)
    for (const auto& d : spec.modules)
      if (d.kind == ModuleKind::Plugin)
        info["plugins"].push_back(
            {{"name", d.name}, {"version", d.version}, {"library", d.library}});
  std::ofstream(folder.staging() / "run.json") << info.dump(2) << "\n";
  outputs::write_hdf5(folder.staging() / "results.h5", results, &comparison, info);
  outputs::write_budget_spreadsheet(folder.staging() / "budget.xlsx", results, comparison);
  outputs::write_html_report(folder.staging() / "report.html", results, comparison, info,
                             registers);
  folder.commit();
  forget_on_interrupt(folder.staging());
  if (!common.quiet) {
    std::printf(
        "compare: %zu scenarios x %d replications x %d years (scale %g, seed %llu), %.1f s\n\n",
        scenarios.size(), lead.replications, lead.years, lead.scale,
        static_cast<unsigned long long>(lead.seed), seconds);
    print_tables(comparison, results);
    std::printf("\nresults: %s\n", folder.destination().string().c_str());
  }
  return kExitOk;
}

}  // namespace leidensim::cli
