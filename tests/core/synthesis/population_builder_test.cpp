// build_population: the synthetic Leiden meets its marginals, is deterministic in the seed,
// scales with --scale, is structurally sound, and rejects a broken data pack with a message that
// names the file and the field.
#include "leidensim/synthesis/population_builder.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <set>
#include <sstream>
#include <string>

#include "leidensim/errors.hpp"
#include "leidensim/invariants.hpp"
#include "support/test_model.hpp"

namespace leidensim {
namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kSeed = 20240101;
constexpr double kLeidenPersons = 130108;    // sum of the districts' 2024 populations
constexpr double kLeidenHouseholds = 73720;  // sum of the districts' private households

/// One scale-1 synthesis shared by the suite (about 0.2 s in a release build).
class PopulationBuilderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!built_)
      built_ = std::make_unique<SynthesisResult>(
          build_population(test::data_dir(), test::parameters(), kSeed, 1.0));
  }
  static const SynthesisResult& leiden() { return *built_; }
  static const Population& pop() { return built_->population; }

 private:
  static std::unique_ptr<SynthesisResult> built_;
};
std::unique_ptr<SynthesisResult> PopulationBuilderTest::built_;

std::string describe(const MarginalRow& r) {
  std::ostringstream s;
  s << "  " << r.group << " / " << r.name << ": target " << r.target << ", synthetic " << r.value
    << ", deviation " << 100 * r.deviation() << "% (tolerance " << 100 * r.tolerance << "%)\n";
  return s.str();
}

// ---- (a) marginals ----

TEST_F(PopulationBuilderTest, EveryCheckedMarginalIsWithinTolerance) {
  const auto& report = leiden().report;
  ASSERT_FALSE(report.empty());
  std::string failing;
  int checked = 0;
  for (const auto& row : report) {
    checked += row.checked;
    if (row.checked && !row.within_tolerance()) failing += describe(row);
  }
  EXPECT_GT(checked, 50);  // districts x (persons, households, with children, 4 age bands), ...
  EXPECT_TRUE(failing.empty()) << "marginals out of tolerance:\n" << failing;
}

TEST_F(PopulationBuilderTest, ReportCoversTheDemographicAndSocialGroups) {
  std::set<std::string> groups;
  for (const auto& row : leiden().report) groups.insert(row.group);
  for (const char* g : {"persons by district", "households by district",
                        "households with children by district", "persons by district and age",
                        "households by type", "persons by age", "sex", "social attributes"})
    EXPECT_TRUE(groups.count(g)) << "report lacks the group \"" << g << "\"";
}

TEST_F(PopulationBuilderTest, LeidenTotalsMatchThePublishedCounts) {
  EXPECT_NEAR(static_cast<double>(pop().persons()), kLeidenPersons, 0.01 * kLeidenPersons);
  EXPECT_NEAR(static_cast<double>(pop().households()), kLeidenHouseholds, 0.01 * kLeidenHouseholds);
  EXPECT_EQ(leiden().districts.size(), 10u);
  EXPECT_LT(leiden().fit_max_relative_error, 0.01);
}

// ---- (b) determinism ----

TEST_F(PopulationBuilderTest, SameSeedGivesTheSamePopulation) {
  const auto again = build_population(test::data_dir(), test::parameters(), kSeed, 1.0);
  EXPECT_EQ(again.population.persons(), pop().persons());
  EXPECT_EQ(again.population.hash(), pop().hash());
}

TEST_F(PopulationBuilderTest, DifferentSeedGivesADifferentPopulation) {
  const auto other = build_population(test::data_dir(), test::parameters(), kSeed + 1, 1.0);
  EXPECT_NE(other.population.hash(), pop().hash());
  // ... but the same Leiden: the totals stay within the tolerance.
  EXPECT_NEAR(static_cast<double>(other.population.persons()), kLeidenPersons,
              0.01 * kLeidenPersons);
}

// ---- (c) scale ----

