// leidensim parameters: the parameter register. Every model parameter and every parameter of each
// measure with its value, unit, quality mark and source; on screen as a compact table, with
// --csv as a tidy CSV (one row per parameter). Without a scenario the values are the data pack's;
// with one they are the scenario's resolved values, and what it overrode is marked.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "command_line.hpp"
#include "leidensim/errors.hpp"
#include "leidensim/measure_parameters.hpp"
#include "leidensim/module_registry.hpp"
#include "leidensim/outputs/parameter_register_csv.hpp"
#include "leidensim/parameter_register.hpp"
#include "leidensim/scenario.hpp"

#ifndef LEIDENSIM_SHIPPED_MEASURES
#define LEIDENSIM_SHIPPED_MEASURES ""
#endif

namespace leidensim::cli {

namespace {

std::vector<std::string> shipped_measures() {
  std::vector<std::string> out;
  const std::string list = LEIDENSIM_SHIPPED_MEASURES;
  for (std::size_t pos = 0; pos < list.size();) {
    const auto end = list.find(',', pos);
    const std::string n =
        list.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    if (!n.empty()) out.push_back(n);
    pos = end == std::string::npos ? list.size() : end + 1;
  }
  return out;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string all;
  for (const auto& l : lines) all += (all.empty() ? "" : "\n") + l;
  return all;
}

// ---- console table: widths count characters, not bytes (sources hold non-ASCII text) ----

std::size_t display_width(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

/// `s` cut to at most `width` characters, ending in "..." if cut.
std::string fit(const std::string& s, std::size_t width) {
  if (display_width(s) <= width) return s;
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((s[i] & 0xC0) != 0x80 && ++chars > width - 3) break;
    out += s[i];
  }
  return out + "...";
}

std::string pad(const std::string& s, std::size_t width) {
  const std::string f = fit(s, width);
  return f + std::string(width - display_width(f), ' ');
}

std::string value_with_range(const RegisterEntry& e) {
  std::string v = e.value_text;
  if (e.low && e.high)
    v += " (" + register_value_text(*e.low) + "\u2013" + register_value_text(*e.high) + ")";
  return v;
}

void print_table(const ParameterRegister& reg, const std::string& model_origin,
                 const std::string& measure_origin) {
  constexpr std::size_t kName = 40, kValue = 26, kUnit = 30, kQuality = 10, kSource = 64;
  const auto header = [&]() {
    std::printf("  %s  %s  %s  %s  %s\n", pad("parameter", kName).c_str(),
                pad("value (range)", kValue).c_str(), pad("unit", kUnit).c_str(),
                pad("quality", kQuality).c_str(), "source");
  };
  std::string group = "\x01";  // no group yet
  std::vector<const RegisterEntry*> overridden;
  for (const auto& e : reg) {
    if (e.measure != group) {
      group = e.measure;
      const std::size_t n = static_cast<std::size_t>(std::count_if(
          reg.begin(), reg.end(), [&](const RegisterEntry& x) { return x.measure == group; }));
      std::printf("%s%s, %zu parameters (%s)\n", &e == &reg.front() ? "" : "\n",
                  group.empty() ? "model" : ("measure " + group).c_str(), n,
                  (group.empty() ? model_origin : measure_origin).c_str());
      header();
    }
    const bool set = !e.overridden_by.empty();
    if (set) overridden.push_back(&e);
    std::printf("%s %s  %s  %s  %s  %s\n", set ? "*" : " ", pad(e.parameter, kName).c_str(),
                pad(value_with_range(e), kValue).c_str(), pad(e.unit, kUnit).c_str(),
                pad(e.quality ? to_string(*e.quality) : "-", kQuality).c_str(),
                fit(e.source.empty() ? "(none: not in the data pack)" : e.source, kSource).c_str());
  }
  if (!overridden.empty()) {
    std::printf("\n* set by the scenario:\n");
    for (const RegisterEntry* e : overridden)
      std::printf("  %s = %s  (%s)\n", e->qualified_name().c_str(), e->value_text.c_str(),
                  e->overridden_by.c_str());
  }
}

}  // namespace

int parameters_command(int argc, char** argv) {
  CommonOptions common;
  std::string scenario_file, data, csv;
  std::vector<std::string> measures_wanted, plugin_files;
  po::options_description desc(
      "leidensim parameters [SCENARIO.json] [--measure NAME] [--csv FILE] [--data DIR]\n\n"
      "The parameter register: every model parameter (the data pack's parameters.csv) and every\n"
      "parameter of each measure (its schema, valued and documented by the data pack's\n"
      "measure_parameters.csv), with value, unit, quality mark (published, derived or\n"
      "assumption) and source; measure effects also with their uncertainty range.\n"
      "Without a scenario: the data pack's values, for the model and every measure available\n"
      "(the shipped ones found on the plugin search path, those the data pack lists, and any\n"
      "--plugin). With a scenario: its resolved values - its parameter overrides and its\n"
      "measures' parameters (scenario value, else data pack, else the measure's schema default);\n"
      "what the scenario set is marked * and listed with the file and JSON path.\n"
      "The console shortens tables (\"111 values, 0.0001-1\"), units and sources; --csv writes\n"
      "them in full, one row per parameter (columns [scenario,]kind,measure,parameter,value,\n"
      "unit,low,high,quality,source,note,overridden_by). A bad row of measure_parameters.csv is\n"
      "an error naming the file, the line and the column (exit code 2).\n\noptions");
  add_common_options(desc, common);
  desc.add_options()("scenario", po::value<std::string>(&scenario_file), "scenario file (JSON)")(
      "measure", po::value<std::vector<std::string>>(&measures_wanted)->composing(),
      "list only this measure's parameters (repeatable)")("csv", po::value<std::string>(&csv),
                                                          "write the register to this CSV file")(
      "data", po::value<std::string>(&data), "data pack folder (overrides the scenario's)")(
      "plugin", po::value<std::vector<std::string>>(&plugin_files)->composing(),
      "a measure's shared library, used for the measure of that name (repeatable)");
  po::positional_options_description pos;
  pos.add("scenario", 1);
  parse(argc, argv, desc, &pos);
  if (common.help) {
    std::cout << desc << "\n"
              << "--quiet prints nothing (use with --csv); --threads, --replications, --seed and "
                 "--output have no effect.\n";
    return kExitOk;
  }

  const PluginLoader loader = plugin_loader();
  const std::vector<ModuleDescriptor> preloaded = load_plugins(plugin_files);
  ParameterRegister reg;
  std::filesystem::path data_dir;
  std::string scenario_name;
  if (!scenario_file.empty()) {
    Scenario s = Scenario::read(scenario_file);
    if (!data.empty()) s.data_dir = data;
    const ResolvedScenario r = resolve_scenario(s, builtin_registry(), loader, preloaded);
    data_dir = s.data_dir;
    scenario_name = s.name;
    reg = build_parameter_register(
        r.parameters, r.measures, MeasureParameterTable::load_pack(data_dir), measure_overrides(s));
  } else {
    data_dir = data.empty() ? default_data_dir() : std::filesystem::path(data);
    if (!std::filesystem::is_directory(data_dir))
      throw InputError(input_error_message(data.empty() ? "" : "--data", data_dir.string(),
                                           "data pack folder not found"));
    const ParameterSet parameters = ParameterSet::load(data_dir / "parameters.csv");
    const MeasureParameterTable pack = MeasureParameterTable::load_pack(data_dir);
    // Every measure available: --plugin libraries, then the data pack's, then the shipped ones
    // found on the search path. A measure the pack names must be found.
    std::vector<ModuleDescriptor> measures;
    std::vector<std::string> errors;
    ModuleRegistry taken = builtin_registry();  // a name collision is an error, as in a run
    const auto add = [&](ModuleDescriptor d) {
      taken.add(d);  // throws for a --plugin named like a built-in or given twice
      measures.push_back(std::move(d));
    };
    for (const auto& d : preloaded) add(d);
    for (const auto& n : pack.measures())
      if (!taken.find(n) && !loader.find(n).empty()) add(loader.load_by_name(n));
    for (const auto& n : shipped_measures())
      if (!taken.find(n) && !loader.find(n).empty()) add(loader.load_by_name(n));
    std::vector<std::string> known;
    for (const auto& d : measures) known.push_back(d.name);
    errors = pack.unknown_measures(known);
    for (auto& d : measures) {
      try {
        d.params = data_pack_params(d, pack);
      } catch (const InputError& e) {
        errors.push_back(e.what());
      }
    }
    if (!errors.empty()) throw InputError(join_lines(errors));
    reg = build_parameter_register(parameters, measures, pack);
  }

  if (!measures_wanted.empty()) {
    std::vector<std::string> listed;
    for (const auto& e : reg)
      if (!e.measure.empty() && std::find(listed.begin(), listed.end(), e.measure) == listed.end())
        listed.push_back(e.measure);
    for (const auto& m : measures_wanted)
      if (std::find(listed.begin(), listed.end(), m) == listed.end()) {
        std::string names;
        for (const auto& l : listed) names += (names.empty() ? "" : ", ") + l;
        throw InputError(input_error_message(
            "", "--measure",
            "no measure \"" + m + "\"" + (scenario_file.empty() ? "" : " in " + scenario_file) +
                " (listed: " + (names.empty() ? "none" : names) + ")"));
      }
    std::erase_if(reg, [&](const RegisterEntry& e) {
      return std::find(measures_wanted.begin(), measures_wanted.end(), e.measure) ==
             measures_wanted.end();
    });
  }

  if (!csv.empty()) {
    try {
      if (scenario_name.empty())
        outputs::write_parameter_register_csv(csv, reg);
      else
        outputs::write_parameter_register_csv(csv, {{scenario_name, reg}});
    } catch (const std::exception& e) {
      // An unwritable path is the user's to fix, like any other bad option value.
      throw InputError(input_error_message("", "--csv", e.what()));
    }
  }
  if (!common.quiet) {
    const auto pack_file = data_dir / MeasureParameterTable::kFileName;
    print_table(reg, (data_dir / "parameters.csv").string(),
                std::filesystem::exists(pack_file) ? pack_file.string()
                                                   : "no measure_parameters.csv in the data pack");
    const auto gaps = register_gaps(reg);
    if (!gaps.empty()) {
      std::printf("\nnot documented by the data pack:\n");
      for (const auto& g : gaps) std::printf("  %s\n", g.c_str());
    }
    if (!csv.empty()) std::printf("\nregister: %s\n", csv.c_str());
  }
  return kExitOk;
}

}  // namespace leidensim::cli
