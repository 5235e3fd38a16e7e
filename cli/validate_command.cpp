// leidensim validate: checks scenario files without running them and reports every problem.
#include <cstdio>
#include <iostream>

#include "command_line.hpp"
#include "leidensim/errors.hpp"
#include "leidensim/scenario.hpp"

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
      "Writes no files. Exit code 0 if every file is valid, 2 otherwise.\n\noptions");
  add_common_options(desc, common);
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
