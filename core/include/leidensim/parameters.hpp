#pragma once
// The model's parameters: every rate, share, amount and table the life-course processes use,
// each with a unit, a valid range, a quality mark and a source. Loaded from a data pack's
// parameters.csv; a scenario may override any of them by name.
//
// A parameter is a scalar or a table (a fixed-length list, e.g. one value per age). Lookups are
// recorded, so tests can show that every parameter in the file is used and none is missing.
// Thread safety: lookups may run concurrently (replications build their modules in parallel);
// overrides may not.
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace leidensim {

enum class Quality { Published, Derived, Assumption };
const char* to_string(Quality q);

struct Parameter {
  std::string name;            // "<module>.<what>", e.g. "labour.job_loss_monthly"
  std::vector<double> values;  // one value for a scalar, several for a table
  std::string unit;
  double min = 0.0;  // valid range of every value (inclusive)
  double max = 0.0;
  Quality quality = Quality::Assumption;
  std::string source;         // data-pack row, publication, or the stated assumption
  std::string note;           // derivation method or caveat
  std::string overridden_by;  // scenario file that set the value, empty if from the data pack
};

class ParameterSet {
 public:
  /// Reads parameters.csv (columns name,value,unit,min,max,quality,source,note).
  static ParameterSet load(const std::filesystem::path& csv_path);

  double scalar(const std::string& name) const;
  /// A table parameter; throws InputError if its length is not `expected_size`.
  std::span<const double> table(const std::string& name, std::size_t expected_size) const;
  bool contains(const std::string& name) const { return by_name_.count(name) != 0; }
  const Parameter& info(const std::string& name) const;

  /// Replaces a parameter's values, checking length and range. `origin` names the scenario file
  /// and JSON path for error messages and provenance.
  void override_values(const std::string& name, const std::vector<double>& values,
                       const std::string& origin);

  const std::vector<Parameter>& all() const { return params_; }
  /// Names looked up so far (see the file comment).
  std::set<std::string> used() const;

 private:
  const Parameter& get(const std::string& name) const;

  std::filesystem::path origin_;
  std::vector<Parameter> params_;
  std::map<std::string, std::size_t> by_name_;
  // Lookups happen while replications construct their modules in parallel: the record of used
  // names is guarded (copies of a set share the guard, which is harmless).
  mutable std::set<std::string> used_;
  mutable std::shared_ptr<std::mutex> used_mutex_ = std::make_shared<std::mutex>();
};

}  // namespace leidensim
