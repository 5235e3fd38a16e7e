// End-to-end tests of the leidensim program: help, a tiny run and its files, reproducibility
// across thread counts, bad input (exit code 2, a message naming the file and the JSON path, no
// results folder), the population summary and the invariant check.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "leidensim/csv_table.hpp"
#include "leidensim/indicators.hpp"
#include "leidensim/parameters.hpp"
#include "support/test_model.hpp"

namespace leidensim {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Outcome {
  int code = -1;  // exit status, or 128 + signal number
  std::string out, err;
};

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> split(const std::string& line, char sep = ',') {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, sep)) out.push_back(field);
  if (!line.empty() && line.back() == sep) out.emplace_back();
  return out;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

/// Every test gets a fresh working folder (the program's current directory, so a default
/// results/ folder would land there too) and a separate folder for the captured output.
class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    root_ = fs::temp_directory_path() /
            ("leidensim_cli_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(root_);
    work_ = root_ / "work";
    io_ = root_ / "io";
    fs::create_directories(work_);
    fs::create_directories(io_);
    ASSERT_TRUE(fs::exists(test::cli_binary())) << test::cli_binary();
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  /// Runs `leidensim <args>` in the working folder.
  Outcome run(const std::string& args) const {
    const std::string cmd = "cd " + quote(work_.string()) + " && " +
                            quote(test::cli_binary().string()) + " " + args + " >" +
                            quote((io_ / "stdout").string()) + " 2>" +
                            quote((io_ / "stderr").string()) + " </dev/null";
    const int status = std::system(cmd.c_str());
    Outcome o;
    if (status != -1 && WIFEXITED(status))
      o.code = WEXITSTATUS(status);
    else if (status != -1 && WIFSIGNALED(status))
      o.code = 128 + WTERMSIG(status);
    o.out = slurp(io_ / "stdout");
    o.err = slurp(io_ / "stderr");
    return o;
  }

  /// The tiny scenario: 2% of Leiden, 2 years, 2 replications.
  static json tiny() {
    return {{"name", "tiny"},
            {"data", test::data_dir().string()},
            {"scale", 0.02},
            {"years", 2},
            {"replications", 2}};
  }
  fs::path write_scenario(const json& j, const std::string& file = "tiny.json") const {
    return write_text(j.dump(2), file);
  }
  /// The tiny scenario as "base.json" and, with jobcoach (`jobcoach_params`), as "with.json".
  std::pair<fs::path, fs::path> base_and_jobcoach(const json& jobcoach_params) const {
    json base = tiny();
    base["name"] = "base";
    json with = tiny();
    with["name"] = "with_measure";
    json measure = {{"name", "jobcoach"}};
    if (!jobcoach_params.empty()) measure["params"] = jobcoach_params;
    with["measures"] = json::array({measure});
    return {write_scenario(base, "base.json"), write_scenario(with, "with.json")};
  }
  fs::path write_text(const std::string& text, const std::string& file) const {
    const fs::path p = work_ / file;
    std::ofstream(p, std::ios::binary | std::ios::trunc) << text;
    return p;
  }
  /// Entries of the working folder (hidden ones included).
  std::set<std::string> work_entries() const {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(work_)) out.insert(e.path().filename().string());
    return out;
  }

  /// Bad input: exit code 2, every `needles` on stderr, and nothing written to the working
  /// folder (no results folder, no staging folder).
  void expect_bad_input(const std::string& args, const std::vector<std::string>& needles) const {
    const auto before = work_entries();
    const fs::path output = work_ / "out";
    const Outcome o = run(args + " --output " + quote(output.string()));
    EXPECT_EQ(o.code, 2) << "leidensim " << args << "\nstderr: " << o.err << "\nstdout: " << o.out;
    EXPECT_FALSE(o.err.empty()) << "leidensim " << args << ": no message on stderr";
    for (const auto& n : needles)
      EXPECT_NE(o.err.find(n), std::string::npos)
          << "leidensim " << args << ": the message does not mention \"" << n
          << "\"\nstderr: " << o.err;
    EXPECT_FALSE(fs::exists(output)) << "leidensim " << args << " left a results folder";
    EXPECT_EQ(work_entries(), before) << "leidensim " << args << " left files behind";
  }
  /// A scenario that is bad in one way: exit 2, a message with the file and the JSON path.
  void expect_bad_scenario(const json& j, const std::string& json_path) {
    const fs::path file = write_scenario(j, "bad.json");
    expect_bad_input("run " + quote(file.string()) + " --quiet", {file.string(), json_path});
  }

  fs::path root_, work_, io_;
};

// ---- help ----

TEST_F(Cli, HelpNamesTheCommandsAndSharedOptions) {
  const Outcome o = run("--help");
  EXPECT_EQ(o.code, 0) << o.err;
  for (const char* s : {"usage", "run", "population", "bench", "--threads", "--replications",
                        "--seed", "--output", "--quiet", "--help"})
    EXPECT_NE(o.out.find(s), std::string::npos) << "leidensim --help lacks " << s << ":\n" << o.out;
}

