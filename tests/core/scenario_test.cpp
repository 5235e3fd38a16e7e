#include "leidensim/scenario.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <set>

#include "leidensim/errors.hpp"
#include "leidensim/json_schema.hpp"
#include "support/test_model.hpp"

namespace leidensim {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

/// A fresh folder for scenario files, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() / ("leidensim_scenario_test_" + std::to_string(::getpid()) +
                                        "_" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  fs::path write(const std::string& name, const json& j) const {
    const fs::path p = dir_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << j.dump(2);
    return p;
  }
  const fs::path& path() const { return dir_; }

 private:
  fs::path dir_;
};

std::string load_error(const fs::path& file) {
  try {
    Scenario::load(file);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// The shipped scenarios (scenarios/*.json, without the schema).
std::vector<fs::path> shipped_scenarios() {
  std::vector<fs::path> out;
  for (const auto& f : fs::directory_iterator(test::source_dir() / "scenarios"))
    if (f.path().extension() == ".json" && !contains(f.path().filename().string(), ".schema."))
      out.push_back(f.path());
  std::sort(out.begin(), out.end());
  return out;
}

json read_json_file(const fs::path& file) {
  std::ifstream in(file);
  return json::parse(in);
}

std::string error_of(const std::string& json_text) {
  try {
    Scenario::parse(nlohmann::json::parse(json_text), "dir/s.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(Scenario, ReadsEveryKey) {
  const auto s = Scenario::parse(nlohmann::json::parse(R"({
      "name": "x", "description": "d", "data": "pack", "seed": 7, "replications": 3,
      "start": "2026-02", "years": 4, "scale": 0.5,
      "parameters": {"labour.job_loss_monthly": 0.004, "labour.bijstand_outflow": [0.1, 0.05, 0.01]},
      "measures": []})"),
                                 "dir/s.json");
  EXPECT_EQ(s.name, "x");
  EXPECT_EQ(s.data_dir, std::filesystem::path("dir/pack"));
  EXPECT_EQ(s.seed, 7u);
  EXPECT_EQ(s.replications, 3);
  EXPECT_EQ(s.start, (YearMonth{2026, 2}));
  EXPECT_EQ(s.years, 4);
  EXPECT_DOUBLE_EQ(s.scale, 0.5);
  ASSERT_EQ(s.parameters.size(), 2u);
  for (const auto& o : s.parameters) {
    EXPECT_EQ(o.origin, "dir/s.json: /parameters/" + o.name);
    EXPECT_EQ(o.values.size(), o.name == "labour.bijstand_outflow" ? 3u : 1u);
  }
}

TEST(Scenario, ErrorsNameTheFileAndTheJsonPath) {
  struct Case {
    const char* json;
    const char* path;
  };
  for (const Case& c : std::vector<Case>{
           {R"({"colour": 1})", "/colour"},
           {R"({"years": "ten"})", "/years"},
           {R"({"years": 0})", "/years"},
           {R"({"replications": 2.5})", "/replications"},
           {R"({"scale": -1})", "/scale"},
           {R"({"start": "2025-13"})", "/start"},
           {R"({"name": "a b"})", "/name"},
           {R"({"parameters": {"x": "high"}})", "/parameters/x"},
           {R"({"parameters": []})", "/parameters"},
           {R"({"measures": [{"nam": "jobcoach"}]})", "/measures/0/nam"},
           {R"({"measures": [{"name": 3}]})", "/measures/0/name"},
           {R"({"measures": [{"name": "x", "params": []}]})", "/measures/0/params"},
           {R"({"measures": {}})", "/measures"},
       }) {
    const std::string m = error_of(c.json);
    EXPECT_NE(m.find("dir/s.json"), std::string::npos) << c.json << " -> " << m;
    EXPECT_NE(m.find(c.path), std::string::npos) << c.json << " -> " << m;
  }
  EXPECT_NE(error_of("[1, 2]").find("object"), std::string::npos);
}

TEST(Scenario, ModelSpecRejectsUnknownParametersAndMissingData) {
  Scenario s;
  s.file = "s.json";
  s.data_dir = test::data_dir();
  s.scale = 0.01;
  s.parameters.push_back({"no.such", {1.0}, "s.json: /parameters/no.such"});
  try {
    make_model_spec(s, builtin_registry());
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("/parameters/no.such"), std::string::npos) << e.what();
  }
  s.parameters.clear();
  s.data_dir = "/no/such/pack";
  EXPECT_THROW(make_model_spec(s, builtin_registry()), InputError);
  s.data_dir = test::data_dir();
  s.start = {2023, 1};
  EXPECT_THROW(make_model_spec(s, builtin_registry()), InputError);
}

TEST(Scenario, ShippedScenariosAreValid) {
  const auto files = shipped_scenarios();
  EXPECT_GE(files.size(), 9u);
  for (const auto& f : files) {
    EXPECT_NO_THROW(Scenario::load(f)) << f;
    // Parameters against the data pack (measures are checked by the CLI tests, which know
    // where the plugins are built).
    Scenario s = Scenario::load(f);
    s.measures.clear();
    const auto errors = validate_scenario(s);
    EXPECT_TRUE(errors.empty()) << f << ": " << (errors.empty() ? "" : errors.front());
  }
}

// ---- extends ----

TEST(Scenario, ExtendsMergesObjectsKeyByKeyAndReplacesArraysAndScalars) {
  TempDir d;
  d.write("parent.json", {{"name", "parent"},
                          {"description", "the parent"},
                          {"$schema", "scenario.schema.json"},
                          {"seed", 1},
                          {"years", 3},
                          {"scale", 0.5},
                          {"parameters", {{"a.b", 1}, {"c.d", {1, 2}}}},
                          {"measures", {{{"name", "m1"}}, {{"name", "m2"}}}}});
  const fs::path child =
      d.write("child.json", {{"extends", "parent.json"},
                             {"years", 4},
                             {"parameters", {{"c.d", {3}}, {"e.f", 0.5}}},
                             {"measures", {{{"name", "m3"}, {"params", {{"x", 1}}}}}}});
  const Scenario s = Scenario::load(child);
  EXPECT_EQ(s.seed, 1u);             // inherited
  EXPECT_EQ(s.years, 4);             // replaced
  EXPECT_EQ(s.scale, 0.5);           // inherited
  EXPECT_EQ(s.name, "child");        // not inherited: named after the file
  EXPECT_EQ(s.description, "");      // not inherited
  ASSERT_EQ(s.measures.size(), 1u);  // the list replaces the parent's
  EXPECT_EQ(s.measures[0].name, "m3");
  EXPECT_EQ(s.measures[0].path, child.string() + ": /measures/0");
  std::map<std::string, std::vector<double>> params;
  for (const auto& o : s.parameters) params[o.name] = o.values;
  EXPECT_EQ(params, (std::map<std::string, std::vector<double>>{
                        {"a.b", {1}}, {"c.d", {3}}, {"e.f", {0.5}}}));
  for (const auto& o : s.parameters)  // each names the file that set it
    EXPECT_EQ(o.origin, (o.name == "a.b" ? d.path() / "parent.json" : child).string() +
                            ": /parameters/" + o.name);
  // The resolved JSON, without "extends" and the parent's own keys.
  const json expected = {{"seed", 1},
                         {"years", 4},
                         {"scale", 0.5},
                         {"parameters", {{"a.b", 1}, {"c.d", {3}}, {"e.f", 0.5}}},
                         {"measures", {{{"name", "m3"}, {"params", {{"x", 1}}}}}}};
  EXPECT_EQ(s.json, expected) << s.json.dump(2);
  ASSERT_EQ(s.extends.size(), 1u);
  EXPECT_EQ(s.extends[0], d.path() / "parent.json");
  // An object replaces a scalar and the other way round.
  const fs::path flip = d.write("flip.json", {{"extends", "parent.json"}, {"parameters", nullptr}});
  EXPECT_TRUE(contains(load_error(flip), flip.string() + ": /parameters: expected an object"))
      << load_error(flip);
}

TEST(Scenario, ExtendsChainsAndResolvesPathsAgainstTheFileThatSetThem) {
  TempDir d;
  d.write("base/grand.json", {{"data", "pack"}, {"scale", 0.25}, {"years", 7}});
  d.write("base/parent.json", {{"extends", "grand.json"}, {"years", 8}, {"seed", 5}});
  const fs::path child = d.write("child.json", {{"extends", "base/parent.json"}, {"seed", 6}});
  const Scenario s = Scenario::load(child);
  EXPECT_EQ(s.data_dir, d.path() / "base" / "pack");  // relative to grand.json
  EXPECT_EQ(s.scale, 0.25);
  EXPECT_EQ(s.years, 8);
  EXPECT_EQ(s.seed, 6u);
  ASSERT_EQ(s.extends.size(), 2u);
  EXPECT_EQ(s.extends[0].filename(), "parent.json");
  EXPECT_EQ(s.extends[1].filename(), "grand.json");
  // Without "data" anywhere, the default is relative to the file itself.
  const fs::path plain = d.write("sub/plain.json", {{"years", 2}});
  EXPECT_EQ(Scenario::load(plain).data_dir, d.path() / "sub" / "../data/leiden");
}

TEST(Scenario, ExtendsCyclesAndMissingParentsAreErrors) {
  TempDir d;
  const fs::path a = d.write("a.json", {{"extends", "b.json"}, {"years", 2}});
  d.write("b.json", {{"extends", "c.json"}});
  d.write("c.json", {{"extends", "a.json"}});
  std::string m = load_error(a);
  EXPECT_TRUE(contains(m, "cycle")) << m;
  for (const char* f : {"a.json", "b.json", "c.json"}) EXPECT_TRUE(contains(m, f)) << m;
  EXPECT_TRUE(contains(m, "/extends")) << m;
  const fs::path self = d.write("self.json", {{"extends", "self.json"}});
  m = load_error(self);
  EXPECT_TRUE(contains(m, "cycle") && contains(m, "self.json")) << m;
  const fs::path orphan = d.write("orphan.json", {{"extends", "no_such.json"}});
  m = load_error(orphan);
  EXPECT_TRUE(contains(m, orphan.string() + ": /extends") && contains(m, "no_such.json")) << m;
  const fs::path wrong = d.write("wrong.json", {{"extends", 3}});
  EXPECT_TRUE(contains(load_error(wrong), wrong.string() + ": /extends")) << load_error(wrong);
}

TEST(Scenario, ErrorsInAnExtendedFileNameThatFileAndTheScenario) {
  TempDir d;
  const fs::path parent = d.write("parent.json", {{"years", 0}, {"parameters", {{"x", "high"}}}});
  const fs::path child = d.write("child.json", {{"extends", "parent.json"}, {"colour", 1}});
  const Scenario s = Scenario::read(child);
  ASSERT_EQ(s.errors.size(), 3u) << s.errors.front();
  std::string all;
  for (const auto& e : s.errors) all += e + "\n";
  EXPECT_TRUE(contains(all, child.string() + ": /colour: unknown key")) << all;
  EXPECT_TRUE(contains(all, parent.string() + ": /years: value 0 outside [1, 200] (inherited by " +
                                child.string() + ")"))
      << all;
  EXPECT_TRUE(contains(all, parent.string() + ": /parameters/x")) << all;
  // Overriding the bad value in the child fixes it.
  const fs::path fixed =
      d.write("fixed.json", {{"extends", "parent.json"}, {"years", 2}, {"parameters", {{"x", 1}}}});
  EXPECT_NO_THROW(Scenario::load(fixed));
}

// ---- every error at once ----

TEST(Scenario, ValidationReportsEveryErrorWithItsPath) {
  TempDir d;
  const fs::path file =
      d.write("bad.json", {{"data", test::data_dir().string()},
                           {"colour", "red"},    // unknown key
                           {"years", "ten"},     // wrong type
                           {"replications", 0},  // out of range
                           {"parameters",
                            {{"labour.job_loss_monthly", 1.5},    // parameter out of range
                             {"labour.bijstand_outflow", {0.1}},  // wrong length
                             {"labour.job_los_monthly", 0.1}}},   // unknown parameter
                           {"measures", {{{"name", "no_such_measure"}}}}});  // unknown measure
  const Scenario s = Scenario::read(file);
  EXPECT_EQ(s.errors.size(), 3u);
  const auto errors = validate_scenario(s, PluginLoader());
  std::string all;
  for (const auto& e : errors) all += e + "\n";
  EXPECT_EQ(errors.size(), 7u) << all;
  for (const char* path :
       {"/colour", "/years", "/replications", "/parameters/labour.job_loss_monthly",
        "/parameters/labour.bijstand_outflow", "/parameters/labour.job_los_monthly",
        "/measures/0/name"})
    EXPECT_TRUE(contains(all, file.string() + ": " + path + ": ")) << path << "\n" << all;
  EXPECT_TRUE(contains(all, "did you mean labour.job_loss_monthly")) << all;
  EXPECT_TRUE(contains(all, "1.5")) << all;

  // load() and make_model_spec() throw one error listing them, one per line.
  const std::string loaded = load_error(file);
  EXPECT_EQ(std::count(loaded.begin(), loaded.end(), '\n'), 2) << loaded;
  Scenario structurally_fine = s;
  structurally_fine.errors.clear();
  try {
    make_model_spec(structurally_fine, builtin_registry());
    FAIL();
  } catch (const InputError& e) {
    const std::string m = e.what();
    EXPECT_EQ(std::count(m.begin(), m.end(), '\n'), 3) << m;
    for (const char* path : {"/parameters/labour.job_loss_monthly",
                             "/parameters/labour.bijstand_outflow", "/measures/0/name"})
      EXPECT_TRUE(contains(m, path)) << m;
  }
}

TEST(Scenario, AValidScenarioHasNoErrors) {
  TempDir d;
  const fs::path file = d.write(
      "good.json",
      {{"data", test::data_dir().string()}, {"parameters", {{"labour.job_loss_monthly", 0.005}}}});
  EXPECT_TRUE(validate_scenario(Scenario::load(file)).empty());
}

// ---- the JSON Schema for editors ----

TEST(Scenario, SchemaListsExactlyTheKeysTheLoaderAccepts) {
  const json schema = read_json_file(test::source_dir() / "scenarios" / "scenario.schema.json");
  std::set<std::string> in_schema;
  for (const auto& [k, v] : schema.at("properties").items()) {
    in_schema.insert(k);
    EXPECT_TRUE(v.contains("type") && v.contains("description")) << k;
  }
  const std::set<std::string> in_loader(scenario_keys().begin(), scenario_keys().end());
  EXPECT_EQ(in_schema.size(), scenario_keys().size());
  EXPECT_EQ(in_schema, in_loader);
  EXPECT_EQ(schema.value("additionalProperties", true), false);
  std::set<std::string> measure_keys;
  for (const auto& [k, v] : schema["properties"]["measures"]["items"]["properties"].items())
    measure_keys.insert(k);
  EXPECT_EQ(measure_keys, (std::set<std::string>{"name", "plugin", "params"}));
  // Every known key is accepted by the loader (no "unknown key").
  for (const auto& k : scenario_keys())
    EXPECT_FALSE(contains(error_of(json{{k, 1}}.dump()), "unknown key")) << k;
}

TEST(Scenario, ShippedScenariosMatchTheSchema) {
  const json schema = read_json_file(test::source_dir() / "scenarios" / "scenario.schema.json");
  for (const auto& f : shipped_scenarios()) {
    json as_written = read_json_file(f);
    const auto errors = validate_json(schema, as_written);
    EXPECT_TRUE(errors.empty()) << f << ": " << (errors.empty() ? "" : errors.front());
    json resolved = Scenario::load(f).json;
    EXPECT_TRUE(validate_json(schema, resolved).empty()) << f;
  }
}

TEST(Scenario, SchemaAndLoaderRejectTheSameValues) {
  const json schema = read_json_file(test::source_dir() / "scenarios" / "scenario.schema.json");
  for (const char* text :
       {R"({"colour": 1})", R"({"years": 0})", R"({"years": 201})", R"({"years": 2.5})",
        R"({"replications": 0})", R"({"replications": 10001})", R"({"scale": 0})",
        R"({"scale": 1001})", R"({"seed": -1})", R"({"start": 2025})", R"({"data": 1})",
        R"({"extends": 1})", R"({"parameters": {"x": "high"}})", R"({"parameters": {"x": ["a"]}})",
        R"({"parameters": []})", R"({"measures": {}})", R"({"measures": [{"params": {}}]})",
        R"({"measures": [{"name": "m", "colour": 1}]})",
        R"({"measures": [{"name": "m", "params": []}]})"}) {
    json j = json::parse(text);
    EXPECT_FALSE(validate_json(schema, j).empty()) << "the schema accepts " << text;
    EXPECT_NE(error_of(text), "no error") << "the loader accepts " << text;
  }
}

}  // namespace
}  // namespace leidensim
