// The HDF5 result file: exact round trips of hand-built and simulated results, provenance,
// compression, and that a failed or killed write never leaves a file behind.
#include "leidensim/outputs/hdf5_store.hpp"

#include <H5Cpp.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "leidensim/replication_runner.hpp"
#include "support/test_model.hpp"

namespace leidensim {
namespace {

namespace fs = std::filesystem;
using outputs::read_hdf5_comparison;
using outputs::read_hdf5_provenance;
using outputs::read_hdf5_scenario;
using outputs::read_hdf5_scenario_names;
using outputs::write_hdf5;

constexpr int kMonths = 14;  // one full year and two months of the next: a partial last year
constexpr int kDistricts = 2;
constexpr int kReplications = 3;
const YearMonth kStart{2025, 3};

std::int64_t indicator_value(int s, int r, int m, int d, int i) {
  if (s == 1 && r == 0 && m == kMonths - 1 && d == 1 && i == kIndicators - 1)
    return std::numeric_limits<std::int64_t>::max();
  if (s == 0 && r == 2 && m == 0 && d == 0 && i == 0)
    return std::numeric_limits<std::int64_t>::min();
  const std::int64_t v = s * 1'000'000'000LL + r * 1'000'000LL + m * 1000 + d * 100 + i;
  return i == 3 ? -v : v;
}

std::int64_t cents_value(int s, int r, int m, int p, int c) {
  const std::int64_t v = (s + 1) * 10'000'000LL + r * 100'000LL + m * 100 + p * 10 + c;
  return c == 6 ? -v : v;
}

ScenarioResult hand_scenario(const std::string& name, int s) {
  ScenarioResult result;
  result.name = name;
  result.scenario = {{"name", name}, {"replications", kReplications}, {"years", 2}, {"index", s}};
  result.modules = nlohmann::json::array(
      {{{"name", "labour"}, {"kind", "process"}, {"version", "1.0"}, {"params", {{"x", 0.5}}}}});
  result.districts = {"Binnenstad", "Leiden-Noord, \"west\""};
  result.start = kStart;
  for (int r = 0; r < kReplications; ++r) {
    ReplicationResult rep;
    rep.replication = static_cast<std::uint32_t>(10 + r);
    rep.final_population_hash = 0xFEDCBA9876543210ULL + static_cast<std::uint64_t>(r);
    rep.final_persons = 1000 + r;
    rep.indicators = IndicatorSeries(kMonths, kDistricts);
    rep.ledger = LedgerSeries(kMonths);
    for (int m = 0; m < kMonths; ++m) {
      IndicatorCounts counts(kDistricts);
      for (int d = 0; d < kDistricts; ++d)
        for (int i = 0; i < kIndicators; ++i)
          counts.at(d, static_cast<Indicator>(i)) = indicator_value(s, r, m, d, i);
      rep.indicators.set_month(m, counts);
      LedgerCounts ledger;
      for (int p = 0; p < kProgrammes; ++p)
        for (int c = 0; c < kLedgerCategories; ++c)
          ledger.post(static_cast<Programme>(p), static_cast<LedgerCategory>(c),
                      cents_value(s, r, m, p, c));
      rep.ledger.set_month(m, ledger);
    }
    result.replications.push_back(std::move(rep));
  }
  return result;
}

std::vector<ScenarioResult> hand_scenarios() {
  // Not in alphabetical order: the file keeps the given order.
  return {hand_scenario("zbaseline", 0), hand_scenario("jobcoach", 1)};
}

Comparison hand_comparison() {
  Comparison c;
  c.scenarios = {"zbaseline", "jobcoach"};
  c.replications = kReplications;
  c.discount_rate = 0.03;
  c.indicators.push_back({0, Indicator::Bijstand, 2025, -1, {1.0 / 3, 0.25, 0.5}, {0, 0, 0}});
  c.indicators.push_back(
      {1, Indicator::Bijstand, 2025, -1, {-2.5e9, -3e9, -2e9}, {-7.125, -9.0, -1e-300}});
  c.indicators.push_back({1, Indicator::HouseholdsOther, 2026, 1, {4, 3, 5}, {0.1, -0.2, 0.4}});
  c.budget.push_back({0, 2025, Programme::WerkInkomen, {1e6, 9e5, 1.1e6}, {0, 0, 0}});
  c.budget.push_back({1, 2026, Programme::Sport, {12.5, 10, 15}, {-1.5, -2, -1}});
  NetEffect e;
  e.scenario = 1;
  e.horizon_years = 5;
  e.measure_cost = {5e6, 4e6, 6e6};
  e.avoided_cost = {2e6, 1e6, 3e6};
  e.net_budget = {3e6, 2e6, 4e6};
  e.bijstand_years = {-120, -150, -90};
  e.poverty_years = {-30.5, -40, -21};
  e.euro_per_bijstand_year_less = 25000;
  e.euro_per_poverty_year_less = 98360.65573770492;
  e.social_return = 0.4;
  c.net_effects.push_back(e);
  e.horizon_years = 30;
  e.social_return = 1.25;
  c.net_effects.push_back(e);
  return c;
}

nlohmann::json hand_provenance() {
  return {
      {"program", "leidensim"},
      {"version", "0.1.0"},
      {"seed", 18446744073709551557ULL},  // above INT64_MAX
      {"replications", kReplications},
      {"host", "testhost"},
      {"started", "2025-01-01T10:00:00Z"},
      {"finished", "2025-01-01T10:05:00Z"},
      {"plugins", {{{"name", "jobcoach"}, {"version", "1.2"}, {"library", "/x/libjobcoach.so"}}}}};
}

void expect_equal(const Estimate& a, const Estimate& b) {
  EXPECT_EQ(a.mean, b.mean);
  EXPECT_EQ(a.low, b.low);
  EXPECT_EQ(a.high, b.high);
}

void expect_same_replications(const std::vector<ReplicationResult>& a,
                              const std::vector<ReplicationResult>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t r = 0; r < a.size(); ++r) {
    EXPECT_EQ(a[r].replication, b[r].replication);
    EXPECT_EQ(a[r].final_population_hash, b[r].final_population_hash);
    EXPECT_EQ(a[r].final_persons, b[r].final_persons);
    EXPECT_EQ(a[r].indicators.months(), b[r].indicators.months());
    EXPECT_EQ(a[r].indicators.districts(), b[r].indicators.districts());
    EXPECT_EQ(a[r].indicators.raw(), b[r].indicators.raw());
    ASSERT_EQ(a[r].ledger.months(), b[r].ledger.months());
    for (int m = 0; m < a[r].ledger.months(); ++m)
      EXPECT_EQ(a[r].ledger.month(m).raw(), b[r].ledger.month(m).raw()) << "month " << m;
  }
}

std::string string_attribute(const H5::H5Object& obj, const std::string& name) {
  const auto a = obj.openAttribute(name);
  std::string s;
  a.read(a.getStrType(), s);
  return s;
}

std::vector<std::string> files_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

/// A process id that no longer exists: a child that has exited and been reaped.
pid_t dead_pid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  return child;
}

