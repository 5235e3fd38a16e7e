#include "leidensim/validation/backcast.hpp"

#include <cmath>
#include <map>

#include "leidensim/csv_table.hpp"
#include "leidensim/errors.hpp"
#include "leidensim/replication_runner.hpp"
#include "leidensim/synthesis/population_targets.hpp"

namespace leidensim {

namespace {

struct Observed {
  double value = 0;
  std::string source;
};

std::map<int, Observed> observed_bijstand(const std::filesystem::path& dir) {
  const CsvTable t = CsvTable::read(dir / "labour_benefits.csv");
  std::map<int, Observed> out;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    if (t.cell(r, "geography") != "Leiden" ||
        t.cell(r, "indicator") != "bijstand_recipients_total_periodic" ||
        t.cell(r, "quality") != "published")
      continue;
    const std::string& date = t.cell(r, "reference_date");
    if (date.size() != 10 || date.substr(4) != "-12-31") continue;
    out[std::stoi(date.substr(0, 4))] = {t.number(r, "value"),
                                         t.origin() + " row " + std::to_string(r + 2)};
  }
  return out;
}

/// Persons at the end of each year: the count of 1 January of the next year or of 31 December.
std::map<int, Observed> observed_persons(const std::filesystem::path& dir) {
  const CsvTable t = CsvTable::read(dir / "population_age_sex.csv");
  std::map<int, Observed> out;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    if (t.cell(r, "age_band") != "total" || t.cell(r, "sex") != "total" ||
        t.cell(r, "quality") != "published")
      continue;
    const std::string& date = t.cell(r, "reference_date");
    if (date.size() != 10) continue;
    const int y = std::stoi(date.substr(0, 4));
    const std::string md = date.substr(4);
    const int year = md == "-01-01" ? y - 1 : md == "-12-31" ? y : -1;
    if (year < 0) continue;
    out[year] = {t.number(r, "count"), t.origin() + " row " + std::to_string(r + 2)};
  }
  return out;
}

}  // namespace

std::vector<BackcastSeries> run_backcast(const ModelSpec& spec, int replications,
                                         const SimulationOptions& options) {
  if (spec.reference.year >= kPackYear)
    throw InputError(input_error_message("", "population_year",
                                         "a backcast starts before " + std::to_string(kPackYear)));
  if (replications < 2)
    throw InputError(
        input_error_message("", "replications", "at least 2 are needed for a Monte Carlo band"));
  const CsvTable bounds = CsvTable::read(spec.data_dir / "backcast_bounds.csv");
  const auto results = run_replications(spec, replications, options);

  struct Spec {
    std::string name, unit;
    Indicator indicator;
    std::map<int, Observed> observed;
  };
  const std::vector<Spec> series = {
      {"bijstand recipients (31 December)", "benefit households", Indicator::Bijstand,
       observed_bijstand(spec.data_dir)},
      {"persons (31 December)", "persons", Indicator::Persons, observed_persons(spec.data_dir)}};

  std::vector<BackcastSeries> out;
  const int years = spec.horizon_months / 12;
  const double n = replications;
  for (const auto& s : series) {
    BackcastSeries b;
    b.name = s.name;
    b.unit = s.unit;
    const auto bound_row = bounds.require({{"series", s.name}});
    b.bound = bounds.number(bound_row, "bound");
    b.bound_note = bounds.cell(bound_row, "note");
    double sum_abs = 0, sum_sq = 0, sum_rel = 0;
    for (int k = 0; k < years; ++k) {
      const int year = spec.start.year + k;
      const auto obs = s.observed.find(year);
      if (obs == s.observed.end() || spec.start.month != 1) continue;
      BackcastPoint p;
      p.year = year;
      p.observed = obs->second.value * spec.scale;
      p.source = obs->second.source;
      double mean = 0, m2 = 0;
      for (const auto& r : results) mean += r.indicators.yearly_city(k, s.indicator) / n;
      for (const auto& r : results) {
        const double d = r.indicators.yearly_city(k, s.indicator) - mean;
        m2 += d * d;
      }
      const double sd = std::sqrt(m2 / (n - 1));
      p.simulated = mean;
      p.band_low = mean - 1.96 * sd;
      p.band_high = mean + 1.96 * sd;
      sum_abs += std::abs(p.relative_error());
      sum_sq += p.error() * p.error();
      sum_rel += p.relative_error();
      b.max_abs_relative_error = std::max(b.max_abs_relative_error, std::abs(p.relative_error()));
      b.points.push_back(p);
    }
    if (b.points.empty())
      throw InputError(input_error_message("", "start",
                                           "no observed " + s.name + " in the reported years " +
                                               std::to_string(spec.start.year) + "-" +
                                               std::to_string(spec.start.year + years - 1)));
    const double m = static_cast<double>(b.points.size());
    b.mape = sum_abs / m;
    b.rmse = std::sqrt(sum_sq / m);
    b.bias = sum_rel / m;
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace leidensim
