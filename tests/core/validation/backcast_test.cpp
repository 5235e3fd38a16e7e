// The backcast from 2017: the simulated bijstand and population paths beside the observed series
// of 2017-2022, with their error measures within the data pack's bounds.
#include "leidensim/validation/backcast.hpp"

#include <gtest/gtest.h>

#include "leidensim/errors.hpp"
#include "leidensim/scenario.hpp"
#include "support/test_model.hpp"

namespace leidensim {
namespace {

ModelSpec backcast_spec(double scale) {
  const Scenario s = Scenario::load(test::source_dir() / "scenarios" / "backcast_2017.json");
  Scenario small = s;
  small.scale = scale;
  return make_model_spec(small, builtin_registry());
}

TEST(Backcast, ReportsEveryObservedYearWithinTheBounds) {
  const auto series = run_backcast(backcast_spec(0.5), 3);
  ASSERT_EQ(series.size(), 2u);
  for (const auto& s : series) {
    SCOPED_TRACE(s.name);
    ASSERT_EQ(s.points.size(), 6u);  // 2017-2022
    EXPECT_EQ(s.points.front().year, 2017);
    EXPECT_EQ(s.points.back().year, 2022);
    for (const auto& p : s.points) {
      EXPECT_GT(p.observed, 0);
      EXPECT_LE(p.band_low, p.simulated);
      EXPECT_GE(p.band_high, p.simulated);
      EXPECT_FALSE(p.source.empty());
    }
    EXPECT_GT(s.mape, 0);  // the error is reported, not assumed away
    EXPECT_LE(s.max_abs_relative_error, 2 * s.bound);
    EXPECT_TRUE(s.within_bound()) << "MAPE " << s.mape << " > bound " << s.bound;
  }
  // The observed values are the pack's, at the run's scale.
  EXPECT_DOUBLE_EQ(series[0].points.front().observed, 3500 * 0.5);    // bijstand end of 2017
  EXPECT_DOUBLE_EQ(series[1].points.front().observed, 124417 * 0.5);  // persons 1 Jan 2018
}

TEST(Backcast, ErrorMeasuresFollowFromThePoints) {
  const auto series = run_backcast(backcast_spec(0.1), 2);
  for (const auto& s : series) {
    double abs_sum = 0, sq = 0;
    for (const auto& p : s.points) {
      abs_sum += std::abs(p.relative_error());
      sq += p.error() * p.error();
    }
    EXPECT_NEAR(s.mape, abs_sum / s.points.size(), 1e-12);
    EXPECT_NEAR(s.rmse, std::sqrt(sq / s.points.size()), 1e-9);
  }
}

TEST(Backcast, RejectsAModelOfThePackYear) {
  EXPECT_THROW(run_backcast(test::model(0.02, 1), 2), InputError);
}

}  // namespace
}  // namespace leidensim