class Hdf5StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("leidensim_hdf5_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(Hdf5StoreTest, HandBuiltScenariosRoundTripExactly) {
  const auto scenarios = hand_scenarios();
  const auto comparison = hand_comparison();
  const fs::path file = dir_ / "nested" / "result.h5";
  write_hdf5(file, scenarios, &comparison, hand_provenance());
  ASSERT_TRUE(fs::exists(file));
  EXPECT_EQ(files_in(file.parent_path()), std::vector<std::string>{"result.h5"});

  EXPECT_EQ(read_hdf5_scenario_names(file), (std::vector<std::string>{"zbaseline", "jobcoach"}));
  for (int s = 0; s < 2; ++s) {
    const auto a = read_hdf5_scenario(file, scenarios[s].name);
    EXPECT_EQ(a.name, scenarios[s].name);
    EXPECT_EQ(a.scenario, scenarios[s].scenario);
    EXPECT_EQ(a.modules, scenarios[s].modules);
    EXPECT_EQ(a.start, kStart);
    EXPECT_EQ(a.districts, scenarios[s].districts);
    ASSERT_EQ(a.months.size(), std::size_t(kMonths));
    EXPECT_EQ(a.months.front(), "2025-03");
    EXPECT_EQ(a.months[10], "2026-01");
    EXPECT_EQ(a.months.back(), "2026-04");
    EXPECT_EQ(a.years, (std::vector<int>{2025, 2026}));
    EXPECT_EQ(a.replications, (std::vector<std::uint32_t>{10, 11, 12}));
    EXPECT_EQ(a.final_population_hash[2], 0xFEDCBA9876543212ULL);
    EXPECT_EQ(a.final_persons, (std::vector<std::uint64_t>{1000, 1001, 1002}));

    const std::array<std::size_t, 4> ind_dims{kReplications, kMonths, kDistricts, kIndicators};
    ASSERT_EQ(a.indicator_dims, ind_dims);
    for (int r = 0; r < kReplications; ++r)
      for (int m = 0; m < kMonths; ++m)
        for (int d = 0; d < kDistricts; ++d)
          for (int i = 0; i < kIndicators; ++i)
            ASSERT_EQ(a.indicator(r, m, d, i), indicator_value(s, r, m, d, i))
                << s << ' ' << r << ' ' << m << ' ' << d << ' ' << i;

    const std::array<std::size_t, 4> ledger_dims{kReplications, 2, kProgrammes, kLedgerCategories};
    ASSERT_EQ(a.ledger_dims, ledger_dims);
    for (int r = 0; r < kReplications; ++r)
      for (int y = 0; y < 2; ++y)
        for (int p = 0; p < kProgrammes; ++p)
          for (int c = 0; c < kLedgerCategories; ++c) {
            std::int64_t expected = 0;
            for (int m = 12 * y; m < std::min(kMonths, 12 * y + 12); ++m)
              expected += cents_value(s, r, m, p, c);
            ASSERT_EQ(a.ledger_cents(r, y, p, c), expected);
            ASSERT_EQ(a.ledger_cents(r, y, p, c), scenarios[s].replications[r].ledger.yearly(
                                                      y, Programme(p), LedgerCategory(c)));
          }
    const std::array<std::size_t, 4> monthly_dims{kReplications, kMonths, kProgrammes,
                                                  kLedgerCategories};
    EXPECT_EQ(a.ledger_monthly_dims, monthly_dims);

    const ScenarioResult back = a.to_scenario_result();
    EXPECT_EQ(back.name, scenarios[s].name);
    EXPECT_EQ(back.districts, scenarios[s].districts);
    EXPECT_EQ(back.start, scenarios[s].start);
    expect_same_replications(back.replications, scenarios[s].replications);
  }

  const auto c = read_hdf5_comparison(file);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->scenarios, comparison.scenarios);
  EXPECT_EQ(c->replications, comparison.replications);
  EXPECT_EQ(c->discount_rate, comparison.discount_rate);
  ASSERT_EQ(c->indicators.size(), comparison.indicators.size());
  for (std::size_t k = 0; k < c->indicators.size(); ++k) {
    const auto &x = c->indicators[k], &y = comparison.indicators[k];
    EXPECT_EQ(x.scenario, y.scenario);
    EXPECT_EQ(x.indicator, y.indicator);
    EXPECT_EQ(x.year, y.year);
    EXPECT_EQ(x.district, y.district);
    expect_equal(x.value, y.value);
    expect_equal(x.difference, y.difference);
  }
  ASSERT_EQ(c->budget.size(), comparison.budget.size());
  for (std::size_t k = 0; k < c->budget.size(); ++k) {
    const auto &x = c->budget[k], &y = comparison.budget[k];
    EXPECT_EQ(x.scenario, y.scenario);
    EXPECT_EQ(x.year, y.year);
    EXPECT_EQ(x.programme, y.programme);
    expect_equal(x.value, y.value);
    expect_equal(x.difference, y.difference);
  }
  ASSERT_EQ(c->net_effects.size(), comparison.net_effects.size());
  for (std::size_t k = 0; k < c->net_effects.size(); ++k) {
    const auto &x = c->net_effects[k], &y = comparison.net_effects[k];
    EXPECT_EQ(x.scenario, y.scenario);
    EXPECT_EQ(x.horizon_years, y.horizon_years);
    expect_equal(x.measure_cost, y.measure_cost);
    expect_equal(x.avoided_cost, y.avoided_cost);
    expect_equal(x.net_budget, y.net_budget);
    expect_equal(x.bijstand_years, y.bijstand_years);
    expect_equal(x.poverty_years, y.poverty_years);
    EXPECT_EQ(x.euro_per_bijstand_year_less, y.euro_per_bijstand_year_less);
    EXPECT_EQ(x.euro_per_poverty_year_less, y.euro_per_poverty_year_less);
    EXPECT_EQ(x.social_return, y.social_return);
  }
}

