#include "leidensim/calendar.hpp"

#include <gtest/gtest.h>

#include "leidensim/errors.hpp"

namespace leidensim {
namespace {

TEST(Calendar, ParsesAndFormatsMonths) {
  const YearMonth m = YearMonth::parse("2025-03", "start");
  EXPECT_EQ(m.year, 2025);
  EXPECT_EQ(m.month, 3);
  EXPECT_EQ(m.to_string(), "2025-03");
}

TEST(Calendar, CountsMonths) {
  const YearMonth ref{2024, 1};
  EXPECT_EQ(YearMonth({2025, 1}).months_since(ref), 12);
  EXPECT_EQ(ref.plus_months(13), (YearMonth{2025, 2}));
  EXPECT_EQ(YearMonth({2024, 12}).plus_months(1), (YearMonth{2025, 1}));
}

TEST(Calendar, RejectsMalformedMonthsNamingTheField) {
  for (const char* bad : {"2025", "2025-13", "2025-00", "25-01", "2025-01x", ""}) {
    try {
      YearMonth::parse(bad, "scenario.json: /start");
      FAIL() << bad;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("/start"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace leidensim
