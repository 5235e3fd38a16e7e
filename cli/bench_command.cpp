// leidensim bench: engine throughput (person-months per second) and memory per person for the
// full population over the horizon, at several thread counts, optionally beside the reference
// kernel measured in the same run.
#include <array>
#include <chrono>
#include <cstdio>
#include <memory>
#include <sstream>

#include "command_line.hpp"
#include "leidensim/errors.hpp"
#include "leidensim/replication_runner.hpp"
#include "leidensim/scenario.hpp"

namespace leidensim::cli {

namespace {

/// Runs the reference kernel script and returns its person-months per second (0 if it failed).
double reference_throughput(const std::string& script, std::size_t persons, int months, int threads) {
  const std::string cmd = "'" + script + "' " + std::to_string(persons) + " " +
                          std::to_string(months) + " " + std::to_string(threads) + " 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  if (!pipe) return 0;
  std::array<char, 4096> buf{};
  std::string out;
  while (std::fgets(buf.data(), buf.size(), pipe.get())) out += buf.data();
  const auto pos = out.find("pm_per_s=");
  return pos == std::string::npos ? 0 : std::stod(out.substr(pos + 9));
}

long peak_rss_kib() {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return 0;
  char line[256];
  long kib = 0;
  while (std::fgets(line, sizeof line, f))
    if (std::sscanf(line, "VmHWM: %ld kB", &kib) == 1) break;
  std::fclose(f);
  return kib;
}

}  // namespace

int bench_command(int argc, char** argv) {
  CommonOptions common;
  double scale = 1.0;
  int years = 30;
  std::string thread_list = "1,2", reference, data;
  int repeats = 3;
  po::options_description desc(
      "leidensim bench [options]\n\n"
      "Times one replication of the full population over the horizon (release build advised) at\n"
      "each thread count, best of --repeat runs; reports person-months per second, ns per\n"
      "person-month, bytes of state per person and the final-state hash (equal at every thread\n"
      "count). With --reference, runs the reference kernel on the same population size in the\n"
      "same process and reports leidensim's throughput as a share of it.\n\noptions");
  add_common_options(desc, common);
  desc.add_options()
      ("scale", po::value<double>(&scale)->default_value(1.0), "population scale")
      ("years", po::value<int>(&years)->default_value(30), "simulated years")
      ("thread-counts", po::value<std::string>(&thread_list)->default_value("1,2"), "comma-separated thread counts")
      ("repeat", po::value<int>(&repeats)->default_value(3), "runs per thread count (best is reported)")
      ("reference", po::value<std::string>(&reference), "reference kernel script (e.g. ../shared/bench/reference_kernel.sh)")
      ("data", po::value<std::string>(&data), "data pack folder");
  parse(argc, argv, desc);
  if (common.help) {
    std::cout << desc << "\n";
    return kExitOk;
  }
  std::vector<int> counts;
  {
    std::stringstream ss(thread_list);
    for (std::string tok; std::getline(ss, tok, ',');) {
      const int n = std::atoi(tok.c_str());
      if (n < 1 || n > 4096) throw InputError(input_error_message("", "--thread-counts", "bad count '" + tok + "'"));
      counts.push_back(n);
    }
  }
  if (repeats < 1) throw InputError(input_error_message("", "--repeat", "must be at least 1"));
  Scenario s;
  s.data_dir = data.empty() ? default_data_dir() : std::filesystem::path(data);
  s.scale = scale;
  s.years = years;
  s.start = {2024, 1};  // no warm-up: every simulated month is timed
  if (common.seed) s.seed = *common.seed;
  const ModelSpec spec = make_model_spec(s, builtin_registry());
  const std::size_t persons = spec.base_population->persons();
  const int months = spec.total_months();
  const double pm = static_cast<double>(persons) * months;
  std::printf("bench: %zu persons x %d months (scale %g), best of %d\n", persons, months, scale, repeats);
  std::printf("%8s %10s %14s %12s %14s %18s\n", "threads", "seconds", "person-months/s", "ns/pm",
              "bytes/person", "final state hash");
  for (int t : counts) {
    const auto limit = limit_threads(t);
    double best = 1e300;
    std::uint64_t hash = 0;
    double bytes = 0;
    for (int k = 0; k < repeats; ++k) {
      Simulation sim(spec, 0);
      const auto t0 = std::chrono::steady_clock::now();
      sim.run();
      best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
      hash = sim.population().hash();
      bytes = sim.population().bytes_per_person();
    }
    std::printf("%8d %10.3f %14.4g %12.2f %14.1f %18llx\n", t, best, pm / best, best * 1e9 / pm,
                bytes, static_cast<unsigned long long>(hash));
    if (!reference.empty()) {
      const double ref = reference_throughput(reference, persons, months, t);
      if (ref > 0)
        std::printf("%8s reference kernel: %.4g person-months/s; leidensim = %.0f%% of it\n", "",
                    ref, 100.0 * (pm / best) / ref);
      else
        std::printf("%8s reference kernel did not run (%s)\n", "", reference.c_str());
    }
  }
  std::printf("peak resident memory: %.1f MiB (%.0f bytes per person, base population and "
              "one run)\n",
              peak_rss_kib() / 1024.0, peak_rss_kib() * 1024.0 / static_cast<double>(persons));
  return kExitOk;
}

}  // namespace leidensim::cli