TEST_F(Hdf5StoreTest, ComparisonTablesAreParallelColumns) {
  const auto scenarios = hand_scenarios();
  const auto comparison = hand_comparison();
  const fs::path file = dir_ / "result.h5";
  write_hdf5(file, scenarios, &comparison, hand_provenance());

  H5::H5File f(file.string(), H5F_ACC_RDONLY);
  const auto g = f.openGroup("/comparison/indicators");
  for (const char* column : {"scenario", "indicator", "year", "district", "district_index", "mean",
                             "low", "high", "diff_mean", "diff_low", "diff_high"}) {
    const auto ds = g.openDataSet(column);
    const auto space = ds.getSpace();
    ASSERT_EQ(space.getSimpleExtentNdims(), 1) << column;
    EXPECT_EQ(space.getSimpleExtentNpoints(), 3) << column;
  }
  // Fixed-length strings: the district of the city row is "Leiden".
  const auto district = g.openDataSet("district");
  const auto type = district.getStrType();
  EXPECT_FALSE(type.isVariableStr());
  std::vector<char> buf(3 * type.getSize());
  district.read(buf.data(), type);
  EXPECT_EQ(std::string(buf.data(), ::strnlen(buf.data(), type.getSize())), "Leiden");
  EXPECT_EQ(std::string(buf.data() + 2 * type.getSize(),
                        ::strnlen(buf.data() + 2 * type.getSize(), type.getSize())),
            "Leiden-Noord, \"west\"");
  // Columns are listed in creation order (h5py, and so pandas, follow it).
  const std::vector<std::string> columns = {"scenario",       "indicator", "year",     "district",
                                            "district_index", "mean",      "low",      "high",
                                            "diff_mean",      "diff_low",  "diff_high"};
  for (std::size_t k = 0; k < columns.size(); ++k) {
    char name[64] = {};
    ASSERT_GT(H5Lget_name_by_idx(g.getId(), ".", H5_INDEX_CRT_ORDER, H5_ITER_INC, k, name,
                                 sizeof name, H5P_DEFAULT),
              0);
    EXPECT_EQ(name, columns[k]);
  }
  for (const char* column : {"scenario", "year", "programme", "mean", "diff_high"})
    EXPECT_TRUE(f.nameExists(std::string("/comparison/budget/") + column)) << column;
  for (const char* column : {"scenario", "horizon_years", "measure_cost_mean", "net_budget_low",
                             "poverty_years_high", "social_return"})
    EXPECT_TRUE(f.nameExists(std::string("/comparison/net_effects/") + column)) << column;
}

