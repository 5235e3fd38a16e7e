#pragma once
// A comparison's budget as an Excel workbook (.xlsx) for council staff:
//   one sheet per programme ("7 Jeugd & Onderwijs", "8C Sport", "9 Maatsch. Ondersteuning",
//   "10 Werk & Inkomen", "other"): calendar years as rows; the mean euros a year of every
//   scenario side by side; then, for each scenario after the first, its paired difference from
//   the first with the 95% interval (low, high).
//   "Net effects": per scenario after the first and horizon, the discounted measure cost, avoided
//   cost, net budget effect (with interval), return per euro, the outcome differences
//   (bijstand person-years, poverty household-years) and the cost per outcome. Undefined ratios
//   (NaN, infinite) show as "n/a".
//   "About": what the numbers are, the discount rate, the replications and common random numbers.
// The workbook is written to a temporary file next to `file` and renamed into place when
// complete, so `file` is either the old file or the complete new one, never half written.
#include <filesystem>
#include <string>
#include <vector>

#include "leidensim/comparison.hpp"

namespace leidensim::outputs {

/// The sheet name of a programme: "<code> <name>", made valid for Excel (at most 31 characters,
/// none of []:*?/\); long words are abbreviated ("9 Maatsch. Ondersteuning").
std::string budget_sheet_name(Programme p);

/// Throws std::runtime_error if the workbook cannot be written (nothing is left behind then).
void write_budget_spreadsheet(const std::filesystem::path& file,
                              const std::vector<ScenarioResult>& scenarios,
                              const Comparison& comparison);

}  // namespace leidensim::outputs
