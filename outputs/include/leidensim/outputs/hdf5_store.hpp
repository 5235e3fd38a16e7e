#pragma once
// The HDF5 result file: the canonical store of a run or a comparison of scenarios. Every
// replication's monthly indicators and budget ledger, the comparison tables and the provenance
// in one self-describing file that h5py (and pandas through it) reads without custom code. The
// layout is documented in outputs/README.md.
//
// The file appears whole or not at all: it is written to "<file>.partial-<pid>" next to the
// destination and renamed into place when complete. On any error the partial file is removed
// and the exception rethrown; a partial file left by a killed process is removed by the next
// write to the same destination. The HDF5 library is not called from two threads at once (the
// functions here serialise their calls).
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "leidensim/calendar.hpp"
#include "leidensim/comparison.hpp"

namespace leidensim::outputs {

/// Version of the layout, stored as /meta attribute "format_version".
inline constexpr int kHdf5FormatVersion = 1;

/// Writes `scenarios` (and `comparison`, if not null) with `provenance` to `file`, replacing an
/// existing file. `provenance` is the caller's record of the run: {"program", "version", "seed",
/// "replications", "host", "started", "finished", "plugins": [...]}; missing keys are written as
/// empty (host: this machine's name). Every scenario must have at least one replication, the
/// same districts, start and number of months, and series of consistent size; scenario names
/// must be unique, non-empty, without '/' and not "." (std::invalid_argument otherwise). Errors
/// of the file system or of HDF5 are std::runtime_error.
void write_hdf5(const std::filesystem::path& file, const std::vector<ScenarioResult>& scenarios,
                const Comparison* comparison, const nlohmann::json& provenance);

/// The temporary file write_hdf5(file, ...) writes to in this process, e.g. for removing it
/// on SIGINT (see cli/interrupt_guard.hpp).
std::filesystem::path hdf5_partial_path(const std::filesystem::path& file);

/// One scenario as stored: C-order arrays with their dimensions.
struct ScenarioArrays {
  std::string name;
  nlohmann::json scenario;  // resolved scenario JSON
  nlohmann::json modules;   // [{name, kind, version, library, params}]
  YearMonth start;
  std::vector<std::string> districts;       // /meta/districts
  std::vector<std::string> months;          // /meta/months, "YYYY-MM"
  std::vector<int> years;                   // /meta/years, calendar year of each ledger year
  std::vector<std::uint32_t> replications;  // replication numbers
  std::vector<std::uint64_t> final_population_hash;  // per replication
  std::vector<std::uint64_t> final_persons;          // per replication

  std::array<std::size_t, 4> indicator_dims{};  // replication, month, district, indicator
  std::vector<std::int64_t> indicators;
  std::array<std::size_t, 4> ledger_dims{};          // replication, year, programme, category
  std::vector<std::int64_t> ledger;                  // cents, summed over each year's months
  std::array<std::size_t, 4> ledger_monthly_dims{};  // replication, month, programme, category
  std::vector<std::int64_t> ledger_monthly;          // cents

  std::int64_t indicator(std::size_t r, std::size_t m, std::size_t d, std::size_t i) const {
    const auto& n = indicator_dims;
    return indicators[((r * n[1] + m) * n[2] + d) * n[3] + i];
  }
  std::int64_t ledger_cents(std::size_t r, std::size_t y, std::size_t p, std::size_t c) const {
    const auto& n = ledger_dims;
    return ledger[((r * n[1] + y) * n[2] + p) * n[3] + c];
  }
  /// The scenario as the core's result type, e.g. to compare scenarios read from a file.
  ScenarioResult to_scenario_result() const;
};

/// Names of the scenarios in `file`, in the order they were given to write_hdf5.
std::vector<std::string> read_hdf5_scenario_names(const std::filesystem::path& file);

/// Reads one scenario; std::invalid_argument if the file has no scenario of that name.
ScenarioArrays read_hdf5_scenario(const std::filesystem::path& file, const std::string& name);

/// The provenance JSON as given to write_hdf5 (/meta/provenance).
nlohmann::json read_hdf5_provenance(const std::filesystem::path& file);

/// The comparison tables, or nothing if the file holds none.
std::optional<Comparison> read_hdf5_comparison(const std::filesystem::path& file);

}  // namespace leidensim::outputs