TEST_F(Cli, EveryCommandHasHelpNamingItsOptions) {
  const std::map<std::string, std::vector<std::string>> own = {
      {"run", {"--years", "--scale", "--data", "--check"}},
      {"population", {"--summary", "--scale", "--data"}},
      {"bench", {"--scale", "--years", "--thread-counts"}},
      {"parameters", {"--measure", "--csv", "--data", "--plugin"}},
      {"sweep", {"--samples", "--vary", "--no-default-ranges", "--years", "--scale"}},
  };
  for (const auto& [command, options] : own) {
    const Outcome o = run(command + " --help");
    EXPECT_EQ(o.code, 0) << command << " --help: " << o.err;
    EXPECT_NE(o.out.find("leidensim " + command), std::string::npos) << o.out;
    std::vector<std::string> all = {"--threads", "--replications", "--seed",
                                    "--output",  "--quiet",        "--help"};
    all.insert(all.end(), options.begin(), options.end());
    for (const auto& s : all)
      EXPECT_NE(o.out.find(s), std::string::npos)
          << "leidensim " << command << " --help lacks " << s << ":\n"
          << o.out;
  }
}

TEST_F(Cli, NoCommandPrintsUsageAndFails) {
  const Outcome o = run("");
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.out.find("usage"), std::string::npos) << o.out;
}

// ---- a tiny run ----

TEST_F(Cli, TinyRunWritesItsIndicatorsAndRunInfo) {
  const fs::path scenario = write_scenario(tiny());
  const fs::path output = work_ / "results_tiny";
  const Outcome o = run("run " + quote(scenario.string()) + " --output " + quote(output.string()));
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("2025"), std::string::npos) << o.out;  // the yearly summary
  EXPECT_NE(o.out.find("2026"), std::string::npos) << o.out;

  const auto& table = indicator_table();
  std::set<std::string> indicator_names;
  for (const auto& info : table) indicator_names.insert(info.name);
  ASSERT_EQ(indicator_names.size(), static_cast<std::size_t>(kIndicators));

  // Monthly: every (replication, month, district, indicator) exactly once.
  const auto monthly = lines(slurp(output / "indicators_monthly.csv"));
  ASSERT_FALSE(monthly.empty());
  EXPECT_EQ(monthly.front(), "scenario,replication,year,month,district,indicator,value");
  EXPECT_EQ(monthly.size() - 1, static_cast<std::size_t>(2 * 24 * 10 * kIndicators));
  std::set<std::string> keys, districts, indicators, replications;
  std::map<std::string, long long> persons_dec_2025, births_2025;  // by replication
  for (std::size_t i = 1; i < monthly.size(); ++i) {
    const auto f = split(monthly[i]);
    ASSERT_EQ(f.size(), 7u) << "line " << i + 1 << ": " << monthly[i];
    EXPECT_EQ(f[0], "tiny");
    const int year = std::stoi(f[2]), month = std::stoi(f[3]);
    EXPECT_TRUE(year == 2025 || year == 2026) << monthly[i];
    EXPECT_TRUE(month >= 1 && month <= 12) << monthly[i];
    const long long value = std::stoll(f[6]);
    EXPECT_GE(value, 0) << monthly[i];
    keys.insert(f[1] + "," + f[2] + "," + f[3] + "," + f[4] + "," + f[5]);
    replications.insert(f[1]);
    districts.insert(f[4]);
    indicators.insert(f[5]);
    if (year == 2025 && month == 12 && f[5] == "persons") persons_dec_2025[f[1]] += value;
    if (year == 2025 && f[5] == "births") births_2025[f[1]] += value;
  }
  EXPECT_EQ(keys.size(), monthly.size() - 1) << "duplicate rows";
  EXPECT_EQ(replications, (std::set<std::string>{"0", "1"}));
  EXPECT_EQ(districts.size(), 10u);
  EXPECT_EQ(indicators, indicator_names);

  // Yearly: the districts and the city total; the city's December stock and yearly flow agree
  // with the monthly file.
  const auto yearly = lines(slurp(output / "indicators_yearly.csv"));
  ASSERT_FALSE(yearly.empty());
  EXPECT_EQ(yearly.front(), "scenario,replication,year,district,indicator,value");
  EXPECT_EQ(yearly.size() - 1, static_cast<std::size_t>(2 * 2 * 11 * kIndicators));
  std::set<std::string> yearly_districts;
  int checked = 0;
  for (std::size_t i = 1; i < yearly.size(); ++i) {
    const auto f = split(yearly[i]);
    ASSERT_EQ(f.size(), 6u) << yearly[i];
    yearly_districts.insert(f[3]);
    if (f[2] == "2025" && f[3] == "Leiden" && f[4] == "persons") {
      EXPECT_EQ(std::stoll(f[5]), persons_dec_2025[f[1]]) << yearly[i];
      ++checked;
    }
    if (f[2] == "2025" && f[3] == "Leiden" && f[4] == "births") {
      EXPECT_EQ(std::stoll(f[5]), births_2025[f[1]]) << yearly[i];
      ++checked;
    }
  }
  EXPECT_EQ(checked, 4);
  EXPECT_EQ(yearly_districts.size(), 11u);
  EXPECT_TRUE(yearly_districts.count("Leiden"));
  // About 2% of Leiden's 130,000 persons.
  EXPECT_NEAR(static_cast<double>(persons_dec_2025["0"]), 0.02 * 130108, 0.1 * 0.02 * 130108);

  // run.json: the scenario as given and one final hash per replication.
  json info;
  ASSERT_NO_THROW(info = json::parse(slurp(output / "run.json")));
  EXPECT_EQ(info.value("replications", 0), 2);
  EXPECT_EQ(info.value("years", 0), 2);
  EXPECT_EQ(info.value("seed", std::uint64_t{0}), 20240101u);
  EXPECT_EQ(info["scenario"], tiny());
  ASSERT_TRUE(info["final_population_hash"].is_array());
  EXPECT_EQ(info["final_population_hash"].size(), 2u);
  EXPECT_NE(info["final_population_hash"][0], info["final_population_hash"][1]);
  EXPECT_TRUE(info.contains("started") && info.contains("finished") && info.contains("version"));

  // The parameter register of the run: every model parameter, no measure.
  const CsvTable register_csv = CsvTable::read(output / "parameters.csv");
  EXPECT_EQ(register_csv.rows(),
            ParameterSet::load(test::data_dir() / "parameters.csv").all().size());

  // Nothing else: no staging folder or default results/ left in the working folder.
  EXPECT_EQ(work_entries(), (std::set<std::string>{"tiny.json", "results_tiny"}));
}

