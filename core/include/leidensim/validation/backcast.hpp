#pragma once
// Backcast: the model started from an earlier year and run with today's rates, beside the
// series the data pack observed in the years since.
//
// The spec is a scenario with "population_year" earlier than the pack year (e.g.
// scenarios/backcast_2017.json: the base population of 1 January 2017, reported from 2017-01).
// The observed series, read from the data pack for every reported year that has a figure:
//   - bijstand recipients at 31 December: labour_benefits.csv, Leiden,
//     bijstand_recipients_total_periodic (published rows only);
//   - persons on 1 January of the next year: population_age_sex.csv, age_band and sex "total"
//     (dated 1 January of the next year or 31 December of the year).
// Neither is used to derive a rate (the bijstand inflow was calibrated on the 2024 stock, the
// migration rates on the 2024 population and forecast), so both are validation targets; only the
// start stock is taken from the series (it is the initial condition).
// Simulated: the December stocks of the reported years, per replication. Per year: the mean
// over replications, the 95% Monte Carlo band of a single run (mean -/+ 1.96 sd) and the error of
// the mean. Per series: mean absolute percentage error (MAPE), root mean squared error, bias (mean
// signed relative error), largest absolute relative error; the MAPE is judged against the bound
// in the data pack's backcast_bounds.csv (columns series,bound,note).
//
// Reads the spec only; replications run in parallel. Results are identical at any thread count.
#include <string>
#include <vector>

#include "leidensim/indicators.hpp"
#include "leidensim/model_spec.hpp"
#include "leidensim/simulation.hpp"

namespace leidensim {

struct BackcastPoint {
  int year = 0;          // the calendar year whose December stock is compared
  double observed = 0;   // at Leiden's size times the run's scale
  double simulated = 0;  // mean over replications
  double band_low = 0;   // 95% Monte Carlo band of a single run
  double band_high = 0;
  std::string source;
  double error() const { return simulated - observed; }
  double relative_error() const { return observed != 0 ? simulated / observed - 1.0 : 0.0; }
};

struct BackcastSeries {
  std::string name;  // "bijstand recipients (31 December)"
  std::string unit;
  std::vector<BackcastPoint> points;
  double mape = 0, rmse = 0, bias = 0, max_abs_relative_error = 0;
  double bound = 0;  // largest acceptable MAPE
  std::string bound_note;
  bool within_bound() const { return mape <= bound; }
};

/// Throws InputError if the spec is not a backcast (population_year at the pack year), if a
/// series has no observed year in the reported period, or if backcast_bounds.csv lacks a series.
std::vector<BackcastSeries> run_backcast(const ModelSpec& spec, int replications,
                                         const SimulationOptions& options = {});

}  // namespace leidensim