TEST_F(PopulationBuilderTest, ScaleMultipliesThePopulation) {
  const double base = static_cast<double>(pop().persons());
  for (const double scale : {0.1, 2.0}) {
    const auto scaled = build_population(test::data_dir(), test::parameters(), kSeed, scale);
    const double persons = static_cast<double>(scaled.population.persons());
    EXPECT_NEAR(persons / base, scale, 0.02 * scale)
        << "scale " << scale << ": " << persons << " persons against " << base;
    const double households = static_cast<double>(scaled.population.households());
    EXPECT_NEAR(households / static_cast<double>(pop().households()), scale, 0.02 * scale)
        << "scale " << scale;
    EXPECT_NO_THROW(InvariantChecker::check_structure(scaled.population, "scaled synthesis"));
  }
}

TEST(PopulationBuilderInput, ScaleOutsideItsRangeIsAnInputError) {
  EXPECT_THROW(build_population(test::data_dir(), test::parameters(), kSeed, 0.0), InputError);
  EXPECT_THROW(build_population(test::data_dir(), test::parameters(), kSeed, -1.0), InputError);
  EXPECT_THROW(build_population(test::data_dir(), test::parameters(), kSeed, 1001.0), InputError);
}

// ---- (d) structure ----

TEST_F(PopulationBuilderTest, StructuralInvariantsHold) {
  EXPECT_NO_THROW(InvariantChecker::check_structure(pop(), "test"));
  EXPECT_GT(pop().persons(), pop().households());
}

TEST_F(PopulationBuilderTest, EveryHouseholdHasExactlyOneHead) {
  std::size_t households = 0, bad = 0;
  std::string first_bad;
  for (std::uint32_t h = 0; h < pop().household_slots(); ++h) {
    if (!pop().household_present(h)) continue;
    ++households;
    int heads = 0;
    for (const auto p : pop().members(h)) heads += pop().role[p] == Role::Head;
    if (heads != 1 && bad++ == 0)
      first_bad = "household " + std::to_string(h) + " has " + std::to_string(heads) + " heads";
  }
  EXPECT_EQ(households, pop().households());
  EXPECT_EQ(bad, 0u) << first_bad;
}

TEST_F(PopulationBuilderTest, ChildrenAreAtLeast18YearsYoungerThanTheirParents) {
  std::size_t families = 0, pairs = 0, bad = 0;
  std::string first_bad;
  for (std::uint32_t h = 0; h < pop().household_slots(); ++h) {
    if (!pop().household_present(h)) continue;
    const auto type = pop().hh_type[h];
    if (type != HouseholdType::CoupleWithKids && type != HouseholdType::SingleParent) continue;
    ++families;
    const auto members = pop().members(h);
    int children = 0;
    for (const auto parent : members) {
      const Role r = pop().role[parent];
      if (r != Role::Head && r != Role::Partner) continue;
      for (const auto child : members) {
        if (pop().role[child] != Role::Child) continue;
        ++pairs;
        if (pop().age_months[parent] < pop().age_months[child] + 18 * 12 && bad++ == 0)
          first_bad = "household " + std::to_string(h) + ": parent aged " +
                      std::to_string(pop().age_months[parent]) + " months, child aged " +
                      std::to_string(pop().age_months[child]) + " months";
      }
    }
    for (const auto p : members) children += pop().role[p] == Role::Child;
    EXPECT_GE(children, 1) << "family household " << h << " without children";
  }
  EXPECT_GT(families, 10000u);
  EXPECT_GT(pairs, families);
  EXPECT_EQ(bad, 0u) << bad << " of " << pairs
                     << " parent-child pairs too close in age; first: " << first_bad;
}

// ---- (e) a broken data pack ----

