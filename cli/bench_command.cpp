// leidensim bench: engine throughput (person-months per second) and memory per person for the
// full population over the horizon, at several thread counts, optionally beside the reference
// kernel measured in the same run.
#include <array>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "command_line.hpp"
#include "interrupt_guard.hpp"
#include "leidensim/errors.hpp"
#include "leidensim/outputs/result_folder.hpp"
#include "leidensim/replication_runner.hpp"
#include "leidensim/scenario.hpp"

namespace leidensim::cli {

namespace {

/// Runs the reference kernel script and returns its person-months per second (0 if it failed).
double reference_throughput(const std::string& script, std::size_t persons, int months,
                            int threads) {
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
  std::size_t block_persons = SimulationOptions{}.block_persons;
  po::options_description desc(
      "leidensim bench [options]\n\n"
      "Times --replications replications (default 1; run in parallel like a comparison) of the\n"
      "full population over the horizon at each thread count, best of --repeat runs (release\n"
      "build advised); reports person-months per second, ns per person-month, bytes of state per\n"
      "person and the final-state hash (equal at every thread count). With --reference, runs the\n"
      "reference kernel on the same population size in the same run and reports leidensim's\n"
      "throughput as a share of it. --threads N times N threads only; --output DIR writes\n"
      "bench.csv there.\n\noptions");
  add_common_options(desc, common);
  auto option = desc.add_options();
  option("scale", po::value<double>(&scale)->default_value(1.0), "population scale");
  option("years", po::value<int>(&years)->default_value(30), "simulated years");
  option("thread-counts", po::value<std::string>(&thread_list)->default_value("1,2"),
         "comma-separated thread counts");
  option("repeat", po::value<int>(&repeats)->default_value(3),
         "runs per thread count (best is reported)");
  option("block-persons", po::value<std::size_t>(&block_persons)->default_value(block_persons),
         "person slots per block, the unit of parallel work (results do not depend on it)");
  option("reference", po::value<std::string>(&reference),
         "reference kernel script (e.g. ../shared/bench/reference_kernel.sh)");
  option("data", po::value<std::string>(&data), "data pack folder");
  const auto vm = parse(argc, argv, desc);
  if (common.help) {
    std::cout << desc << "\n";
    return kExitOk;
  }
  std::vector<int> counts;
  if (!vm["threads"].defaulted()) {
    limit_threads(common.threads);  // validates the value
    thread_list = std::to_string(common.threads == 0 ? hardware_threads() : common.threads);
  }
  const int replications = common.replications.value_or(1);
  if (replications < 1 || replications > 10000)
    throw InputError(input_error_message("", "--replications", "must be in 1..10000"));
  {
    std::stringstream ss(thread_list);
    for (std::string tok; std::getline(ss, tok, ',');) {
      const int n = std::atoi(tok.c_str());
      if (n < 1 || n > 4096)
        throw InputError(input_error_message("", "--thread-counts", "bad count '" + tok + "'"));
      counts.push_back(n);
    }
  }
  if (block_persons < 16 || block_persons > (1u << 24))
    throw InputError(input_error_message("", "--block-persons", "must be in 16..16777216"));
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
  const double pm = static_cast<double>(persons) * months * replications;
  auto say = [&](const char* fmt, auto... args) {
    if (!common.quiet) std::printf(fmt, args...);
  };
  say("bench: %zu persons x %d months x %d replication(s) (scale %g), best of %d\n", persons,
      months, replications, scale, repeats);
  say("%8s %10s %16s %10s %13s %18s %10s\n", "threads", "seconds", "person-months/s", "ns/pm",
      "bytes/person", "final state hash", "reference");
  std::ostringstream csv;
  csv << "threads,replications,persons,months,seconds,person_months_per_s,ns_per_person_month,"
         "bytes_per_person,final_state_hash,reference_person_months_per_s,share_of_reference\n";
  for (int t : counts) {
    const auto limit = limit_threads(t);
    double best = 1e300;
    std::uint64_t hash = 0;
    for (int k = 0; k < repeats; ++k) {
      const auto t0 = std::chrono::steady_clock::now();
      SimulationOptions options;
      options.block_persons = block_persons;
      const auto results = run_replications(spec, replications, options);
      best = std::min(best,
                      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
      hash = results.front().final_population_hash;
    }
    const double bytes = spec.base_population->bytes_per_person();
    const double ref = reference.empty() ? 0 : reference_throughput(reference, persons, months, t);
    const double share = ref > 0 ? (pm / best) / ref : 0;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    say("%8d %10.3f %16.4g %10.2f %13.1f %18s %9.0f%%\n", t, best, pm / best, best * 1e9 / pm,
        bytes, hex, 100 * share);
    if (!reference.empty() && ref <= 0)
      say("         reference kernel did not run (%s)\n", reference.c_str());
    csv << t << ',' << replications << ',' << persons << ',' << months << ',' << best << ','
        << pm / best << ',' << best * 1e9 / pm << ',' << bytes << ',' << hex << ',' << ref << ','
        << share << '\n';
  }
  say("(reference: the reference kernel's throughput on the same number of persons and months, "
      "measured in this run; leidensim's as a share of it)\n");
  say("peak resident memory: %.1f MiB\n", peak_rss_kib() / 1024.0);
  if (common.output) {
    const std::filesystem::path destination = *common.output;
    remove_on_interrupt(outputs::ResultFolder::staging_path(destination));
    outputs::ResultFolder folder(destination);
    std::ofstream(folder.staging() / "bench.csv") << csv.str();
    folder.commit();
    forget_on_interrupt(folder.staging());
  }
  return kExitOk;
}

}  // namespace leidensim::cli
