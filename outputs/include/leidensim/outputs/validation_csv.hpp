#pragma once
// The model-validity report as tidy CSV tables:
//   calibration.csv      group,name,unit,role,target,simulated,standard_error,deviation,tolerance,
//                        pass,source          (pass is "yes", "no" or "-" for info rows)
//   backcast.csv         series,year,observed,simulated,band_low,band_high,error,relative_error,
//                        source
//   backcast_summary.csv series,unit,years,mape,rmse,bias,max_abs_relative_error,bound,
//                        within_bound
//   analytic_checks.csv  check,quantity,analytic,simulated,standard_error,lower,upper,pass
// Empty inputs write no file.
#include <filesystem>
#include <vector>

#include "leidensim/validation/analytic_checks.hpp"
#include "leidensim/validation/backcast.hpp"
#include "leidensim/validation/calibration_report.hpp"

namespace leidensim::outputs {

void write_calibration_csv(const std::filesystem::path& folder,
                           const std::vector<CalibrationRow>& rows);
void write_backcast_csv(const std::filesystem::path& folder,
                        const std::vector<BackcastSeries>& series);
void write_analytic_checks_csv(const std::filesystem::path& folder,
                               const std::vector<CheckRow>& rows);

}  // namespace leidensim::outputs
