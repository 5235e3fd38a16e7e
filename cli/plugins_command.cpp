// leidensim plugins: every module the engine would run, in order: built-in processes and policy
// measures (plugins), with kind, version, phases (parallel ones marked *) and parameters.
#include <cstdio>
#include <iostream>

#include "command_line.hpp"
#include "leidensim/errors.hpp"
#include "leidensim/module_registry.hpp"

#ifndef LEIDENSIM_SHIPPED_MEASURES
#define LEIDENSIM_SHIPPED_MEASURES ""
#endif

namespace leidensim::cli {

namespace {

std::string phases_of(const ModuleDescriptor& d) {
  std::string out;
  for (Phase p : kAllPhases) {
    if (!(d.phases & p)) continue;
    out +=
        (out.empty() ? "" : ", ") + std::string(to_string(p)) + (d.parallel_phases & p ? "*" : "");
  }
  return out;
}

void print_parameters(const ModuleDescriptor& d) {
  const auto props = d.parameter_schema.find("properties");
  if (props == d.parameter_schema.end()) return;
  for (const auto& [name, sub] : props->items()) {
    const std::string def = sub.contains("default") ? sub["default"].dump() : "(required)";
    const std::string what = sub.value("description", "");
    std::printf("        %-30s = %-16s %s\n", name.c_str(), def.c_str(), what.c_str());
  }
}

}  // namespace

int plugins_command(int argc, char** argv) {
  CommonOptions common;
  std::vector<std::string> plugin_files, names;
  po::options_description desc(
      "leidensim plugins [NAME...] [--plugin FILE...]\n\n"
      "Lists every module in run order: the built-in life-course processes, then the measures\n"
      "shipped with leidensim and any named ones (found on the plugin search path: the build\n"
      "tree, LEIDENSIM_PLUGIN_PATH, the install prefix) or given as files. Phases marked * run in\n"
      "parallel over blocks of households; the others run serially.\n\noptions");
  add_common_options(desc, common);
  auto option = desc.add_options();
  option("plugin", po::value<std::vector<std::string>>(&plugin_files)->composing(),
         "a measure's shared library (repeatable)");
  option("name", po::value<std::vector<std::string>>(&names)->composing(), "a measure to list");
  po::positional_options_description pos;
  pos.add("name", -1);
  parse(argc, argv, desc, &pos);
  if (common.help) {
    std::cout << desc << "\n";
    return kExitOk;
  }
  std::vector<ModuleDescriptor> modules = builtin_registry().all();
  const PluginLoader loader = plugin_loader();
  std::vector<std::string> wanted = names;
  if (names.empty() && plugin_files.empty()) {
    std::string shipped = LEIDENSIM_SHIPPED_MEASURES;
    for (std::size_t pos0 = 0; pos0 < shipped.size();) {
      const auto end = shipped.find(',', pos0);
      const std::string n =
          shipped.substr(pos0, end == std::string::npos ? std::string::npos : end - pos0);
      if (!n.empty() && !loader.find(n).empty()) wanted.push_back(n);
      pos0 = end == std::string::npos ? shipped.size() : end + 1;
    }
  }
  ModuleRegistry names_taken = builtin_registry();
  auto add = [&](ModuleDescriptor d) {
    names_taken.add(d);  // a collision with a built-in or another measure is an error
    modules.push_back(std::move(d));
  };
  for (const auto& f : plugin_files) add(PluginLoader::load_file(f));
  for (const auto& n : wanted)
    if (!names_taken.find(n)) add(loader.load_by_name(n));
  if (!common.quiet) {
    std::printf("%-5s %-22s %-9s %-8s %s\n", "order", "name", "kind", "version",
                "phases (* parallel)");
    int order = 1;
    for (const auto& d : modules) {
      std::printf("%-5d %-22s %-9s %-8s %s\n", order++, d.name.c_str(),
                  d.kind == ModuleKind::BuiltIn ? "built-in" : "plugin", d.version.c_str(),
                  phases_of(d).c_str());
      std::printf("      %s%s%s\n", d.description.c_str(), d.library.empty() ? "" : "  [",
                  d.library.empty() ? "" : (d.library + "]").c_str());
      if (d.kind == ModuleKind::BuiltIn)
        std::printf("        parameters: %s.* in the data pack's parameters.csv\n", d.name.c_str());
      print_parameters(d);
    }
  }
  return kExitOk;
}

}  // namespace leidensim::cli
