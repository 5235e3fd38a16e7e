#pragma once
// A comparison of scenarios as one self-contained HTML page that opens offline: no scripts, no
// external fonts or style sheets; the charts are inline SVG drawn here.
//
//   - per key indicator (employed, bijstand, households_in_poverty, children_in_poverty,
//     problematic_debt, jeugdhulp, wmo, early_school_leavers, neet_16_27): a chart of the city per
//     year with one line per scenario and its 95% confidence band, and for every scenario after
//     the first a chart of its paired difference from the first (band and zero line);
//   - the budget per programme and year, scenarios side by side (euros, 95% interval);
//   - the net effects per horizon (measure cost, avoided cost, net budget, return per euro, euro
//     per bijstand-year less; "n/a" where undefined);
//   - the parameter register (when given): the model parameters once, with each scenario's
//     value where a scenario set its own, and each scenario's measure parameters; every one with
//     value, uncertainty range, unit, quality mark, source and note, and what the scenario set;
//   - the provenance (program, version, seed, replications, host, times, each scenario's JSON).
//
// Elements carry classes for tests and style: svg.chart (data-chart="time" or "difference",
// data-indicator), path.series, polygon.band, line.zero, g.axis, table.budget, table.net-effects,
// section.parameter-register (table.model-parameters, table.measure-parameters with
// data-scenario; rows tr.parameter with data-name and data-quality, tr.overridden if a scenario
// set the value), section.provenance. Written to a temporary file next to `file` and renamed, so no
// half file is left.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "leidensim/comparison.hpp"
#include "leidensim/parameter_register.hpp"

namespace leidensim::outputs {

/// The resolved parameter register of each scenario, by scenario name, in the scenarios' order.
using ScenarioRegisters = std::vector<std::pair<std::string, ParameterRegister>>;

/// `registers` empty: the report has no parameter register section.
void write_html_report(const std::filesystem::path& file,
                       const std::vector<ScenarioResult>& scenarios, const Comparison& comparison,
                       const nlohmann::json& provenance, const ScenarioRegisters& registers = {});

/// The indicators the report charts, in order.
const std::vector<Indicator>& html_report_indicators();

/// `s` with &, <, >, " and ' replaced by entities.
std::string html_escape(const std::string& s);

}  // namespace leidensim::outputs