TEST_F(Hdf5StoreTest, ProvenanceAndMetadataArePresent) {
  const fs::path file = dir_ / "result.h5";
  const auto provenance = hand_provenance();
  write_hdf5(file, hand_scenarios(), nullptr, provenance);

  const auto back = read_hdf5_provenance(file);
  EXPECT_EQ(back, provenance);
  for (const char* key :
       {"program", "version", "seed", "replications", "host", "started", "finished", "plugins"})
    EXPECT_TRUE(back.contains(key)) << key;
  EXPECT_FALSE(read_hdf5_comparison(file).has_value());

  H5::H5File f(file.string(), H5F_ACC_RDONLY);
  const auto meta = f.openGroup("/meta");
  EXPECT_EQ(string_attribute(meta, "program"), "leidensim");
  EXPECT_EQ(string_attribute(meta, "version"), "0.1.0");
  EXPECT_EQ(string_attribute(meta, "host"), "testhost");
  EXPECT_EQ(string_attribute(meta, "start_time"), "2025-01-01T10:00:00Z");
  EXPECT_EQ(string_attribute(meta, "end_time"), "2025-01-01T10:05:00Z");
  EXPECT_EQ(string_attribute(meta, "start"), "2025-03");
  std::uint64_t seed = 0;
  meta.openAttribute("seed").read(H5::PredType::NATIVE_UINT64, &seed);
  EXPECT_EQ(seed, 18446744073709551557ULL);
  std::int64_t replications = 0;
  meta.openAttribute("replications").read(H5::PredType::NATIVE_INT64, &replications);
  EXPECT_EQ(replications, kReplications);
  std::int32_t format = 0;
  meta.openAttribute("format_version").read(H5::PredType::NATIVE_INT32, &format);
  EXPECT_EQ(format, outputs::kHdf5FormatVersion);
  for (const char* name :
       {"provenance", "scenario_names", "scenarios/zbaseline", "scenarios/jobcoach",
        "modules/jobcoach", "indicators", "indicator_units", "indicator_kinds", "districts",
        "programmes", "programme_names", "categories", "months", "years"})
    EXPECT_TRUE(meta.nameExists(name)) << name;
  EXPECT_EQ(meta.openDataSet("indicators").getSpace().getSimpleExtentNpoints(), kIndicators);
  EXPECT_EQ(meta.openDataSet("programmes").getSpace().getSimpleExtentNpoints(), kProgrammes);
  EXPECT_EQ(meta.openDataSet("categories").getSpace().getSimpleExtentNpoints(), kLedgerCategories);

  const auto ds = f.openDataSet("/scenarios/jobcoach/indicators");
  const auto dims = ds.openAttribute("dimensions");
  EXPECT_EQ(dims.getSpace().getSimpleExtentNpoints(), 4);
}

