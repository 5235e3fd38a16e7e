#pragma once
// The compact console table that `run` prints: city totals per year, averaged over replications.
#include <cstdio>
#include <vector>

#include "leidensim/calendar.hpp"
#include "leidensim/replication_runner.hpp"

namespace leidensim::cli {

void print_yearly_summary(std::FILE* out, YearMonth start,
                          const std::vector<ReplicationResult>& results);

/// The municipal budget per programme and year (city, mean of replications, million euros).
void print_budget_summary(std::FILE* out, YearMonth start,
                          const std::vector<ReplicationResult>& results);

}  // namespace leidensim::cli
