#include "leidensim/uncertainty/latin_hypercube.hpp"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

namespace leidensim::uncertainty {
namespace {

TEST(LatinHypercube, EveryDimensionHasOneSamplePerStratum) {
  for (int n : {1, 2, 7, 16, 100}) {
    const auto u = latin_hypercube(n, 5, 20240101);
    ASSERT_EQ(u.size(), static_cast<std::size_t>(n));
    for (int k = 0; k < 5; ++k) {
      std::set<int> strata;
      for (const auto& row : u) {
        ASSERT_EQ(row.size(), 5u);
        ASSERT_GE(row[k], 0.0);
        ASSERT_LT(row[k], 1.0);
        strata.insert(static_cast<int>(row[k] * n));
      }
      EXPECT_EQ(strata.size(), static_cast<std::size_t>(n)) << "n " << n << " dimension " << k;
    }
  }
}

TEST(LatinHypercube, IsAFunctionOfTheSeed) {
  EXPECT_EQ(latin_hypercube(16, 3, 42), latin_hypercube(16, 3, 42));
  EXPECT_NE(latin_hypercube(16, 3, 42), latin_hypercube(16, 3, 43));
  // The dimensions are shuffled independently: not all in the same order.
  const auto u = latin_hypercube(16, 2, 42);
  int same_order = 0;
  for (int i = 0; i < 16; ++i)
    for (int j = 0; j < 16; ++j) same_order += (u[i][0] < u[j][0]) == (u[i][1] < u[j][1]) ? 1 : 0;
  EXPECT_LT(same_order, 16 * 16);
}

TEST(LatinHypercube, SpreadsPositionsWithinStrata) {
  // Not every value at the same place of its stratum (a plain grid would be).
  const auto u = latin_hypercube(50, 1, 7);
  std::set<double> offsets;
  for (const auto& row : u) offsets.insert(row[0] * 50 - static_cast<int>(row[0] * 50));
  EXPECT_GT(offsets.size(), 40u);
}

TEST(LatinHypercube, RejectsNoSamples) {
  EXPECT_THROW(latin_hypercube(0, 2, 1), std::invalid_argument);
  EXPECT_TRUE(latin_hypercube(3, 0, 1).front().empty());
}

}  // namespace
}  // namespace leidensim::uncertainty
