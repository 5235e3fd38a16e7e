// leidensim: the command-line front end. Each subcommand lives in its own file; this file only
// dispatches and maps failures to exit codes (2: bad input, 1: internal error).
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "command_line.hpp"
#include "interrupt_guard.hpp"
#include "leidensim/errors.hpp"

namespace {

void print_usage() {
  std::printf(
      "leidensim - agent-based simulation of Leiden's households and the municipal budget\n\n"
      "usage: leidensim <command> [options]\n\n"
      "commands:\n"
      "  run FILE        simulate a scenario; yearly summary on screen, indicators to CSV\n"
      "  validate FILE.. check scenarios without running them; lists every problem\n"
      "  validate --calibration  model validity: base year vs the data, backcast, analytic checks\n"
      "  compare A B ... scenarios with common random numbers: paired differences, budget effects\n"
      "  sweep BASE SCEN parameter uncertainty of a measure's effect beside Monte Carlo noise\n"
      "  population      build the synthetic base population (--summary: marginals vs targets)\n"
      "  bench           throughput and memory of the engine (person-months per second)\n"
      "  plugins         list every module (built-in processes and measures), phases, "
      "parameters\n"
      "  parameters      the parameter register: value, unit, quality and source of every "
      "parameter\n\n"
      "options shared by every command: --threads N, --replications R, --seed S, --output DIR,\n"
      "--quiet, --help. Run 'leidensim <command> --help' for a command's options.\n"
      "exit codes: 0 ok, 2 bad input, 1 internal error\n");
}

}  // namespace

int main(int argc, char** argv) {
  using namespace leidensim::cli;
  install_interrupt_guard();
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") ||
      !std::strcmp(argv[1], "help")) {
    print_usage();
    return argc < 2 ? kExitBadInput : kExitOk;
  }
  const std::string cmd = argv[1];
  try {
    if (cmd == "run") return run_command(argc - 1, argv + 1);
    if (cmd == "validate") return validate_command(argc - 1, argv + 1);
    if (cmd == "compare") return compare_command(argc - 1, argv + 1);
    if (cmd == "population") return population_command(argc - 1, argv + 1);
    if (cmd == "bench") return bench_command(argc - 1, argv + 1);
    if (cmd == "plugins") return plugins_command(argc - 1, argv + 1);
    if (cmd == "parameters") return parameters_command(argc - 1, argv + 1);
    if (cmd == "sweep") return sweep_command(argc - 1, argv + 1);
    std::fprintf(stderr, "leidensim: unknown command '%s' (try 'leidensim --help')\n", cmd.c_str());
    return kExitBadInput;
  } catch (const leidensim::InputError& e) {
    std::fprintf(stderr, "leidensim %s: error: %s\n", cmd.c_str(), e.what());
    return kExitBadInput;
  } catch (const boost::program_options::error& e) {
    std::fprintf(stderr, "leidensim %s: error: %s (try 'leidensim %s --help')\n", cmd.c_str(),
                 e.what(), cmd.c_str());
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "leidensim %s: internal error: %s\n", cmd.c_str(), e.what());
    return kExitInternalError;
  }
}
