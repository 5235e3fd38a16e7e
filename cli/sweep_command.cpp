// leidensim sweep: how uncertain is a measure's effect because its effect sizes are uncertain,
// beside the Monte Carlo noise of the replications? Runs the base once and the scenario for a
// Latin hypercube of parameter values, with common random numbers, and separates the two
// sources of uncertainty (leidensim/uncertainty/sweep.hpp).
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "command_line.hpp"
#include "common_random_numbers.hpp"
#include "interrupt_guard.hpp"
#include "leidensim/errors.hpp"
#include "leidensim/outputs/parameter_register_csv.hpp"
#include "leidensim/outputs/result_folder.hpp"
#include "leidensim/outputs/sweep_csv.hpp"
#include "leidensim/outputs/sweep_report.hpp"
#include "leidensim/parameter_register.hpp"
#include "leidensim/scenario.hpp"
#include "leidensim/uncertainty/sweep.hpp"
#include "provenance.hpp"

#ifndef LEIDENSIM_VERSION
#define LEIDENSIM_VERSION "unknown"
#endif

namespace leidensim::cli {

namespace {

using uncertainty::SweepResult;

std::string value_text(double x) {
  char buf[48];
  if (std::isfinite(x) && std::fabs(x) >= 1000)
    std::snprintf(buf, sizeof buf, "%.0f", x);
  else
    std::snprintf(buf, sizeof buf, "%.4g", x);
  return buf;
}

/// Counts as whole numbers from 10 up, euros always; smaller values with two decimals.
std::string effect_text(double x, bool sign) {
  char buf[48];
  if (!std::isfinite(x)) return "n/a";
  const char* fmt = std::fabs(x) >= 10 ? (sign ? "%+.0f" : "%.0f") : (sign ? "%+.2f" : "%.2f");
  std::snprintf(buf, sizeof buf, fmt, x);
  return buf;
}

void print_tables(const SweepResult& r, const std::string& base, const std::string& scenario,
                  const YearMonth& start) {
  const auto& indicators = uncertainty::sweep_indicators();
  const auto& params = r.design.parameters;
  std::printf("varied (Latin hypercube, uniform within each range):\n");
  for (const auto& p : params)
    std::printf("  %-44s %10s to %-10s (%s%s)\n", p.name.c_str(), value_text(p.low).c_str(),
                value_text(p.high).c_str(), p.origin.c_str(), p.integer ? ", whole numbers" : "");
  std::printf(
      "\nEffect of %s against %s: city totals, mean over %d-%d, scenario - base, paired over %d "
      "replications\n",
      scenario.c_str(), base.c_str(), start.year, start.year + r.years - 1, r.replications);
  std::printf("%-22s %12s %12s %12s %12s %7s  %s\n", "indicator", "mean effect", "MC sd mean",
              "MC sd run", "param sd", "share", "parameter range (2.5-97.5%)");
  for (std::size_t k = 0; k < indicators.size(); ++k) {
    const auto& d = r.decomposition[k];
    char share[16];
    std::snprintf(share, sizeof share, "%.0f%%", 100 * d.parameter_share);
    std::printf("%-22s %12s %12s %12s %12s %7s  [%s, %s]\n", indicators[k].name.c_str(),
                effect_text(d.mean_effect, true).c_str(), effect_text(d.mc_sd_mean, false).c_str(),
                effect_text(d.mc_sd_run, false).c_str(), effect_text(d.parameter_sd, false).c_str(),
                share, effect_text(d.parameter_low, true).c_str(),
                effect_text(d.parameter_high, true).c_str());
  }
  std::printf(
      "MC sd: Monte Carlo noise (the random draws of the simulation; more replications make the "
      "mean's smaller).\nparam sd: uncertainty from the parameter ranges (more replications do "
      "not reduce it); share:\nits part of the variance of a mean effect. budget_total in euros a "
      "year.\n");
  std::printf("\nSensitivity: correlation of each parameter with the sample's mean effect\n");
  std::printf("%-22s", "indicator");
  for (const auto& p : params)
    std::printf(" %*s", std::max<int>(8, int(p.name.size())), p.name.c_str());
  std::printf("\n");
  for (std::size_t k = 0; k < indicators.size(); ++k) {
    std::printf("%-22s", indicators[k].name.c_str());
    for (std::size_t j = 0; j < params.size(); ++j) {
      const double c = r.sensitivity[k][j].correlation;
      char buf[16] = "n/a";
      if (std::isfinite(c)) std::snprintf(buf, sizeof buf, "%+.2f", c);
      std::printf(" %*s", std::max<int>(8, int(params[j].name.size())), buf);
    }
    std::printf("\n");
  }
}

nlohmann::json parameters_json(const SweepResult& r) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : r.design.parameters)
    out.push_back({{"name", p.name},
                   {"kind", to_string(p.kind)},
                   {"low", p.low},
                   {"high", p.high},
                   {"integer", p.integer},
                   {"range_from", p.origin}});
  return out;
}

}  // namespace

