// leidensim population: build the synthetic base population and report how well it fits.
#include <algorithm>
#include <cstdio>
#include <fstream>

#include "command_line.hpp"
#include "interrupt_guard.hpp"
#include "leidensim/errors.hpp"
#include "leidensim/outputs/result_folder.hpp"
#include "leidensim/scenario.hpp"
#include "leidensim/synthesis/population_builder.hpp"

namespace leidensim::cli {

int population_command(int argc, char** argv) {
  CommonOptions common;
  bool summary = false;
  double scale = 0;
  std::string data, scenario_file;
  po::options_description desc(
      "leidensim population [options]\n\n"
      "Builds the synthetic population of the base year from the data pack (iterative\n"
      "proportional fitting of households and persons to the published marginals).\n\noptions");
  add_common_options(desc, common);
  desc.add_options()("summary", po::bool_switch(&summary),
                     "print every marginal beside its target and the deviation")(
      "scale", po::value<double>(&scale), "population scale (default 1, or the scenario's)")(
      "scenario", po::value<std::string>(&scenario_file),
      "take data pack, seed, scale and parameter overrides from a scenario")(
      "data", po::value<std::string>(&data), "data pack folder");
  const auto vm = parse(argc, argv, desc);
  if (common.help) {
    std::cout << desc << "\n";
    return kExitOk;
  }
  Scenario s;
  if (!scenario_file.empty())
    s = Scenario::load(scenario_file);
  else
    s.data_dir = default_data_dir();
  if (!data.empty()) s.data_dir = data;
  if (common.seed) s.seed = *common.seed;
  if (vm.count("scale")) {
    if (!(scale > 0 && scale <= 1000))
      throw InputError(input_error_message("", "--scale", "must be in (0, 1000]"));
    s.scale = scale;
  }
  const auto threads = limit_threads(common.threads);
  ParameterSet ps = ParameterSet::load(s.data_dir / "parameters.csv");
  for (const auto& o : s.parameters) ps.override_values(o.name, o.values, o.origin);
  const SynthesisResult r = build_population(s.data_dir, ps, s.seed, s.scale, s.population_year);

  int ok = 0;
  for (const auto& row : r.report) ok += row.within_tolerance();
  if (!common.quiet) {
    std::printf(
        "synthetic population of %s: %zu persons in %zu households, %zu districts "
        "(seed %llu, scale %g; fit: %d passes, max relative error %.2g)\n",
        s.data_dir.string().c_str(), r.population.persons(), r.population.households(),
        r.districts.size(), static_cast<unsigned long long>(s.seed), s.scale, r.fit_iterations,
        r.fit_max_relative_error);
    std::printf("%s: %d of %zu marginals within tolerance; bytes of state per person: %.1f\n",
                ok == static_cast<int>(r.report.size()) ? "ok" : "check", ok, r.report.size(),
                r.population.bytes_per_person());
  }
  if (summary && !common.quiet) {
    std::vector<std::string> groups;  // in order of first appearance
    for (const auto& row : r.report)
      if (std::find(groups.begin(), groups.end(), row.group) == groups.end())
        groups.push_back(row.group);
    for (const auto& group : groups) {
      std::printf("\n%-50s %12s %12s %9s %7s\n", group.c_str(), "target", "synthetic", "deviation",
                  "tol.");
      for (const auto& row : r.report) {
        if (row.group != group) continue;
        const bool share = row.unit == "share";
        std::printf("  %-48s %12.*f %12.*f %+8.1f%% %6.0f%% %s\n", row.name.c_str(), share ? 3 : 0,
                    row.target, share ? 3 : 0, row.value, 100 * row.deviation(),
                    100 * row.tolerance,
                    !row.checked             ? "info"
                    : row.within_tolerance() ? ""
                                             : "OUT");
      }
    }
  }
  if (common.output) {
    const std::filesystem::path destination = *common.output;
    remove_on_interrupt(outputs::ResultFolder::staging_path(destination));
    outputs::ResultFolder folder(destination);
    std::ofstream out(folder.staging() / "population_marginals.csv");
    out << "group,name,unit,target,synthetic,deviation,tolerance,within_tolerance\n";
    for (const auto& row : r.report)
      out << '"' << row.group << "\",\"" << row.name << "\"," << row.unit << ',' << row.target
          << ',' << row.value << ',' << row.deviation() << ',' << row.tolerance << ','
          << (row.within_tolerance() ? "true" : "false") << '\n';
    out.close();
    folder.commit();
    forget_on_interrupt(folder.staging());
  }
  return kExitOk;
}

}  // namespace leidensim::cli
