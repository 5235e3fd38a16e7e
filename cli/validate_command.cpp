// leidensim validate: checks scenario files without running them and reports every problem.
#include <cstdio>
#include <iostream>

#include "command_line.hpp"
#include "leidensim/errors.hpp"
#include "leidensim/scenario.hpp"
#include "validity_report.hpp"

namespace leidensim::cli {

int validate_command(int argc, char** argv) {
  CommonOptions common;
  std::vector<std::string> files;
  std::vector<std::string> plugin_files;
  po::options_description desc(
      "leidensim validate SCENARIO.json... [options]\n\n"
      "Checks each scenario without running it: its keys, types and ranges (after \"extends\"),\n"
      "its parameter overrides against the data pack's parameters.csv (name, length, range),\n"
      "and its measures (found and loadable, parameters accepted by the measure's schema).\n"
      "Prints \"FILE: ok\" on stdout for a valid file, and every problem of an invalid one on\n"
      "stderr, one per line as \"file: /json/path: message\". Checks a measure makes only when\n"
      "the run starts (e.g. the district names of prevention_agreement) are not made here.\n"
      "A file named *.schema.json (such as scenarios/scenario.schema.json) is a JSON Schema, not\n"
      "a scenario: it is skipped, so that 'leidensim validate scenarios/*.json' works.\n"
      "Writes no files. Exit code 0 if every file is valid, 2 otherwise.\n\n"
      "leidensim validate --calibration [SCENARIO.json] [options]\n\n"
      "The model-validity report instead: (1) calibration: the first simulated year beside\n"
      "every data-pack target (persons and households by district, age and type, sex,\n"
      "employment, bijstand, poverty, debt, care, literacy, school leavers, births,\n"
      "in-migration) with its deviation and a pass/fail tolerance (calibration_tolerances.csv);\n"
      "(2) backcast: the model started in an earlier year beside the observed bijstand and\n"
      "population series since (validation targets); (3) analytic checks: Markov chains and\n"
      "the life table against their closed forms. SCENARIO gives the model (data pack,\n"
      "parameters, seed, scale; its measures are not run); default: the data pack as is.\n"
      "Writes calibration.csv, backcast.csv, backcast_summary.csv, analytic_checks.csv,\n"
      "validation.html and validation.json to --output (default results/validation).\n"
      "--replications defaults to 10 here. Exit code 0 when the report is written (rows\n"
      "outside tolerance are reported, not errors), 2 on bad input.\n\noptions");
  add_common_options(desc, common);
  bool calibration = false, no_analytic = false;
  std::string backcast = "2017:2022";
  double scale = 0;
  ValidityOptions validity;
  auto option = desc.add_options();
  option("calibration", po::bool_switch(&calibration),
         "write the model-validity report (see above) instead of checking scenario files");
  option("backcast", po::value<std::string>(&backcast)->default_value(backcast),
         "with --calibration: first and last year of the backcast, FROM:TO; 'none' skips it");
  option("scale", po::value<double>(&scale), "with --calibration: population scale");
  option("analytic-scale", po::value<double>(&validity.analytic_scale)->default_value(0.1),
         "with --calibration: population scale of the Markov checks");
  option("no-analytic", po::bool_switch(&no_analytic),
         "with --calibration: skip the analytic checks");
  desc.add_options()("plugin", po::value<std::vector<std::string>>(&plugin_files)->composing(),
                     "a measure's shared library, used for the measure of that name")(
      "scenario", po::value<std::vector<std::string>>(&files)->composing(),
      "scenario files (JSON), also given without the option name");
  po::positional_options_description pos;
  pos.add("scenario", -1);
  parse(argc, argv, desc, &pos);
  if (common.help) {
    std::cout << desc << "\n"
              << "--quiet leaves out the \"ok\" lines; --threads, --replications, --seed and "
                 "--output have no effect.\n";
    return kExitOk;
  }
  if (calibration) {
    if (files.size() > 1)
      throw InputError("--calibration takes at most one scenario (the model to validate)");
    if (!files.empty()) validity.scenario = files.front();
    if (scale != 0) {
      if (!(scale >= 1e-6 && scale <= 1000))
        throw InputError(input_error_message("", "--scale", "must be in [1e-6, 1000]"));
      validity.scale = scale;
    }
    if (!(validity.analytic_scale >= 1e-3 && validity.analytic_scale <= 10))
      throw InputError(input_error_message("", "--analytic-scale", "must be in [0.001, 10]"));
    validity.analytic = !no_analytic;
    if (backcast == "none") {
      validity.backcast_year = 0;
    } else {
      const auto colon = backcast.find(':');
      try {
        if (colon == std::string::npos) throw std::invalid_argument(backcast);
        validity.backcast_year = std::stoi(backcast.substr(0, colon));
        validity.backcast_to = std::stoi(backcast.substr(colon + 1));
      } catch (const std::exception&) {
        throw InputError(input_error_message(
            "", "--backcast",
            "expected FROM:TO (e.g. 2017:2022) or none, found '" + backcast + "'"));
      }
    }
    return validity_report(validity, common);
  }
  if (files.empty())
    throw InputError("no scenario file given (e.g. leidensim validate scenarios/*.json)");

  const PluginLoader loader = plugin_loader();
  const std::vector<ModuleDescriptor> preloaded = load_plugins(plugin_files);
  bool all_valid = true;
  for (const auto& f : files) {
    const std::string name = std::filesystem::path(f).filename().string();
    if (name.size() > 12 && name.compare(name.size() - 12, 12, ".schema.json") == 0) {
      if (!common.quiet) std::printf("%s: skipped (a JSON Schema, not a scenario)\n", f.c_str());
      continue;
    }
    const Scenario s = Scenario::read(f);
    const std::vector<std::string> errors = validate_scenario(s, loader, preloaded);
    if (errors.empty()) {
      if (!common.quiet) std::printf("%s: ok\n", f.c_str());
      continue;
    }
    all_valid = false;
    std::fflush(stdout);
    std::fprintf(stderr, "%s: %zu problem%s\n", f.c_str(), errors.size(),
                 errors.size() == 1 ? "" : "s");
    for (const auto& e : errors) std::fprintf(stderr, "  %s\n", e.c_str());
    std::fflush(stderr);
  }
  return all_valid ? kExitOk : kExitBadInput;
}

}  // namespace leidensim::cli
