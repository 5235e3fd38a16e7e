#pragma once
// The model-validity report as one self-contained HTML page (no scripts, no external files):
// the calibration table (simulated base year beside its targets, per group, with pass/fail),
// the backcast (a chart per series: the observed points, the simulated mean and the 95% Monte
// Carlo band of a single run; then the error measures), the analytic checks, and how the run
// was made (provenance). Written atomically (write_file_atomically).
#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

#include "leidensim/validation/analytic_checks.hpp"
#include "leidensim/validation/backcast.hpp"
#include "leidensim/validation/calibration_report.hpp"

namespace leidensim::outputs {

struct ValidationReport {
  std::vector<CalibrationRow> calibration;
  std::vector<BackcastSeries> backcast;
  std::vector<CheckRow> analytic;
  nlohmann::json provenance = nlohmann::json::object();  // shown as key: value lines
};

void write_validation_report(const std::filesystem::path& file, const ValidationReport& report);

}  // namespace leidensim::outputs
