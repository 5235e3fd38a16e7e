#pragma once
// Calibration report: the simulated base year beside the data pack's targets.
//
// Runs `replications` replications of the model's first twelve months (the spec must report from
// the population's own date: start == reference) and, at the end of every month, measures the
// population's marginals (population_marginals: persons and households by district, age band
// and type, sex shares, employment, unemployment, bijstand, disability, literacy,
// startkwalificatie, jeugdhulp, Wmo, poverty, debt). A stock's simulated value is its mean over
// the twelve month-ends; the base-year flows (early school leavers, births, in-migrants) are the
// year's totals. The Monte Carlo standard error is the spread between replications / sqrt(R).
//
// Each row's tolerance and role come from the data pack's calibration_tolerances.csv, by group:
//   role "calibration": the synthesis is fitted to the target or a rate was derived so that the
//   model holds it (then the row checks that the dynamics keep it through the year);
//   role "info": an assumed figure the published data contradict, shown but not judged.
// Validation targets (not used to derive anything) are those of the backcast (backcast.hpp).
//
// Reads the spec only; replications run in parallel (and each over blocks). Results are
// identical at any thread count.
#include <filesystem>
#include <string>
#include <vector>

#include "leidensim/model_spec.hpp"
#include "leidensim/simulation.hpp"

namespace leidensim {

struct CalibrationRow {
  std::string group;  // e.g. "persons by district"
  std::string name;   // e.g. "Binnenstad-Zuid"
  std::string unit;
  std::string role;  // "calibration" or "info"
  double target = 0;
  double simulated = 0;       // mean over replications
  double standard_error = 0;  // Monte Carlo, between replications
  double tolerance = 0;       // allowed relative deviation
  std::string source;         // where the target comes from
  double deviation() const { return target != 0 ? simulated / target - 1.0 : 0.0; }
  bool judged() const { return role != "info"; }
  bool pass() const;
};

/// Tolerance, role and source of the rows, from `data_dir`/calibration_tolerances.csv (columns
/// group,name,tolerance,role,source,note; a row with a name applies to that target, one without
/// to the rest of its group). A row the report produces but the file does not cover is an
/// InputError naming the file.
struct CalibrationTolerance {
  double tolerance = 0;
  std::string role;
  std::string source;
};

/// The base-year report. Throws InputError if the spec does not start at its reference month or
/// reports fewer than twelve months.
std::vector<CalibrationRow> run_calibration(const ModelSpec& spec, int replications,
                                            const SimulationOptions& options = {});

}  // namespace leidensim
