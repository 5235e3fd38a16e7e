#include "leidensim/scenario.hpp"

#include <gtest/gtest.h>

#include "leidensim/errors.hpp"
#include "support/test_model.hpp"

namespace leidensim {
namespace {

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
  for (const auto& f : std::filesystem::directory_iterator(test::source_dir() / "scenarios"))
    if (f.path().extension() == ".json") {
      EXPECT_NO_THROW(Scenario::load(f.path())) << f.path();
    }
}

}  // namespace
}  // namespace leidensim