TEST_F(Cli, ResultsDoNotDependOnTheNumberOfThreads) {
  const fs::path scenario = write_scenario(tiny());
  std::map<std::string, std::string> monthly, yearly;
  for (const std::string threads : {"1", "2"}) {
    const fs::path output = work_ / ("threads_" + threads);
    const Outcome o = run("run " + quote(scenario.string()) + " --quiet --threads " + threads +
                          " --output " + quote(output.string()));
    ASSERT_EQ(o.code, 0) << "--threads " << threads << ": " << o.err;
    monthly[threads] = slurp(output / "indicators_monthly.csv");
    yearly[threads] = slurp(output / "indicators_yearly.csv");
    ASSERT_FALSE(monthly[threads].empty());
  }
  EXPECT_TRUE(monthly["1"] == monthly["2"]) << "indicators_monthly.csv differs at 1 and 2 threads";
  EXPECT_TRUE(yearly["1"] == yearly["2"]) << "indicators_yearly.csv differs at 1 and 2 threads";
}

TEST_F(Cli, CheckedRunHoldsTheInvariantsAndGivesTheSameResults) {
  const fs::path scenario = write_scenario(tiny());
  const Outcome checked = run("run " + quote(scenario.string()) + " --check --quiet --output " +
                              quote((work_ / "checked").string()));
  ASSERT_EQ(checked.code, 0) << checked.err;
  const Outcome plain = run("run " + quote(scenario.string()) + " --quiet --output " +
                            quote((work_ / "plain").string()));
  ASSERT_EQ(plain.code, 0) << plain.err;
  const std::string a = slurp(work_ / "checked" / "indicators_monthly.csv");
  EXPECT_FALSE(a.empty());
  EXPECT_TRUE(a == slurp(work_ / "plain" / "indicators_monthly.csv"))
      << "checking the invariants changed the results";
  EXPECT_TRUE(fs::exists(work_ / "checked" / "run.json"));
}

// ---- bad input ----

TEST_F(Cli, UnknownKeyIsRejected) {
  json j = tiny();
  j["colour"] = 1;
  expect_bad_scenario(j, "/colour");
}

TEST_F(Cli, WrongTypeIsRejected) {
  json j = tiny();
  j["years"] = "ten";
  expect_bad_scenario(j, "/years");
}

TEST_F(Cli, OutOfRangeValueIsRejected) {
  json j = tiny();
  j["replications"] = 0;
  expect_bad_scenario(j, "/replications");
}

TEST_F(Cli, UnknownParameterIsRejected) {
  json j = tiny();
  j["parameters"] = {{"no.such", 1}};
  expect_bad_scenario(j, "/parameters/no.such");
}

TEST_F(Cli, ParameterOutsideItsRangeIsRejected) {
  json j = tiny();
  j["parameters"] = {{"labour.job_loss_monthly", 1.5}};
  expect_bad_scenario(j, "/parameters/labour.job_loss_monthly");
  const Outcome o = run("run " + quote((work_ / "bad.json").string()) + " --quiet");
  EXPECT_NE(o.err.find("1.5"), std::string::npos) << o.err;
}

TEST_F(Cli, UnknownMeasuresAreRejected) {
  json j = tiny();
  j["measures"] = json::array({{{"name", "extra_debt_help"}}});
  expect_bad_scenario(j, "/measures/0/name");
}

