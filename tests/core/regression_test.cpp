// The baseline's yearly city totals at a fixed seed, compared exactly with the reference in
// tests/data/. A deliberate model change regenerates the reference in the same commit (run this
// test with LEIDENSIM_UPDATE_REFERENCE=1) and says why in the commit message.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "leidensim/replication_runner.hpp"
#include "leidensim/scenario.hpp"
#include "support/test_model.hpp"

namespace leidensim {
namespace {

std::string yearly_totals_csv(const std::vector<ReplicationResult>& results, YearMonth start) {
  std::ostringstream out;
  out << "replication,year,indicator,value\n";
  for (const auto& r : results) {
    const int years = r.indicators.months() / 12;
    for (int y = 0; y < years; ++y)
      for (int i = 0; i < kIndicators; ++i)
        out << r.replication << ',' << start.plus_months(12 * y).year << ','
            << indicator_table()[i].name << ','
            << r.indicators.yearly_city(y, static_cast<Indicator>(i)) << '\n';
  }
  return out.str();
}

TEST(Regression, BaselineYearlyTotalsMatchTheReference) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 2);
  Scenario s = Scenario::load(test::source_dir() / "scenarios" / "baseline.json");
  s.replications = 2;
  const ModelSpec spec = make_model_spec(s, builtin_registry());
  const std::string actual = yearly_totals_csv(run_replications(spec, s.replications), spec.start);
  const char* update = std::getenv("LEIDENSIM_UPDATE_REFERENCE");
  if (update && std::string(update) == "1") {
    std::ofstream(LEIDENSIM_REFERENCE_FILE) << actual;
    GTEST_SKIP() << "reference rewritten: " << LEIDENSIM_REFERENCE_FILE;
  }
  std::ifstream in(LEIDENSIM_REFERENCE_FILE);
  ASSERT_TRUE(in) << "missing " << LEIDENSIM_REFERENCE_FILE
                  << " (create it with LEIDENSIM_UPDATE_REFERENCE=1)";
  std::stringstream expected;
  expected << in.rdbuf();
  if (expected.str() == actual) return;
  // Name the first difference so that a reviewer sees what moved.
  std::istringstream e(expected.str()), a(actual);
  std::string le, la;
  int line = 1;
  while (std::getline(e, le) && std::getline(a, la) && le == la) ++line;
  FAIL() << "baseline differs from the reference at line " << line << ": expected '" << le
         << "', got '" << la << "'. If the model change is deliberate, rerun with "
         << "LEIDENSIM_UPDATE_REFERENCE=1 and commit the new reference with the reason.";
}

}  // namespace
}  // namespace leidensim
