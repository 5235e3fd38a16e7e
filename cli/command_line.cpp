#include "command_line.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "leidensim/errors.hpp"

#ifndef LEIDENSIM_BUILD_PLUGIN_DIR
#define LEIDENSIM_BUILD_PLUGIN_DIR ""
#endif
#ifndef LEIDENSIM_SOURCE_DATA_DIR
#define LEIDENSIM_SOURCE_DATA_DIR ""
#endif
#ifndef LEIDENSIM_INSTALL_DATA_DIR
#define LEIDENSIM_INSTALL_DATA_DIR ""
#endif

namespace leidensim::cli {

void add_common_options(po::options_description& desc, CommonOptions& o) {
  desc.add_options()("threads", po::value<int>(&o.threads)->default_value(0, "all cores"),
                     "worker threads; results are identical at any number")(
      "replications", po::value<int>()->notifier([&o](int r) { o.replications = r; }),
      "number of replications (overrides the scenario)")(
      "seed", po::value<std::uint64_t>()->notifier([&o](std::uint64_t s) { o.seed = s; }),
      "random seed (overrides the scenario)")(
      "output", po::value<std::string>()->notifier([&o](const std::string& s) { o.output = s; }),
      "results folder")("quiet", po::bool_switch(&o.quiet),
                        "no progress or summary on the console")("help,h", po::bool_switch(&o.help),
                                                                 "show this help");
}

po::variables_map parse(int argc, char** argv, const po::options_description& desc,
                        const po::positional_options_description* positional) {
  po::variables_map vm;
  auto parser = po::command_line_parser(argc, argv).options(desc);
  if (positional) parser.positional(*positional);
  po::store(parser.run(), vm);
  po::notify(vm);
  return vm;
}

int hardware_threads() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

std::unique_ptr<tbb::global_control> limit_threads(int threads) {
  if (threads < 0 || threads > 4096)
    throw InputError(
        input_error_message("", "--threads", "must be between 0 (all cores) and 4096"));
  const int n = threads == 0 ? hardware_threads() : threads;
  return std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                               static_cast<std::size_t>(n));
}

PluginLoader plugin_loader() {
  std::vector<std::filesystem::path> dirs;
  if (*LEIDENSIM_BUILD_PLUGIN_DIR && std::filesystem::is_directory(LEIDENSIM_BUILD_PLUGIN_DIR))
    dirs.emplace_back(LEIDENSIM_BUILD_PLUGIN_DIR);
  return PluginLoader(dirs);
}

std::vector<ModuleDescriptor> load_plugins(const std::vector<std::string>& files) {
  std::vector<ModuleDescriptor> out;
  for (const auto& f : files) out.push_back(PluginLoader::load_file(f));
  return out;
}

std::filesystem::path default_data_dir() {
  if (const char* env = std::getenv("LEIDENSIM_DATA")) return env;
  // An installed program finds its data in <prefix>/share/leidensim/data, next to <prefix>/bin.
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto installed =
        exe.parent_path().parent_path() / "share" / "leidensim" / "data" / "leiden";
    if (std::filesystem::exists(installed / "parameters.csv")) return installed;
  }
  for (const char* candidate : {LEIDENSIM_SOURCE_DATA_DIR, LEIDENSIM_INSTALL_DATA_DIR}) {
    const std::filesystem::path p = std::filesystem::path(candidate) / "leiden";
    if (*candidate && std::filesystem::exists(p / "parameters.csv")) return p;
  }
  return "data/leiden";
}

namespace {
double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
}  // namespace

Progress::Progress(std::string what, bool quiet)
    : what_(std::move(what)), enabled_(!quiet && ::isatty(STDERR_FILENO)), start_(now_seconds()) {}

void Progress::update(int done, int total) {
  if (!enabled_) return;
  const double elapsed = now_seconds() - start_;
  const double eta = done > 0 ? elapsed / done * (total - done) : 0.0;
  std::fprintf(stderr, "\r%s: %d/%d done, %.0f s elapsed, ETA %.0f s   ", what_.c_str(), done,
               total, elapsed, eta);
  std::fflush(stderr);
}

void Progress::finish() {
  if (!enabled_) return;
  std::fprintf(stderr, "\r%*s\r", 70, "");
  std::fflush(stderr);
}

}  // namespace leidensim::cli