TEST_F(Cli, BrokenPluginsExitWithCode2NamingTheFile) {
  const fs::path fixtures = LEIDENSIM_FIXTURE_DIR;
  const fs::path file = write_scenario(tiny());
  const fs::path not_a_library = write_text("not ELF", "libleidensim_fake.so");
  for (const fs::path& plugin : {fixtures / "libleidensim_wrong_abi.so",
                                 fixtures / "libleidensim_no_entry.so", not_a_library}) {
    expect_bad_input("plugins --plugin " + quote(plugin.string()), {plugin.string()});
    expect_bad_input("run " + quote(file.string()) + " --quiet --plugin " + quote(plugin.string()),
                     {plugin.string()});
  }
  expect_bad_input("plugins no_such_measure", {"unknown measure", "no_such_measure"});
}

TEST_F(Cli, ShippedScenariosWithMeasuresRun) {
  for (const char* name : {"jobcoach", "poverty_relief", "prevention_agreement"}) {
    json j = tiny();
    j["measures"] = json::array({{{"name", name}, {"params", json::object()}}});
    const fs::path file = write_scenario(j);
    const fs::path out = work_ / (std::string("out_") + name);
    const Outcome o =
        run("run " + quote(file.string()) + " --quiet --output " + quote(out.string()));
    ASSERT_EQ(o.code, 0) << name << ": " << o.err;
    const std::string budget = slurp(out / "budget_yearly.csv");
    EXPECT_NE(budget.find(",measure_cost,"), std::string::npos) << name;
    const Outcome listed = run("plugins");
    EXPECT_NE(listed.out.find(name), std::string::npos);
  }
}

TEST_F(Cli, InvalidJsonIsRejected) {
  const fs::path file = write_text("{ \"name\": \"tiny\", \"years\": 2,", "broken.json");
  expect_bad_input("run " + quote(file.string()), {file.string(), "JSON"});
}

TEST_F(Cli, MissingScenarioFileIsRejected) {
  const fs::path file = work_ / "no_such_scenario.json";
  expect_bad_input("run " + quote(file.string()), {file.string()});
}

TEST_F(Cli, MissingDataPackIsRejected) {
  json j = tiny();
  j["data"] = (work_ / "no_such_data").string();
  expect_bad_scenario(j, "/data");
}

TEST_F(Cli, UnknownCommandIsRejected) {
  expect_bad_input("frobnicate", {"frobnicate"});
}

TEST_F(Cli, BadOptionsAreRejected) {
  const fs::path file = write_scenario(tiny());
  const std::string run_tiny = "run " + quote(file.string()) + " --quiet";
  expect_bad_input(run_tiny + " --threads -1", {"--threads"});
  expect_bad_input(run_tiny + " --threads=-1", {"--threads"});
  expect_bad_input(run_tiny + " --threads many", {"threads"});
  expect_bad_input(run_tiny + " --frobnicate", {"--frobnicate"});
  expect_bad_input(run_tiny + " --replications 0", {"--replications"});
  expect_bad_input(run_tiny + " --years 201", {"--years"});
  expect_bad_input(run_tiny + " --scale -1", {"--scale"});
  expect_bad_input("run --quiet", {"scenario"});
  expect_bad_input("population --scale -1 --quiet", {"--scale"});
}

TEST_F(Cli, ZeroYearsOrScaleOnTheCommandLineIsRejected) {
  // --years must be in 1..200 and --scale in (0, 1000]; 0 is outside both ranges and must not
  // be taken as "not given".
  const fs::path file = write_scenario(tiny());
  const std::string run_tiny = "run " + quote(file.string()) + " --quiet";
  expect_bad_input(run_tiny + " --years 0", {"--years"});
  expect_bad_input(run_tiny + " --scale 0", {"--scale"});
  expect_bad_input("population --scale 0 --quiet", {"--scale"});
}

