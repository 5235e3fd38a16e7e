#pragma once
// The budget ledger as a tidy CSV table:
//   budget_yearly.csv  scenario,replication,year,programme,category,euros
// (programme codes 7, 8C, 9, 10, other; categories as in ledger.hpp; euros with cents).
#include <filesystem>
#include <string>
#include <vector>

#include "leidensim/calendar.hpp"
#include "leidensim/replication_runner.hpp"

namespace leidensim::outputs {

void write_yearly_ledger_csv(const std::filesystem::path& file, const std::string& scenario,
                             YearMonth start, const std::vector<ReplicationResult>& results);

}  // namespace leidensim::outputs
