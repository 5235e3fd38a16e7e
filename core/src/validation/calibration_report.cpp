#include "leidensim/validation/calibration_report.hpp"

#include <tbb/parallel_for.h>

#include <cmath>
#include <map>

#include "leidensim/csv_table.hpp"
#include "leidensim/errors.hpp"
#include "leidensim/indicators.hpp"
#include "leidensim/synthesis/marginal_report.hpp"
#include "leidensim/synthesis/population_targets.hpp"

namespace leidensim {

namespace {

constexpr const char* kFlowGroup = "flows in the base year";

std::map<std::string, CalibrationTolerance> load_tolerances(const std::filesystem::path& dir) {
  const CsvTable t = CsvTable::read(dir / "calibration_tolerances.csv");
  std::map<std::string, CalibrationTolerance> out;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    CalibrationTolerance c{t.number(r, "tolerance"), t.cell(r, "role"), t.cell(r, "source")};
    if (c.role != "calibration" && c.role != "info")
      throw InputError(input_error_message(t.origin() + " row " + std::to_string(r + 2), "role",
                                           "\"" + c.role + "\": use calibration or info"));
    if (!(c.tolerance >= 0))
      throw InputError(input_error_message(t.origin() + " row " + std::to_string(r + 2),
                                           "tolerance", "must be a relative deviation >= 0"));
    if (c.source.empty())
      throw InputError(input_error_message(t.origin() + " row " + std::to_string(r + 2), "source",
                                           "empty: every target needs a source"));
    // A row with a name applies to that one target; without, to the whole group.
    out[t.cell(r, "group") + "|" + t.cell(r, "name")] = c;
  }
  return out;
}

struct FlowTarget {
  const char* name;
  Indicator indicator;
  double target;  // at Leiden's size
};

/// Base-year flows with a published figure in the pack.
std::vector<FlowTarget> flow_targets(const ModelSpec& spec, const PopulationTargets& targets) {
  const CsvTable edu = CsvTable::read(spec.data_dir / "education.csv");
  const CsvTable pas = CsvTable::read(spec.data_dir / "population_age_sex.csv");
  // The latest school year with a count (2020/21) and the only year with a birth count (2018).
  const double vsv = edu.number(edu.require({{"geography", "Leiden"},
                                             {"year", "2020"},
                                             {"indicator", "vsv_new_early_school_leavers_count"}}),
                                "value");
  const double births = pas.number(
      pas.require({{"year", "2018"}, {"age_band", "births"}, {"sex", "total"}}), "count");
  const double immigrants =
      spec.parameters.scalar("demography.immigration_annual") * targets.persons();
  return {{"early school leavers a year", Indicator::EarlySchoolLeavers, vsv},
          {"births a year", Indicator::Births, births},
          {"in-migrants a year", Indicator::Immigrants, immigrants}};
}

}  // namespace

bool CalibrationRow::pass() const {
  return !judged() || std::abs(deviation()) <= tolerance;
}

std::vector<CalibrationRow> run_calibration(const ModelSpec& spec, int replications,
                                            const SimulationOptions& options) {
  if (spec.warmup_months() != 0)
    throw InputError(input_error_message("", "start",
                                         "the calibration report needs the run to start at the "
                                         "population's date " +
                                             spec.reference.to_string()));
  if (spec.horizon_months < 12)
    throw InputError(input_error_message("", "years", "the base year needs twelve months"));
  if (replications < 2)
    throw InputError(
        input_error_message("", "replications", "at least 2 are needed for a Monte Carlo error"));
  const auto tolerances = load_tolerances(spec.data_dir);
  const PopulationTargets targets =
      PopulationTargets::load(spec.data_dir, spec.parameters, spec.reference.year);
  const auto flows = flow_targets(spec, targets);

  // Per replication: each row's base-year value (stocks: mean of the month-ends; flows: sums).
  std::vector<std::vector<MarginalRow>> per_rep(replications);
  tbb::parallel_for(0, replications, [&](int r) {
    Simulation sim(spec, static_cast<std::uint32_t>(r), options);
    std::vector<MarginalRow> sum;
    for (int m = 0; m < 12; ++m) {
      sim.step();
      auto rows = population_marginals(sim.population(), targets, spec.parameters, spec.scale);
      if (sum.empty()) {
        sum = std::move(rows);
      } else {
        for (std::size_t k = 0; k < rows.size(); ++k) sum[k].value += rows[k].value;
      }
    }
    for (auto& row : sum) row.value /= 12;
    for (const auto& f : flows)
      sum.push_back({kFlowGroup, f.name, f.target * spec.scale,
                     static_cast<double>(sim.indicators().yearly_city(0, f.indicator)), 0,
                     "persons"});
    per_rep[r] = std::move(sum);
  });

  std::vector<CalibrationRow> out;
  const double n = replications;
  for (std::size_t k = 0; k < per_rep[0].size(); ++k) {
    const MarginalRow& first = per_rep[0][k];
    double mean = 0, m2 = 0;
    for (const auto& rep : per_rep) mean += rep[k].value / n;
    for (const auto& rep : per_rep) m2 += (rep[k].value - mean) * (rep[k].value - mean);
    auto tol = tolerances.find(first.group + "|" + first.name);
    if (tol == tolerances.end()) tol = tolerances.find(first.group + "|");
    if (tol == tolerances.end())
      throw InputError(input_error_message((spec.data_dir / "calibration_tolerances.csv").string(),
                                           "group", "no row for \"" + first.group + "\""));
    CalibrationRow row;
    row.group = first.group;
    row.name = first.name;
    row.unit = first.unit;
    row.role = first.checked ? tol->second.role : "info";
    row.target = first.target;
    row.simulated = mean;
    row.standard_error = std::sqrt(m2 / (n - 1) / n);
    row.tolerance = tol->second.tolerance;
    row.source = tol->second.source;
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace leidensim
