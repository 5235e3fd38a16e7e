#pragma once
// Conventions shared by every subcommand: --threads, --replications, --seed, --output, --quiet,
// --help; exit codes 0 (ok), 2 (bad input), 1 (internal error).
#include <tbb/global_control.h>

#include <boost/program_options.hpp>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "leidensim/plugin_loader.hpp"

namespace leidensim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternalError = 1;
inline constexpr int kExitBadInput = 2;

namespace po = boost::program_options;

struct CommonOptions {
  int threads = 0;  // 0: all cores
  std::optional<int> replications;
  std::optional<std::uint64_t> seed;
  std::optional<std::filesystem::path> output;
  bool quiet = false;
  bool help = false;
};

/// Adds the shared options to `desc`, bound to `opts`.
void add_common_options(po::options_description& desc, CommonOptions& opts);

/// Parses argv (after the subcommand) into `vm`; throws po::error on bad usage.
po::variables_map parse(int argc, char** argv, const po::options_description& desc,
                        const po::positional_options_description* positional = nullptr);

/// Limits TBB to the requested number of threads for the lifetime of the returned object.
std::unique_ptr<tbb::global_control> limit_threads(int threads);
int hardware_threads();

/// The plugin search path: the build tree's plugins folder (when run from the build tree),
/// LEIDENSIM_PLUGIN_PATH and the install prefix.
PluginLoader plugin_loader();
/// Loads the libraries given with --plugin (errors name the file).
std::vector<ModuleDescriptor> load_plugins(const std::vector<std::string>& files);

/// The data pack to use when no scenario names one: LEIDENSIM_DATA, else the installed or
/// source-tree data/leiden.
std::filesystem::path default_data_dir();

/// Progress on stderr ("3/5 replications, ETA 12 s"), silent with --quiet or when stderr is not
/// a terminal.
class Progress {
 public:
  Progress(std::string what, bool quiet);
  void update(int done, int total);
  void finish();

 private:
  std::string what_;
  bool enabled_;
  double start_;
};

int run_command(int argc, char** argv);
int validate_command(int argc, char** argv);
int population_command(int argc, char** argv);
int bench_command(int argc, char** argv);
int plugins_command(int argc, char** argv);
int compare_command(int argc, char** argv);
int parameters_command(int argc, char** argv);
int sweep_command(int argc, char** argv);

}  // namespace leidensim::cli
