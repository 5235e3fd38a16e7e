#include "leidensim/rng.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace leidensim {
namespace {

TEST(Rng, DrawsArePureFunctionsOfKeyAndCounter) {
  const RandomKey a(42, 0), b(42, 0);
  EXPECT_EQ(a.draw(7, 3, 11, 0), b.draw(7, 3, 11, 0));
  EXPECT_NE(a.draw(7, 3, 11, 0), a.draw(8, 3, 11, 0));  // person
  EXPECT_NE(a.draw(7, 3, 11, 0), a.draw(7, 4, 11, 0));  // month
  EXPECT_NE(a.draw(7, 3, 11, 0), a.draw(7, 3, 12, 0));  // stream
  EXPECT_NE(a.draw(7, 3, 11, 0), a.draw(7, 3, 11, 1));  // sub-stream
}

TEST(Rng, ReplicationsAndSeedsGiveDifferentDraws) {
  EXPECT_NE(RandomKey(42, 0).draw(1, 1, 1), RandomKey(42, 1).draw(1, 1, 1));
  EXPECT_NE(RandomKey(42, 0).draw(1, 1, 1), RandomKey(43, 0).draw(1, 1, 1));
}

TEST(Rng, StreamIdsOfModulesDiffer) {
  std::set<std::uint32_t> ids;
  for (const char* m : {"demography", "education", "labour", "income", "debt", "care", "synthesis",
                        "synthesis.attributes"})
    ids.insert(stream_id(m));
  EXPECT_EQ(ids.size(), 8u);
  static_assert(stream_id("labour") == stream_id("labour"));
}

TEST(Rng, ThresholdMatchesItsProbability) {
  EXPECT_FALSE(Threshold(0.0).fires(0));
  EXPECT_TRUE(Threshold(1.0).fires(0xFFFFFFFFu));
  EXPECT_FALSE(Threshold(-1.0).fires(0));
  const Threshold t(0.25);
  EXPECT_TRUE(t.fires(0x3FFFFFFFu));
  EXPECT_FALSE(t.fires(0x40000000u));
  EXPECT_DOUBLE_EQ(t.probability(), 0.25);
}

TEST(Rng, UniformDrawsHaveTheRightMean) {
  const RandomKey key(1, 0);
  const int n = 200000;
  double sum = 0;
  int fired = 0;
  const Threshold t(0.1);
  for (int i = 0; i < n; ++i) {
    const Draws d = key.draw(static_cast<std::uint32_t>(i), 0, 5);
    sum += unit_interval(d[0]);
    fired += t.fires(d[1]);
  }
  EXPECT_NEAR(sum / n, 0.5, 4 * std::sqrt(1.0 / 12 / n));
  EXPECT_NEAR(fired / double(n), 0.1, 4 * std::sqrt(0.09 / n));
}

TEST(Rng, StandardNormalHasUnitVariance) {
  const RandomKey key(3, 0);
  const int n = 100000;
  double s = 0, s2 = 0;
  for (int i = 0; i < n; ++i) {
    const Draws d = key.draw(static_cast<std::uint32_t>(i), 0, 9);
    const double z = standard_normal(d[0], d[1]);
    s += z;
    s2 += z * z;
  }
  EXPECT_NEAR(s / n, 0.0, 0.02);
  EXPECT_NEAR(s2 / n, 1.0, 0.02);
}

}  // namespace
}  // namespace leidensim

namespace leidensim {
namespace {

TEST(Rng, BatchedDrawsEqualSingleDrawsBitForBit) {
  const RandomKey key(0x1234567890ULL, 7);
  for (std::size_t n : {0u, 1u, 7u, 8u, 15u, 16u, 17u, 33u, 100u, 1000u}) {
    std::vector<std::uint32_t> subjects(n), u[4];
    for (auto& v : u) v.resize(n);
    for (std::size_t i = 0; i < n; ++i) subjects[i] = static_cast<std::uint32_t>(i * 2654435761u);
    draw_many(key, subjects.data(), n, 42, stream_id("labour"), 3, u[0].data(), u[1].data(),
              u[2].data(), u[3].data());
    for (std::size_t i = 0; i < n; ++i) {
      const Draws d = key.draw(subjects[i], 42, stream_id("labour"), 3);
      for (int w = 0; w < 4; ++w) ASSERT_EQ(u[w][i], d[w]) << "n=" << n << " i=" << i << " w=" << w;
    }
  }
}

}  // namespace
}  // namespace leidensim
