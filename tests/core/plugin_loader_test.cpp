#include "leidensim/plugin_loader.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "leidensim/errors.hpp"
#include "leidensim/scenario.hpp"
#include "support/test_model.hpp"

namespace leidensim {
namespace {

namespace fs = std::filesystem;
const fs::path kFixtures = LEIDENSIM_FIXTURE_DIR;

std::string load_error(const fs::path& file) {
  try {
    PluginLoader::load_file(file);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(PluginLoader, LoadsAValidMeasureWithItsDescriptor) {
  const ModuleDescriptor d = PluginLoader::load_file(kFixtures / "libleidensim_test_measure.so");
  EXPECT_EQ(d.name, "test_measure");
  EXPECT_EQ(d.version, "0.1");
  EXPECT_EQ(d.kind, ModuleKind::Plugin);
  EXPECT_EQ(d.phases, static_cast<std::uint32_t>(kBeginMonth | kPayments));
  EXPECT_EQ(d.parallel_phases, static_cast<std::uint32_t>(kPayments));
  EXPECT_EQ(d.parameter_schema["properties"]["job_finding_multiplier"]["default"], 2);
  const PluginLoader by_path({kFixtures});
  EXPECT_EQ(by_path.load_by_name("test_measure").name, "test_measure");
}

TEST(PluginLoader, RefusesAWrongAbiVersionNamingTheFile) {
  const std::string m = load_error(kFixtures / "libleidensim_wrong_abi.so");
  EXPECT_NE(m.find("libleidensim_wrong_abi.so"), std::string::npos) << m;
  EXPECT_NE(m.find("ABI version"), std::string::npos) << m;
}

TEST(PluginLoader, RefusesALibraryWithoutTheEntrySymbol) {
  const std::string m = load_error(kFixtures / "libleidensim_no_entry.so");
  EXPECT_NE(m.find("libleidensim_no_entry.so"), std::string::npos) << m;
  EXPECT_NE(m.find("no entry symbol"), std::string::npos) << m;
}

TEST(PluginLoader, RefusesAFileThatIsNotASharedLibrary) {
  const fs::path fake = fs::temp_directory_path() / "libleidensim_not_a_library.so";
  std::ofstream(fake) << "this is text, not ELF\n";
  const std::string m = load_error(fake);
  fs::remove(fake);
  EXPECT_NE(m.find("libleidensim_not_a_library.so"), std::string::npos) << m;
  EXPECT_NE(m.find("not a loadable shared library"), std::string::npos) << m;
  EXPECT_NE(load_error("/no/such/libleidensim_x.so").find("not found"), std::string::npos);
}

TEST(PluginLoader, UnknownNamesSayWhereTheyWereLookedFor) {
  const PluginLoader loader({kFixtures});
  try {
    loader.load_by_name("no_such_measure");
    FAIL();
  } catch (const InputError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("unknown measure"), std::string::npos) << m;
    EXPECT_NE(m.find(kFixtures.string()), std::string::npos) << m;
  }
  EXPECT_THROW(loader.load_by_name("../etc"), InputError);
}

Scenario tiny_with(const std::string& measures_json) {
  auto j = nlohmann::json::parse(R"({"scale": 0.01, "years": 1, "replications": 1})");
  j["data"] = test::data_dir().string();
  j["measures"] = nlohmann::json::parse(measures_json);
  return Scenario::parse(j, "tiny.json");
}

std::string spec_error(const Scenario& s) {
  try {
    make_model_spec(s, builtin_registry(), PluginLoader({kFixtures}));
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(PluginLoader, ANameCollisionWithABuiltInIsAnError) {
  const std::string m =
      spec_error(tiny_with(R"([{"name": "labour", "plugin": ")" +
                           (kFixtures / "collides/libleidensim_labour.so").string() + R"("}])"));
  EXPECT_NE(m.find("already taken by a built-in"), std::string::npos) << m;
  EXPECT_NE(m.find("libleidensim_labour.so"), std::string::npos) << m;
  EXPECT_NE(m.find("/measures/0/name"), std::string::npos) << m;
}

TEST(PluginLoader, ParametersAreCheckedAgainstTheSchemaAndDefaulted) {
  std::string m = spec_error(tiny_with(R"([{"name": "test_measure",
      "params": {"annual_budget": -5, "colour": "red", "programme": "12"}}])"));
  EXPECT_NE(m.find("tiny.json: /measures/0/params/annual_budget"), std::string::npos) << m;
  EXPECT_NE(m.find("/measures/0/params/colour: unknown key"), std::string::npos) << m;
  EXPECT_NE(m.find("/measures/0/params/programme"), std::string::npos) << m;
  const ModelSpec spec =
      make_model_spec(tiny_with(R"([{"name": "test_measure", "params": {"duration_months": 3}}])"),
                      builtin_registry(), PluginLoader({kFixtures}));
  const ModuleDescriptor& d = spec.modules.back();
  EXPECT_EQ(d.name, "test_measure");
  EXPECT_EQ(d.params["duration_months"], 3);
  EXPECT_EQ(d.params["job_finding_multiplier"], 2);  // default filled in
  EXPECT_NE(spec_error(tiny_with(R"([{"name": "test_measure"}, {"name": "test_measure"}])"))
                .find("already taken by another measure"),
            std::string::npos);
}

}  // namespace
}  // namespace leidensim
