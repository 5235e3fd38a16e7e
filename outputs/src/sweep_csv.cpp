#include "leidensim/outputs/sweep_csv.hpp"

#include <cmath>

#include "leidensim/outputs/output_file.hpp"

namespace leidensim::outputs {

namespace {

std::ofstream open(const std::filesystem::path& file) {
  return open_output_file(file, 12);
}

/// A number, or an empty field where it is undefined.
struct Field {
  double x;
};
std::ostream& operator<<(std::ostream& out, Field f) {
  if (std::isfinite(f.x)) out << f.x;
  return out;
}

}  // namespace

void write_sweep_csv(const std::filesystem::path& folder, const uncertainty::SweepResult& r) {
  const auto& indicators = uncertainty::sweep_indicators();
  const auto& params = r.design.parameters;
  {
    auto out = open(folder / "sweep_samples.csv");
    out << "sample";
    for (const auto& p : params) out << ',' << p.name;
    out << ",indicator,mean_effect,within_sd\n";
    for (int s = 0; s < r.design.samples(); ++s)
      for (std::size_t k = 0; k < indicators.size(); ++k) {
        const auto& d = r.decomposition[k];
        out << s;
        for (double v : r.design.values[static_cast<std::size_t>(s)]) out << ',' << v;
        out << ',' << indicators[k].name << ','
            << Field{d.sample_means[static_cast<std::size_t>(s)]} << ','
            << Field{d.sample_sds[static_cast<std::size_t>(s)]} << '\n';
      }
  }
  {
    auto out = open(folder / "sweep_summary.csv");
    out << "indicator,unit,base_mean,mean_effect,mc_sd_mean,mc_sd_run,parameter_sd,"
           "parameter_share,parameter_low,parameter_high,within_variance,residual_variance,"
           "between_variance,samples,replications,years\n";
    for (std::size_t k = 0; k < indicators.size(); ++k) {
      const auto& d = r.decomposition[k];
      out << indicators[k].name << ',' << indicators[k].unit << ',' << Field{r.base_means[k]} << ','
          << Field{d.mean_effect} << ',' << Field{d.mc_sd_mean} << ',' << Field{d.mc_sd_run} << ','
          << Field{d.parameter_sd} << ',' << Field{d.parameter_share} << ','
          << Field{d.parameter_low} << ',' << Field{d.parameter_high} << ','
          << Field{d.within_variance} << ',' << Field{d.residual_variance} << ','
          << Field{d.between_variance} << ',' << d.samples << ',' << d.replications << ','
          << r.years << '\n';
    }
  }
  {
    auto out = open(folder / "sweep_sensitivity.csv");
    out << "indicator,parameter,low,high,correlation,standardized_coefficient\n";
    for (std::size_t k = 0; k < indicators.size(); ++k)
      for (std::size_t j = 0; j < params.size(); ++j) {
        const auto& s = r.sensitivity[k][j];
        out << indicators[k].name << ',' << params[j].name << ',' << params[j].low << ','
            << params[j].high << ',' << Field{s.correlation} << ','
            << Field{s.standardized_coefficient} << '\n';
      }
  }
}

}  // namespace leidensim::outputs