TEST_F(Hdf5StoreTest, MissingProvenanceKeysHaveDefaults) {
  const fs::path file = dir_ / "result.h5";
  write_hdf5(file, hand_scenarios(), nullptr, nlohmann::json::object());
  H5::H5File f(file.string(), H5F_ACC_RDONLY);
  const auto meta = f.openGroup("/meta");
  EXPECT_EQ(string_attribute(meta, "program"), "");
  EXPECT_FALSE(string_attribute(meta, "host").empty());  // this machine's name
  EXPECT_FALSE(meta.attrExists("seed"));
  std::int64_t replications = 0;
  meta.openAttribute("replications").read(H5::PredType::NATIVE_INT64, &replications);
  EXPECT_EQ(replications, kReplications);
}

TEST_F(Hdf5StoreTest, ArraysAreChunkedAndCompressed) {
  const fs::path file = dir_ / "result.h5";
  write_hdf5(file, hand_scenarios(), nullptr, hand_provenance());
  H5::H5File f(file.string(), H5F_ACC_RDONLY);
  const std::vector<std::pair<std::string, std::vector<hsize_t>>> arrays = {
      {"/scenarios/jobcoach/indicators", {1, kMonths, kDistricts, kIndicators}},
      {"/scenarios/jobcoach/ledger", {1, 2, kProgrammes, kLedgerCategories}},
      {"/scenarios/zbaseline/ledger_monthly", {1, kMonths, kProgrammes, kLedgerCategories}}};
  for (const auto& [path, chunk] : arrays) {
    const auto ds = f.openDataSet(path);
    EXPECT_EQ(ds.getDataType().getSize(), 8u) << path;
    const auto plist = ds.getCreatePlist();
    ASSERT_EQ(plist.getLayout(), H5D_CHUNKED) << path;
    std::vector<hsize_t> got(4);
    ASSERT_EQ(plist.getChunk(4, got.data()), 4) << path;
    EXPECT_EQ(got, chunk) << path;
    bool deflate = false;
    for (int k = 0; k < plist.getNfilters(); ++k) {
      unsigned flags = 0, cd_values[8] = {};
      std::size_t cd_nelmts = 8;
      char name[64] = {};
      unsigned config = 0;
      const H5Z_filter_t id =
          plist.getFilter(k, flags, cd_nelmts, cd_values, sizeof name, name, config);
      if (id == H5Z_FILTER_DEFLATE) {
        deflate = true;
        ASSERT_GE(cd_nelmts, 1u);
        EXPECT_EQ(cd_values[0], 1u) << "gzip level";
      }
    }
    EXPECT_TRUE(deflate) << path;
  }
}