TEST_F(Cli, InterruptedRunLeavesNothingBehind) {
  // Long enough (20% of Leiden, 30 years, 4 replications on one thread: seconds) to be
  // interrupted while the simulation runs, i.e. after the results folder was staged.
  json j = tiny();
  j["scale"] = 0.2;
  j["years"] = 30;
  j["replications"] = 4;
  const fs::path scenario = write_scenario(j);
  const fs::path output = work_ / "interrupted";
  const std::string binary = test::cli_binary().string(), scenario_s = scenario.string(),
                    output_s = output.string(), null = "/dev/null";
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const int fd = ::open(null.c_str(), O_WRONLY);
    ::dup2(fd, STDOUT_FILENO);
    ::dup2(fd, STDERR_FILENO);
    ::signal(SIGINT, SIG_DFL);  // as at a terminal, even if this test runs with SIGINT ignored
    ::execl(binary.c_str(), binary.c_str(), "run", scenario_s.c_str(), "--quiet", "--threads", "1",
            "--output", output_s.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // Wait until the run has staged its results folder (anything new in the working folder).
  const auto before = work_entries();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  bool staged = false;
  while (!staged && std::chrono::steady_clock::now() < deadline) {
    staged = work_entries() != before;
    if (!staged) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ::kill(pid, SIGINT);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(staged) << "the run did not stage a results folder within 20 s";
  ASSERT_FALSE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
      << "the run finished before it could be interrupted";
  EXPECT_FALSE(fs::exists(output)) << "an interrupted run left its results folder";
  std::string leftovers;
  for (const auto& e : work_entries())
    if (!before.count(e)) leftovers += " " + e;
  EXPECT_TRUE(leftovers.empty()) << "an interrupted run left behind:" << leftovers;
}

// ---- population ----

TEST_F(Cli, PopulationSummaryShowsTheMarginalGroups) {
  const Outcome o = run("population --summary --scale 0.05");
  ASSERT_EQ(o.code, 0) << o.err;
  for (const char* g :
       {"persons by district", "households by district", "households with children by district",
        "persons by district and age", "households by type", "persons by age", "social attributes",
        "target", "synthetic", "Binnenstad-Zuid", "Stevenshofdistrict"})
    EXPECT_NE(o.out.find(g), std::string::npos) << "the summary lacks \"" << g << "\":\n" << o.out;
  // "synthetic population of <data>: N persons in M households, ..."
  const auto at = o.out.find(" persons in ");
  ASSERT_NE(at, std::string::npos) << o.out;
  const auto start = o.out.rfind(' ', at - 1);
  const double persons = std::stod(o.out.substr(start + 1, at - start - 1));
  EXPECT_NEAR(persons, 0.05 * 130108, 0.02 * 0.05 * 130108) << o.out;
}

TEST_F(Cli, PopulationWritesItsMarginalsWithOutput) {
  const fs::path output = work_ / "population";
  const Outcome o = run("population --scale 0.05 --quiet --output " + quote(output.string()));
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_TRUE(o.out.empty()) << "--quiet printed:\n" << o.out;
  const auto rows = lines(slurp(output / "population_marginals.csv"));
  ASSERT_GT(rows.size(), 50u);
  EXPECT_EQ(rows.front(), "group,name,unit,target,synthetic,deviation,tolerance,within_tolerance");
}

// ---- validate ----

TEST_F(Cli, ValidateAcceptsEveryShippedScenario) {
  // As 'leidensim validate scenarios/*.json': the schema in that folder is skipped.
  std::vector<fs::path> files;
  for (const auto& f : fs::directory_iterator(test::source_dir() / "scenarios"))
    if (f.path().extension() == ".json") files.push_back(f.path());
  ASSERT_GE(files.size(), 10u);
  std::string args = "validate";
  for (const auto& f : files) args += " " + quote(f.string());
  const auto before = work_entries();
  const Outcome o = run(args);
  EXPECT_EQ(o.code, 0) << o.err;
  for (const auto& f : files) {
    const bool schema = f.filename() == "scenario.schema.json";
    EXPECT_NE(o.out.find(f.string() + (schema ? ": skipped" : ": ok")), std::string::npos)
        << f << "\n"
        << o.out;
  }
  EXPECT_TRUE(o.err.empty()) << o.err;
  EXPECT_EQ(work_entries(), before) << "validate wrote files";
}

TEST_F(Cli, ValidateListsEveryProblemAndWritesNothing) {
  json bad = tiny();
  bad["colour"] = 1;
  bad["years"] = "ten";
  bad["replications"] = 0;
  bad["parameters"] = {{"labour.job_loss_monthly", 1.5}, {"no.such", 1}};
  bad["measures"] =
      json::array({{{"name", "no_such_measure"}},
                   {{"name", "jobcoach"}, {"params", {{"annual_budget", -5}, {"colour", "red"}}}}});
  const fs::path file = write_scenario(bad, "bad.json");
  const fs::path good = write_scenario(tiny(), "good.json");
  const std::string args = "validate " + quote(file.string()) + " " + quote(good.string());
  expect_bad_input(
      args,
      {file.string() + ": /colour", file.string() + ": /years", file.string() + ": /replications",
       file.string() + ": /parameters/labour.job_loss_monthly",
       file.string() + ": /parameters/no.such", file.string() + ": /measures/0/name",
       file.string() + ": /measures/1/params/annual_budget",
       file.string() + ": /measures/1/params/colour", "8 problems"});
  const Outcome o = run(args);
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.out.find(good.string() + ": ok"), std::string::npos) << o.out;
  EXPECT_EQ(o.out.find(file.string() + ": ok"), std::string::npos) << o.out;
}

TEST_F(Cli, ValidateFollowsExtendsAndNamesTheFiles) {
  const fs::path baseline = test::source_dir() / "scenarios" / "baseline.json";
  const fs::path child =
      write_scenario({{"extends", baseline.string()}, {"years", 0}}, "child.json");
  expect_bad_input("validate " + quote(child.string()), {child.string() + ": /years"});
  const fs::path a = write_scenario({{"extends", "b.json"}}, "a.json");
  write_scenario({{"extends", "a.json"}}, "b.json");
  expect_bad_input("validate " + quote(a.string()), {"cycle", "a.json", "b.json"});
  const fs::path fine =
      write_scenario({{"extends", baseline.string()}, {"years", 2}, {"scale", 0.5}}, "fine.json");
  const Outcome o = run("validate " + quote(fine.string()));
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find(fine.string() + ": ok"), std::string::npos) << o.out;
}

