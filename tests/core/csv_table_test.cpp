#include "leidensim/csv_table.hpp"

#include <gtest/gtest.h>

#include "leidensim/errors.hpp"

namespace leidensim {
namespace {

TEST(CsvTable, ReadsQuotedFields) {
  const auto t = CsvTable::parse("a,b,c\n1,\"x, \"\"y\"\"\",3\r\n4,\"multi\nline\",6\n", "t.csv");
  ASSERT_EQ(t.rows(), 2u);
  EXPECT_EQ(t.cell(0, "b"), "x, \"y\"");
  EXPECT_EQ(t.cell(1, "b"), "multi\nline");
  EXPECT_DOUBLE_EQ(t.number(1, "c"), 6.0);
}

TEST(CsvTable, FindsRows) {
  const auto t = CsvTable::parse("k,v\nx,1\ny,2\n", "t.csv");
  EXPECT_EQ(t.require({{"k", "y"}}), 1u);
  EXPECT_FALSE(t.find({{"k", "z"}}).has_value());
}

TEST(CsvTable, ErrorsNameFileAndField) {
  const auto t = CsvTable::parse("k,v\nx,abc\n", "pack/t.csv");
  try {
    t.number(0, "v");
    FAIL();
  } catch (const InputError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("pack/t.csv"), std::string::npos) << m;
    EXPECT_NE(m.find("column v"), std::string::npos) << m;
    EXPECT_NE(m.find("line 2"), std::string::npos) << m;
  }
  EXPECT_THROW(t.column("missing"), InputError);
  EXPECT_THROW(t.require({{"k", "nope"}}), InputError);
  EXPECT_THROW(CsvTable::parse("a,b\n1,2,3\n", "t.csv"), InputError);
  EXPECT_THROW(CsvTable::parse("a,b\n\"open,2\n", "t.csv"), InputError);
  EXPECT_THROW(CsvTable::read("/no/such/file.csv"), InputError);
}

}  // namespace
}  // namespace leidensim