TEST_F(Hdf5StoreTest, SimulatedScenarioRoundTripsExactly) {
  const ModelSpec spec = test::model(0.01, 2);
  ScenarioResult s;
  s.name = "baseline";
  s.scenario = {{"name", "baseline"}, {"scale", 0.01}};
  s.modules = nlohmann::json::array();
  s.districts = spec.districts;
  s.start = spec.start;
  s.replications = run_replications(spec, 2);
  const fs::path file = dir_ / "run.h5";
  write_hdf5(file, {s}, nullptr, hand_provenance());

  const auto a = read_hdf5_scenario(file, "baseline");
  EXPECT_EQ(a.districts, spec.districts);
  EXPECT_EQ(a.months.size(), std::size_t(spec.horizon_months));
  expect_same_replications(a.to_scenario_result().replications, s.replications);
  for (std::size_t r = 0; r < s.replications.size(); ++r)
    EXPECT_EQ(hash_indicators(a.to_scenario_result().replications[r].indicators),
              hash_indicators(s.replications[r].indicators));

  // Compressed: the stored indicators take much less than their raw size.
  H5::H5File f(file.string(), H5F_ACC_RDONLY);
  const auto ds = f.openDataSet("/scenarios/baseline/indicators");
  const hsize_t raw = a.indicators.size() * sizeof(std::int64_t);
  EXPECT_LT(ds.getStorageSize(), raw / 2) << "raw " << raw;
}

TEST_F(Hdf5StoreTest, FailedWriteLeavesNoFileAndKeepsTheOldOne) {
  const fs::path file = dir_ / "result.h5";
  auto scenarios = hand_scenarios();
  // The second scenario's last replication has one month too few: rejected while writing it,
  // after the first scenario is in the partial file.
  scenarios[1].replications[2].indicators = IndicatorSeries(kMonths - 1, kDistricts);
  EXPECT_THROW(write_hdf5(file, scenarios, nullptr, hand_provenance()), std::invalid_argument);
  EXPECT_FALSE(fs::exists(file));
  EXPECT_TRUE(files_in(dir_).empty());

  // A ledger of the wrong length, and a replication with other districts.
  auto bad_ledger = hand_scenarios();
  bad_ledger[0].replications[1].ledger = LedgerSeries(3);
  EXPECT_THROW(write_hdf5(file, bad_ledger, nullptr, hand_provenance()), std::invalid_argument);
  auto bad_districts = hand_scenarios();
  bad_districts[1].districts.pop_back();
  EXPECT_THROW(write_hdf5(file, bad_districts, nullptr, hand_provenance()), std::invalid_argument);
  // A comparison row of an unknown scenario.
  auto bad_comparison = hand_comparison();
  bad_comparison.budget[1].scenario = 7;
  EXPECT_THROW(write_hdf5(file, hand_scenarios(), &bad_comparison, hand_provenance()),
               std::invalid_argument);
  EXPECT_TRUE(files_in(dir_).empty());

  // An existing result survives a failed write untouched.
  const auto good = hand_scenarios();
  write_hdf5(file, {good[0]}, nullptr, hand_provenance());
  EXPECT_THROW(write_hdf5(file, scenarios, nullptr, hand_provenance()), std::invalid_argument);
  EXPECT_EQ(files_in(dir_), std::vector<std::string>{"result.h5"});
  EXPECT_EQ(read_hdf5_scenario_names(file), std::vector<std::string>{"zbaseline"});
}