TEST_F(Cli, ValidateHasHelpAndNeedsAFile) {
  const Outcome o = run("validate --help");
  EXPECT_EQ(o.code, 0) << o.err;
  for (const char* s : {"leidensim validate", "--plugin", "--threads", "--replications", "--seed",
                        "--output", "--quiet", "--help"})
    EXPECT_NE(o.out.find(s), std::string::npos) << "validate --help lacks " << s << ":\n" << o.out;
  EXPECT_NE(run("--help").out.find("validate"), std::string::npos);
  expect_bad_input("validate", {"no scenario file"});
  expect_bad_input("validate " + quote((work_ / "missing.json").string()), {"missing.json"});
}

TEST_F(Cli, CalibrationReportWritesEveryTableAndThePage) {
  const fs::path out = work_ / "validation";
  const fs::path model = write_scenario(tiny(), "model.json");
  const Outcome o = run("validate --calibration " + quote(model.string()) +
                        " --scale 0.05 --replications 2 --backcast 2017:2018 --analytic-scale "
                        "0.02 --output " +
                        quote(out.string()));
  ASSERT_EQ(o.code, 0) << o.err;
  for (const char* f : {"calibration.csv", "backcast.csv", "backcast_summary.csv",
                        "analytic_checks.csv", "validation.html", "validation.json"})
    EXPECT_TRUE(fs::exists(out / f)) << f;
  const auto cal = lines(slurp(out / "calibration.csv"));
  ASSERT_GT(cal.size(), 60u);
  EXPECT_EQ(cal[0],
            "group,name,unit,role,target,simulated,standard_error,deviation,tolerance,pass,"
            "source");
  const auto back = lines(slurp(out / "backcast.csv"));
  EXPECT_EQ(back.size(), 1u + 2 * 2);  // two series, 2017 and 2018
  const std::string html = slurp(out / "validation.html");
  for (const char* s : {"Calibration", "Backcast", "Analytic checks", "<svg", "Provenance"})
    EXPECT_NE(html.find(s), std::string::npos) << s;
  for (const char* s : {"calibration:", "backcast", "analytic checks", "MAPE"})
    EXPECT_NE(o.out.find(s), std::string::npos) << s << "\n" << o.out;
}

TEST_F(Cli, CalibrationReportRejectsBadOptions) {
  expect_bad_input("validate --calibration --backcast 2030:2031", {"--backcast"});
  expect_bad_input("validate --calibration --backcast soon", {"--backcast", "soon"});
  expect_bad_input("validate --calibration --backcast 2005:2006", {"population_age_sex.csv"});
  expect_bad_input("validate --calibration --replications 1", {"--replications"});
  expect_bad_input("validate --calibration a.json b.json", {"at most one"});
}

}  // namespace
}  // namespace leidensim

namespace leidensim {
namespace {

TEST_F(Cli, CompareIsIdenticalAtOneAndTwoThreadsAndWritesEveryOutput) {
  const auto [a, b] = base_and_jobcoach({{"annual_budget", 4e6}});
  std::string tables[2];
  for (int t = 1; t <= 2; ++t) {
    const fs::path out = work_ / ("cmp" + std::to_string(t));
    const Outcome o =
        run("compare " + quote(a.string()) + " " + quote(b.string()) + " --quiet --threads " +
            std::to_string(t) + " --output " + quote(out.string()));
    ASSERT_EQ(o.code, 0) << o.err;
    for (const char* f : {"report.html", "budget.xlsx", "results.h5", "run.json",
                          "comparison_budget.csv", "net_effects.csv", "parameters.csv"})
      EXPECT_TRUE(fs::exists(out / f)) << f;
    tables[t - 1] = slurp(out / "comparison_indicators.csv") + slurp(out / "net_effects.csv");
  }
  EXPECT_FALSE(tables[0].empty());
  EXPECT_EQ(tables[0], tables[1]);
}

}  // namespace
}  // namespace leidensim

