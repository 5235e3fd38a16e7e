#pragma once
// The model-validity report behind `leidensim validate --calibration`.
#include <filesystem>
#include <optional>

#include "command_line.hpp"

namespace leidensim::cli {

struct ValidityOptions {
  std::optional<std::filesystem::path> scenario;  // the model; default: the data pack as is
  std::optional<double> scale;
  int backcast_year = 2017;  // 0: no backcast
  int backcast_to = 2022;
  bool analytic = true;
  double analytic_scale = 0.1;
};

/// Runs the report, prints a summary and writes calibration.csv, backcast.csv,
/// backcast_summary.csv, analytic_checks.csv, validation.html and validation.json into the
/// results folder (--output, default results/validation), which appears whole or not at all.
int validity_report(const ValidityOptions& options, const CommonOptions& common);

}  // namespace leidensim::cli