int sweep_command(int argc, char** argv) {
  CommonOptions common;
  std::vector<std::string> files, plugin_files, vary_texts;
  int years = 0, samples = 16;
  double scale = 0;
  bool no_default_ranges = false;
  po::options_description desc(
      "leidensim sweep BASE.json SCENARIO.json [options]\n\n"
      "How sure can we be of a measure's effect? Two things make a simulated effect uncertain:\n"
      "  Monte Carlo noise: the model draws people's lives at random, so another set of random\n"
      "    draws gives a slightly different answer. More replications make it smaller.\n"
      "  Parameter uncertainty: the measure's effect sizes (e.g. how much coaching raises the\n"
      "    chance of finding work) are known only within a range from the evidence. More\n"
      "    replications do not make this smaller; only better evidence does.\n"
      "The sweep runs BASE once and SCENARIO once for each of --samples combinations of\n"
      "parameter values, spread evenly over the ranges (a Latin hypercube, drawn from the\n"
      "scenario's seed), every run for the same replications with the same random draws as the\n"
      "base, so effects are paired. By default it varies every parameter of SCENARIO's measures\n"
      "that has an uncertainty range in the data pack (measure_parameters.csv, columns low and\n"
      "high; see 'leidensim parameters'). A varied parameter takes its sampled value in BASE too\n"
      "where BASE has it (a model parameter, or a measure both run).\n\n"
      "For each key indicator (city totals averaged over the reported years: bijstand, employed,\n"
      "households and children in poverty, problematic debt, jeugdhulp, Wmo, and the municipal\n"
      "budget in euros a year) it reports the mean effect (scenario - base); the Monte Carlo SD\n"
      "of the mean over the replications and of a single run; the parameter SD; the share of\n"
      "the uncertainty that comes from the parameters; the 2.5-97.5% range of the samples' mean\n"
      "effects (the parameter uncertainty interval); and per parameter its correlation with the\n"
      "effect (which parameter matters). The seed, replications, years and scale of SCENARIO\n"
      "apply to both. Results go to results/sweep-<base>-<scenario>/ (or --output):\n"
      "sweep.html (the report), sweep_summary.csv, sweep_samples.csv, sweep_sensitivity.csv,\n"
      "parameters.csv (the scenario's parameter register) and sweep.json (provenance).\n\n"
      "options");
  add_common_options(desc, common);
  auto option = desc.add_options();
  option("scenario", po::value<std::vector<std::string>>(&files)->composing(),
         "BASE.json and SCENARIO.json");
  option("samples", po::value<int>(&samples)->default_value(16),
         "number of parameter samples (2-10000)");
  option("vary", po::value<std::vector<std::string>>(&vary_texts)->composing(),
         "NAME=LOW:HIGH, repeatable: vary this parameter over this range (adds to or replaces "
         "the data pack's range), a measure parameter by qualified name, e.g. "
         "jobcoach.outflow_multiplier=1.0:1.6, or a single-valued model parameter, e.g. "
         "labour.job_finding_monthly=0.01:0.02");
  option("no-default-ranges", po::bool_switch(&no_default_ranges),
         "vary only the --vary parameters, not the data pack's ranges");
  option("years", po::value<int>(&years), "reported years (default: the scenario's)");
  option("scale", po::value<double>(&scale), "population scale (default: the scenario's)");
  option("plugin", po::value<std::vector<std::string>>(&plugin_files)->composing(),
         "a measure's shared library (repeatable)");
  po::positional_options_description pos;
  pos.add("scenario", -1);
  const auto vm = parse(argc, argv, desc, &pos);
  if (common.help) {
    std::cout << desc << "\n";
    return kExitOk;
  }
  if (files.size() != 2)
    throw InputError(
        "expected two scenario files, BASE.json and SCENARIO.json (e.g. leidensim sweep "
        "scenarios/baseline.json scenarios/jobcoach.json)");
  if (samples < 2 || samples > 10000)
    throw InputError(input_error_message("", "--samples", "must be in 2..10000"));
  std::vector<uncertainty::VaryRange> vary;
  for (const auto& t : vary_texts) vary.push_back(uncertainty::parse_vary(t));

  Scenario base = Scenario::read(files[0]);
  Scenario scenario = Scenario::read(files[1]);
  if (base.name == scenario.name)
    throw InputError(input_error_message(files[1], "/name",
                                         "must differ from the base's (\"" + base.name + "\")"));
  if (common.replications) scenario.replications = *common.replications;
  if (common.seed) scenario.seed = *common.seed;
  if (vm.count("years")) scenario.years = years;
  if (vm.count("scale")) scenario.scale = scale;
  if (scenario.replications < 2 || scenario.replications > 10000)
    throw InputError(input_error_message(
        common.replications ? "" : files[1],
        common.replications ? "--replications" : "/replications",
        "the sweep needs 2..10000 replications (at least 2 to measure Monte Carlo noise), found " +
            std::to_string(scenario.replications)));
  if (scenario.years < 1 || scenario.years > 200)
    throw InputError(input_error_message("", "--years", "must be in 1..200"));
  if (!(scenario.scale > 0 && scenario.scale <= 1000))
    throw InputError(input_error_message("", "--scale", "must be in (0, 1000]"));
  share_run_design(scenario, base);  // the base runs the scenario's design

  const auto threads = limit_threads(common.threads);
  const std::string started = utc_now();
  const auto t0 = std::chrono::steady_clock::now();
  const auto loader = plugin_loader();
  const auto preloaded = load_plugins(plugin_files);
  const ModelSpec base_spec = make_model_spec(base, builtin_registry(), loader, preloaded);
  // What the synthesis read, before anything else looks parameters up (see sample_spec).
  std::set<std::string> synthesis_reads = base_spec.parameters.used();
  const ModelSpec scenario_spec = make_model_spec(scenario, builtin_registry(), loader, preloaded);
  for (const auto& name : scenario_spec.parameters.used()) synthesis_reads.insert(name);
  if (base_spec.districts != scenario_spec.districts)
    throw InputError(input_error_message(
        files[0], "/data", "the base's data pack has other districts than the scenario's"));
  const ParameterRegister reg = build_parameter_register(
      scenario_spec.parameters, scenario_spec.modules,
      MeasureParameterTable::load_pack(scenario_spec.data_dir), measure_overrides(scenario));
  auto design = uncertainty::make_design(
      uncertainty::sweep_parameters(scenario_spec, reg, vary, !no_default_ranges), samples,
      scenario.seed);

  const std::filesystem::path destination =
      common.output
          ? *common.output
          : std::filesystem::path("results") / ("sweep-" + base.name + "-" + scenario.name);
  remove_on_interrupt(outputs::ResultFolder::staging_path(destination));
  outputs::ResultFolder folder(destination);
  Progress progress("sweep", common.quiet);
  const SweepResult result = uncertainty::run_sweep(
      base_spec, scenario_spec, synthesis_reads, std::move(design), scenario.replications,
      [&](int done, int total) { progress.update(done, total); });
  progress.finish();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  outputs::write_sweep_csv(folder.staging(), result);
  outputs::write_parameter_register_csv(folder.staging() / "parameters.csv",
                                        {{scenario.name, reg}});
  const bool base_varies = uncertainty::design_applies(base_spec, result.design);
  nlohmann::json info = {
      {"program", "leidensim"},
      {"command", "sweep"},
      {"version", LEIDENSIM_VERSION},
      {"base", base.name},
      {"scenario", scenario.name},
      {"seed", scenario.seed},
      {"samples", result.design.samples()},
      {"sampling", "Latin hypercube, uniform within each range, integers rounded"},
      {"replications", scenario.replications},
      {"start", scenario_spec.start.to_string()},
      {"years", scenario.years},
      {"scale", scenario.scale},
      {"runs", scenario.replications *
                   (result.design.samples() + (base_varies ? result.design.samples() : 1))},
      {"base_runs_per_sample", base_varies},
      {"parameters", parameters_json(result)},
      {"design", result.design.values},
      {"host", host_name()},
      {"started", started},
      {"finished", utc_now()},
      {"scenarios",
       {{{"role", "base"},
         {"file", base.file.string()},
         {"scenario", base.json},
         {"modules", modules_json(base_spec)}},
        {{"role", "scenario"},
         {"file", scenario.file.string()},
         {"scenario", scenario.json},
         {"modules", modules_json(scenario_spec)}}}},
  };
  std::ofstream(folder.staging() / "sweep.json") << info.dump(2) << "\n";
  outputs::write_sweep_html(folder.staging() / "sweep.html", result, info);
  folder.commit();
  forget_on_interrupt(folder.staging());
  if (!common.quiet) {
    std::printf(
        "sweep: %s against %s, %d samples x %d replications x %d years (scale %g, seed %llu), "
        "%d runs, %.1f s\n\n",
        scenario.name.c_str(), base.name.c_str(), result.design.samples(), scenario.replications,
        scenario.years, scenario.scale, static_cast<unsigned long long>(scenario.seed),
        info["runs"].get<int>(), seconds);
    print_tables(result, base.name, scenario.name, scenario_spec.start);
    std::printf("\nresults: %s\n", folder.destination().string().c_str());
  }
  return kExitOk;
}

}  // namespace leidensim::cli
