#include "leidensim/parameters.hpp"

#include <gtest/gtest.h>

#include "leidensim/errors.hpp"
#include "support/test_model.hpp"

namespace leidensim {
namespace {

TEST(Parameters, EveryParameterHasUnitSourceAndQuality) {
  const ParameterSet ps = test::parameters();
  ASSERT_GT(ps.all().size(), 50u);
  for (const Parameter& p : ps.all()) {
    EXPECT_FALSE(p.unit.empty()) << p.name;
    EXPECT_FALSE(p.source.empty()) << p.name;
    EXPECT_LE(p.min, p.max) << p.name;
    if (p.quality == Quality::Derived) {
      EXPECT_FALSE(p.note.empty()) << p.name << ": derived without its method";
    }
  }
}

TEST(Parameters, EveryParameterIsUsedAndNoneIsMissing) {
  ModelSpec spec = test::model(0.02, 1);
  for (const auto& d : spec.modules) test::create(d, spec);
  std::vector<std::string> unused;
  const auto used = spec.parameters.used();
  for (const Parameter& p : spec.parameters.all())
    if (!used.count(p.name)) unused.push_back(p.name);
  EXPECT_TRUE(unused.empty()) << "parameters in the data pack that no module reads: "
                              << ::testing::PrintToString(unused);
}

TEST(Parameters, OverridesAreCheckedAndRecorded) {
  ParameterSet ps = test::parameters();
  ps.override_values("labour.job_loss_monthly", {0.01},
                     "s.json: /parameters/labour.job_loss_monthly");
  EXPECT_DOUBLE_EQ(ps.scalar("labour.job_loss_monthly"), 0.01);
  EXPECT_EQ(ps.info("labour.job_loss_monthly").overridden_by,
            "s.json: /parameters/labour.job_loss_monthly");
  auto message = [&](const std::string& name, const std::vector<double>& v) {
    try {
      ps.override_values(name, v, "s.json: /parameters/" + name);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message("labour.job_loss_monthly", {1.5}).find("outside [0, 1]"), std::string::npos);
  EXPECT_NE(message("labour.job_loss_monthly", {0.1, 0.2}).find("single number"),
            std::string::npos);
  EXPECT_NE(message("labour.bijstand_outflow", {0.1}).find("list of 3"), std::string::npos);
  EXPECT_NE(message("no.such", {0.1}).find("unknown parameter"), std::string::npos);
  EXPECT_NE(message("no.such", {0.1}).find("s.json"), std::string::npos);
}

TEST(Parameters, LookupsCheckShape) {
  const ParameterSet ps = test::parameters();
  EXPECT_THROW(ps.scalar("labour.bijstand_outflow"), InputError);
  EXPECT_THROW(ps.table("labour.job_loss_monthly", 3), InputError);
  EXPECT_EQ(ps.table("labour.bijstand_outflow", 3).size(), 3u);
  EXPECT_THROW(ps.scalar("no.such"), InputError);
}

}  // namespace
}  // namespace leidensim
