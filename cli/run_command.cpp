// leidensim run: simulate one scenario for R replications and write its indicators.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>

#include "command_line.hpp"
#include "interrupt_guard.hpp"
#include "leidensim/errors.hpp"
#include "leidensim/parameter_register.hpp"
#include "leidensim/outputs/hdf5_store.hpp"
#include "leidensim/outputs/indicator_csv.hpp"
#include "leidensim/outputs/ledger_csv.hpp"
#include "leidensim/outputs/parameter_register_csv.hpp"
#include "leidensim/outputs/result_folder.hpp"
#include "leidensim/replication_runner.hpp"
#include "leidensim/scenario.hpp"
#include "provenance.hpp"
#include "yearly_summary.hpp"

#ifndef LEIDENSIM_VERSION
#define LEIDENSIM_VERSION "unknown"
#endif

namespace leidensim::cli {

int run_command(int argc, char** argv) {
  CommonOptions common;
  std::string scenario_file;
  int years = 0;
  double scale = 0;
  bool check = false;
  std::string data;
  std::vector<std::string> plugin_files;
  po::options_description desc(
      "leidensim run SCENARIO.json [options]\n\n"
      "Simulates the scenario month by month for its replications, prints a yearly summary of\n"
      "the city totals and writes the indicators (per month, district and replication) as CSV to\n"
      "the results folder (default results/<scenario name>).\n\noptions");
  add_common_options(desc, common);
  desc.add_options()("plugin", po::value<std::vector<std::string>>(&plugin_files)->composing(),
                     "a measure's shared library, used for the measure of that name")(
      "scenario", po::value<std::string>(&scenario_file), "scenario file (JSON)")(
      "years", po::value<int>(&years), "reported years (overrides the scenario)")(
      "scale", po::value<double>(&scale),
      "population scale, e.g. 0.1 or 140 (overrides the scenario)")(
      "data", po::value<std::string>(&data), "data pack folder (overrides the scenario)")(
      "check", po::bool_switch(&check), "check the population invariants after every month");
  po::positional_options_description pos;
  pos.add("scenario", 1);
  const auto vm = parse(argc, argv, desc, &pos);
  if (common.help) {
    std::cout << desc << "\n";
    return kExitOk;
  }
  if (scenario_file.empty())
    throw InputError("no scenario file given (e.g. leidensim run scenarios/baseline.json)");

  // read() keeps the file's problems; make_model_spec reports them with all later checks.
  Scenario s = Scenario::read(scenario_file);
  if (common.replications) {
    if (*common.replications < 1 || *common.replications > 10000)
      throw InputError(input_error_message("", "--replications", "must be in 1..10000"));
    s.replications = *common.replications;
  }
  if (common.seed) s.seed = *common.seed;
  if (vm.count("years")) {
    if (years < 1 || years > 200)
      throw InputError(input_error_message("", "--years", "must be in 1..200"));
    s.years = years;
  }
  if (vm.count("scale")) {
    if (!(scale > 0 && scale <= 1000))
      throw InputError(input_error_message("", "--scale", "must be in (0, 1000]"));
    s.scale = scale;
  }
  if (!data.empty()) s.data_dir = data;
  const auto threads = limit_threads(common.threads);

  const std::string started = utc_now();
  const auto t0 = std::chrono::steady_clock::now();
  const ModelSpec spec =
      make_model_spec(s, builtin_registry(), plugin_loader(), load_plugins(plugin_files));
  // Create the results folder only once the input is known to be good.
  const std::filesystem::path destination =
      common.output ? *common.output : std::filesystem::path("results") / s.name;
  remove_on_interrupt(outputs::ResultFolder::staging_path(destination));
  outputs::ResultFolder folder(destination);
  Progress progress("run " + s.name, common.quiet);
  SimulationOptions options;
  options.check_invariants = check;
  const auto results = run_replications(spec, s.replications, options,
                                        [&](int done, int total) { progress.update(done, total); });
  progress.finish();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  // Every parameter of the run with its value, unit, quality mark and source.
  outputs::write_parameter_register_csv(
      folder.staging() / "parameters.csv",
      {{s.name, build_parameter_register(spec.parameters, spec.modules,
                                         MeasureParameterTable::load_pack(spec.data_dir),
                                         measure_overrides(s))}});
  outputs::write_monthly_indicators_csv(folder.staging() / "indicators_monthly.csv", s.name,
                                        spec.start, spec.districts, results);
  outputs::write_yearly_indicators_csv(folder.staging() / "indicators_yearly.csv", s.name,
                                       spec.start, spec.districts, results);
  outputs::write_yearly_ledger_csv(folder.staging() / "budget_yearly.csv", s.name, spec.start,
                                   results);
  nlohmann::json info = {
      {"program", "leidensim"},
      {"version", LEIDENSIM_VERSION},
      {"scenario", s.json},
      {"scenario_file", s.file.string()},
      {"seed", s.seed},
      {"replications", s.replications},
      {"start", spec.start.to_string()},
      {"years", s.years},
      {"scale", s.scale},
      {"data", spec.data_dir.string()},
      {"started", started},
      {"finished", utc_now()},
      {"final_population_hash", nlohmann::json::array()},
      {"host", host_name()},
      {"modules", modules_json(spec)},
  };
  for (const auto& r : results) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx",
                  static_cast<unsigned long long>(r.final_population_hash));
    info["final_population_hash"].push_back(hex);
  }
  std::ofstream(folder.staging() / "run.json") << info.dump(2) << "\n";
  {
    ScenarioResult sr;
    sr.name = s.name;
    sr.scenario = s.json;
    sr.modules = info["modules"];
    sr.districts = spec.districts;
    sr.start = spec.start;
    sr.replications = results;
    info["replications"] = s.replications;
    outputs::write_hdf5(folder.staging() / "results.h5", {sr}, nullptr, info);
  }
  folder.commit();
  forget_on_interrupt(folder.staging());

  if (!common.quiet) {
    std::printf("%s: %d replication%s x %d years, %zu persons at start (scale %g), %.1f s\n\n",
                s.name.c_str(), s.replications, s.replications == 1 ? "" : "s", s.years,
                spec.base_population->persons(), s.scale, seconds);
    print_yearly_summary(stdout, spec.start, results);
    std::printf("\n");
    print_budget_summary(stdout, spec.start, results);
    std::printf("\nresults: %s\n", folder.destination().string().c_str());
  }
  return kExitOk;
}

}  // namespace leidensim::cli