namespace leidensim {
namespace {

/// Rows of measure_parameters.csv in the project's data pack.
std::size_t measure_parameter_rows() {
  return CsvTable::read(test::data_dir() / "measure_parameters.csv").rows();
}
std::size_t model_parameter_rows() {
  return ParameterSet::load(test::data_dir() / "parameters.csv").all().size();
}

TEST_F(Cli, ParametersListsEveryParameterWithItsSource) {
  const fs::path csv = work_ / "register.csv";
  const Outcome o = run("parameters --data " + quote(test::data_dir().string()) + " --csv " +
                        quote(csv.string()));
  ASSERT_EQ(o.code, 0) << o.err;
  for (const char* s :
       {"model, ", "measure jobcoach", "measure poverty_relief", "measure prevention_agreement",
        "labour.job_loss_monthly", "outflow_multiplier", "1.3 (1\u20131.6)", "111 values, ",
        "published", "derived", "assumption"})
    EXPECT_NE(o.out.find(s), std::string::npos) << s << "\n" << o.out;
  EXPECT_EQ(o.out.find("set by the scenario"), std::string::npos);
  EXPECT_EQ(o.out.find("not documented"), std::string::npos) << o.out;
  // The CSV: one row per parameter, every one with a quality mark and a source.
  const CsvTable t = CsvTable::read(csv);
  EXPECT_EQ(t.header(),
            (std::vector<std::string>{"kind", "measure", "parameter", "value", "unit", "low",
                                      "high", "quality", "source", "note", "overridden_by"}));
  EXPECT_EQ(t.rows(), model_parameter_rows() + measure_parameter_rows());
  std::set<std::string> names;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    const std::string name = t.cell(r, "measure") + "." + t.cell(r, "parameter");
    EXPECT_TRUE(names.insert(name).second) << name;
    EXPECT_FALSE(t.cell(r, "source").empty()) << name;
    EXPECT_FALSE(t.cell(r, "quality").empty()) << name;
    EXPECT_FALSE(t.cell(r, "value").empty()) << name;
    EXPECT_TRUE(t.cell(r, "overridden_by").empty()) << name;
  }
  const std::size_t row = t.require({{"measure", "jobcoach"}, {"parameter", "outflow_multiplier"}});
  EXPECT_EQ(t.cell(row, "kind"), "measure");
  EXPECT_EQ(t.number(row, "value"), 1.3);
  EXPECT_EQ(t.number(row, "low"), 1.0);
  EXPECT_EQ(t.number(row, "high"), 1.6);
  // A table in full, as in parameters.csv.
  const std::size_t mortality = t.require({{"parameter", "demography.mortality_annual_male"}});
  EXPECT_EQ(split(t.cell(mortality, "value"), ' ').size(), 111u);
  EXPECT_EQ(work_entries(), (std::set<std::string>{"register.csv"})) << "a temporary file is left";
}

TEST_F(Cli, ParametersOfAScenarioMarkWhatItOverrides) {
  json j = tiny();
  j["parameters"] = {{"labour.job_loss_monthly", 0.004}};
  j["measures"] = json::array(
      {{{"name", "poverty_relief"}, {"params", {{"take_up", 0.7}, {"annual_budget", 2e6}}}}});
  const fs::path file = write_scenario(j, "mine.json");
  const fs::path csv = work_ / "mine.csv";
  const Outcome o = run("parameters " + quote(file.string()) + " --csv " + quote(csv.string()));
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("* set by the scenario"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find(file.string() + ": /measures/0/params/take_up"), std::string::npos) << o.out;
  EXPECT_EQ(o.out.find("measure jobcoach"), std::string::npos) << "only the scenario's measures";
  const CsvTable t = CsvTable::read(csv);
  EXPECT_EQ(t.header().front(), "scenario");
  EXPECT_EQ(t.rows(), model_parameter_rows() + 13);  // poverty_relief has 13 parameters
  std::map<std::string, std::string> overridden;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    EXPECT_EQ(t.cell(r, "scenario"), "tiny");
    if (!t.cell(r, "overridden_by").empty())
      overridden[t.cell(r, "parameter")] = t.cell(r, "overridden_by");
  }
  EXPECT_EQ(
      overridden,
      (std::map<std::string, std::string>{
          {"labour.job_loss_monthly", file.string() + ": /parameters/labour.job_loss_monthly"},
          {"take_up", file.string() + ": /measures/0/params/take_up"},
          {"annual_budget", file.string() + ": /measures/0/params/annual_budget"}}));
  EXPECT_EQ(t.number(t.require({{"parameter", "take_up"}}), "value"), 0.7);
  EXPECT_EQ(t.number(t.require({{"parameter", "monthly_amount"}}), "value"), 100);

  // --measure lists one measure only; a measure the scenario does not run is an error.
  const Outcome m = run("parameters " + quote(file.string()) + " --measure poverty_relief");
  EXPECT_EQ(m.code, 0) << m.err;
  EXPECT_EQ(m.out.find("labour.job_loss_monthly ="), std::string::npos) << m.out;
  EXPECT_EQ(m.out.find("model, "), std::string::npos) << m.out;
  EXPECT_NE(m.out.find("measure poverty_relief"), std::string::npos) << m.out;
  expect_bad_input("parameters " + quote(file.string()) + " --measure jobcoach",
                   {"--measure", "jobcoach", "poverty_relief"});
}