/// A copy of the data pack in a fresh temporary folder, removed afterwards.
class BrokenDataPack : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() / ("leidensim_synthesis_test_" + std::to_string(::getpid()) +
                                        "_" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    for (const auto& e : fs::directory_iterator(test::data_dir()))
      if (e.is_regular_file()) fs::copy_file(e.path(), dir_ / e.path().filename());
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::string read(const std::string& file) const {
    std::ifstream in(dir_ / file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  void write(const std::string& file, const std::string& text) const {
    std::ofstream(dir_ / file, std::ios::binary | std::ios::trunc) << text;
  }
  /// Rewrites every line of a file through `edit` (which gets the 1-based line number).
  void edit_lines(const std::string& file,
                  const std::function<std::string(const std::string&, int)>& edit) const {
    std::istringstream in(read(file));
    std::string out, line;
    for (int n = 1; std::getline(in, line); ++n) out += edit(line, n) + "\n";
    write(file, out);
  }
  /// The InputError message of building from the broken pack (fails the test if none).
  std::string error_message() const {
    try {
      build_population(dir_, test::parameters(), kSeed, 0.05);
    } catch (const InputError& e) {
      return e.what();
    } catch (const std::exception& e) {
      ADD_FAILURE() << "expected an InputError, got another exception: " << e.what();
      return e.what();
    }
    ADD_FAILURE() << "the broken data pack was accepted";
    return {};
  }

  fs::path dir_;
};

TEST_F(BrokenDataPack, IntactCopyIsAccepted) {
  // The copy itself is good: the failures below come from the edits.
  EXPECT_NO_THROW(build_population(dir_, test::parameters(), kSeed, 0.05));
}

TEST_F(BrokenDataPack, MissingColumnNamesFileAndColumn) {
  edit_lines("districts.csv", [](const std::string& line, int n) {
    if (n != 1) return line;
    std::string header = line;
    const auto pos = header.find(",value,");
    EXPECT_NE(pos, std::string::npos) << "districts.csv header: " << header;
    if (pos != std::string::npos) header.replace(pos, 7, ",amount,");
    return header;
  });
  const std::string msg = error_message();
  EXPECT_NE(msg.find("districts.csv"), std::string::npos) << msg;
  EXPECT_NE(msg.find("value"), std::string::npos) << msg;
  EXPECT_NE(msg.find("column"), std::string::npos) << msg;
}

TEST_F(BrokenDataPack, NonNumericValueNamesFileLineAndColumn) {
  // The first 2024 district population row: district,2024,population,<value>,...
  int broken_line = 0;
  edit_lines("districts.csv", [&](const std::string& line, int n) {
    const auto at = line.find(",2024,population,");
    if (broken_line != 0 || at == std::string::npos || line.find("WK0") == std::string::npos)
      return line;
    broken_line = n;
    const auto begin = at + std::string(",2024,population,").size();
    const auto end = line.find(',', begin);
    return line.substr(0, begin) + "abc" + line.substr(end);
  });
  ASSERT_NE(broken_line, 0) << "no 2024 population row with a CBS code in districts.csv";
  const std::string msg = error_message();
  EXPECT_NE(msg.find("districts.csv"), std::string::npos) << msg;
  EXPECT_NE(msg.find("column value"), std::string::npos) << msg;
  EXPECT_NE(msg.find("\"abc\""), std::string::npos) << msg;
  EXPECT_NE(msg.find("line " + std::to_string(broken_line)), std::string::npos)
      << msg << " (the broken value is on line " << broken_line << ")";
}

TEST_F(BrokenDataPack, MissingRowNamesFileAndWhatWasLookedFor) {
  // Drop Leiden's 2024 count of single-parent households.
  bool dropped = false;
  edit_lines("households.csv", [&](const std::string& line, int) {
    if (line.rfind("Leiden,2024,single_parent,", 0) == 0) {
      dropped = true;
      return std::string();  // an empty line is skipped by the reader
    }
    return line;
  });
  ASSERT_TRUE(dropped) << "households.csv has no row Leiden,2024,single_parent";
  const std::string msg = error_message();
  EXPECT_NE(msg.find("households.csv"), std::string::npos) << msg;
  EXPECT_NE(msg.find("single_parent"), std::string::npos) << msg;
}

TEST_F(BrokenDataPack, MissingFileIsNamed) {
  fs::remove(dir_ / "population_age_sex.csv");
  const std::string msg = error_message();
  EXPECT_NE(msg.find("population_age_sex.csv"), std::string::npos) << msg;
}

}  // namespace
}  // namespace leidensim