TEST_F(Hdf5StoreTest, RejectsBadScenarioNamesBeforeWriting) {
  const fs::path file = dir_ / "result.h5";
  auto slash = hand_scenarios();
  slash[1].name = "a/b";
  EXPECT_THROW(write_hdf5(file, slash, nullptr, {}), std::invalid_argument);
  auto twice = hand_scenarios();
  twice[1].name = twice[0].name;
  EXPECT_THROW(write_hdf5(file, twice, nullptr, {}), std::invalid_argument);
  EXPECT_THROW(write_hdf5(file, {}, nullptr, {}), std::invalid_argument);
  auto empty = hand_scenarios();
  empty[0].replications.clear();
  EXPECT_THROW(write_hdf5(file, empty, nullptr, {}), std::invalid_argument);
  EXPECT_TRUE(files_in(dir_).empty());
}

TEST_F(Hdf5StoreTest, ReplacesAnExistingFile) {
  const fs::path file = dir_ / "result.h5";
  const auto scenarios = hand_scenarios();
  write_hdf5(file, scenarios, nullptr, hand_provenance());
  write_hdf5(file, {scenarios[1]}, nullptr, {{"program", "second"}});
  EXPECT_EQ(read_hdf5_scenario_names(file), std::vector<std::string>{"jobcoach"});
  EXPECT_EQ(read_hdf5_provenance(file).at("program"), "second");
  EXPECT_EQ(files_in(dir_), std::vector<std::string>{"result.h5"});
}

TEST_F(Hdf5StoreTest, StalePartialFilesOfDeadProcessesAreRemoved) {
  const fs::path file = dir_ / "result.h5";
  const std::string dead = "result.h5.partial-" + std::to_string(dead_pid());
  const std::string alive = "result.h5.partial-" + std::to_string(::getppid());
  const std::string other = "other.h5.partial-" + std::to_string(dead_pid());
  for (const auto& name : {dead, alive, other}) std::ofstream(dir_ / name) << "half a file";

  write_hdf5(file, hand_scenarios(), nullptr, hand_provenance());
  auto expected = std::vector<std::string>{alive, other, "result.h5"};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(files_in(dir_), expected);
  EXPECT_EQ(outputs::hdf5_partial_path(file),
            dir_ / ("result.h5.partial-" + std::to_string(::getpid())));
}

TEST_F(Hdf5StoreTest, ReadingReportsMissingFilesAndScenarios) {
  const fs::path file = dir_ / "result.h5";
  EXPECT_THROW(read_hdf5_provenance(file), std::runtime_error);
  write_hdf5(file, hand_scenarios(), nullptr, hand_provenance());
  EXPECT_THROW(read_hdf5_scenario(file, "nope"), std::invalid_argument);
  std::ofstream(dir_ / "garbage.h5") << "not hdf5";
  EXPECT_THROW(read_hdf5_scenario_names(dir_ / "garbage.h5"), std::runtime_error);
  {
    H5::H5File other((dir_ / "other.h5").string(), H5F_ACC_TRUNC);
    other.createGroup("/data");
  }
  EXPECT_THROW(read_hdf5_provenance(dir_ / "other.h5"), std::runtime_error);
  {
    H5::H5File newer(file.string(), H5F_ACC_RDWR);
    const std::int32_t version = outputs::kHdf5FormatVersion + 1;
    newer.openGroup("/meta")
        .openAttribute("format_version")
        .write(H5::PredType::NATIVE_INT32, &version);
  }
  try {
    read_hdf5_provenance(file);
    ADD_FAILURE() << "a newer format was read";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("format version"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace leidensim