TEST_F(Cli, BadMeasureParameterRowIsRejectedNamingFileLineAndColumn) {
  // A copy of the data pack with jobcoach's job_loss_multiplier above its schema's maximum.
  const fs::path pack = root_ / "pack";
  fs::create_directories(pack);
  for (const auto& e : fs::directory_iterator(test::data_dir()))
    if (e.is_regular_file()) fs::copy_file(e.path(), pack / e.path().filename());
  const fs::path file = pack / "measure_parameters.csv";
  std::string text = slurp(file);
  const std::string row = "\njobcoach,job_loss_multiplier,0.8,multiplier on JobLoss,0.56,1.0,";
  const std::size_t at = text.find(row);
  ASSERT_NE(at, std::string::npos);
  const int line = 2 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
  text.replace(at, row.size(), "\njobcoach,job_loss_multiplier,12,multiplier on JobLoss,,,");
  std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
  const std::vector<std::string> needles = {file.string() + ": line " + std::to_string(line) +
                                                " (jobcoach.job_loss_multiplier), column value",
                                            "above the maximum"};
  expect_bad_input("parameters --data " + quote(pack.string()), needles);
  // A run of a scenario with that measure fails the same way, before anything is written.
  json j = tiny();
  j["data"] = pack.string();
  j["measures"] = json::array({{{"name", "jobcoach"}}});
  const fs::path scenario = write_scenario(j, "uses_pack.json");
  expect_bad_input("run " + quote(scenario.string()) + " --quiet", needles);
  expect_bad_input("parameters " + quote(scenario.string()), needles);
  expect_bad_input("validate " + quote(scenario.string()), needles);
  // A row for a measure that does not exist.
  std::ofstream(file, std::ios::binary | std::ios::trunc)
      << slurp(test::data_dir() / "measure_parameters.csv")
      << "no_such_measure,x,1,unit,,,assumption,src,\n";
  expect_bad_input("parameters --data " + quote(pack.string()),
                   {file.string(), "column measure", "unknown measure \"no_such_measure\""});
}

}  // namespace
}  // namespace leidensim

namespace leidensim {
namespace {

TEST_F(Cli, SweepWritesItsTablesReportAndProvenance) {
  const auto [a, b] = base_and_jobcoach({{"annual_budget", 4e6}});
  const fs::path out = work_ / "sweep";
  const Outcome o = run("sweep " + quote(a.string()) + " " + quote(b.string()) +
                        " --samples 3 --threads 2 --output " + quote(out.string()));
  ASSERT_EQ(o.code, 0) << o.err;
  for (const char* s : {"jobcoach.outflow_multiplier", "jobcoach.job_loss_multiplier", "bijstand",
                        "budget_total", "MC sd", "param sd", "Sensitivity"})
    EXPECT_NE(o.out.find(s), std::string::npos) << s << " not in:\n" << o.out;
  for (const char* f : {"sweep.html", "sweep.json", "sweep_summary.csv", "sweep_samples.csv",
                        "sweep_sensitivity.csv", "parameters.csv"})
    EXPECT_TRUE(fs::exists(out / f)) << f;
  const auto summary = lines(slurp(out / "sweep_summary.csv"));
  ASSERT_EQ(summary.size(), 9u);  // header and eight indicators
  EXPECT_EQ(split(summary[0])[5], "mc_sd_run");
  const auto samples = lines(slurp(out / "sweep_samples.csv"));
  ASSERT_EQ(samples.size(), 1u + 3 * 8);
  EXPECT_EQ(samples[0],
            "sample,jobcoach.job_loss_multiplier,jobcoach.outflow_multiplier,indicator,"
            "mean_effect,within_sd");
  EXPECT_EQ(lines(slurp(out / "sweep_sensitivity.csv")).size(), 1u + 8 * 2);
  const json info = json::parse(slurp(out / "sweep.json"));
  EXPECT_EQ(info["samples"], 3);
  EXPECT_EQ(info["replications"], 2);
  EXPECT_EQ(info["parameters"].size(), 2u);
  EXPECT_EQ(info["design"].size(), 3u);
  EXPECT_EQ(info["scenarios"][1]["scenario"]["name"], "with_measure");
  const std::string html = slurp(out / "sweep.html");
  EXPECT_NE(html.find("Monte Carlo"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
}

TEST_F(Cli, SweepRejectsBadRangesNamingTheOption) {
  const auto [a, b] = base_and_jobcoach(json::object());
  const std::string files = quote(a.string()) + " " + quote(b.string());
  expect_bad_input("sweep " + files + " --vary jobcoach.outflow_multiplier=1:99",
                   {"--vary", "jobcoach.outflow_multiplier=1:99"});
  expect_bad_input("sweep " + files + " --vary labour.no_such_rate=0:1",
                   {"--vary", "labour.no_such_rate=0:1", "unknown parameter"});
  expect_bad_input("sweep " + files + " --vary jobcoach.outflow_multiplier",
                   {"--vary", "NAME=LOW:HIGH"});
  expect_bad_input("sweep " + files + " --no-default-ranges", {"nothing to vary"});
  expect_bad_input("sweep " + files + " --replications 1", {"--replications"});
  expect_bad_input("sweep " + files + " --samples 1", {"--samples"});
  expect_bad_input("sweep " + quote(a.string()) + " " + quote(a.string()), {"/name"});
  expect_bad_input("sweep " + quote(b.string()), {"two scenario files"});
}

}  // namespace
}  // namespace leidensim
