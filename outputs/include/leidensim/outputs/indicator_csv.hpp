#pragma once
// Indicators as tidy CSV tables (one observation per row), readable by any spreadsheet or
// data-frame library:
//   indicators_monthly.csv  scenario,replication,year,month,district,indicator,value
//   indicators_yearly.csv   scenario,replication,year,district,indicator,value
//                           (district "Leiden" is the city total; stocks are December values,
//                           flows are sums over the year)
#include <filesystem>
#include <string>
#include <vector>

#include "leidensim/calendar.hpp"
#include "leidensim/replication_runner.hpp"

namespace leidensim::outputs {

void write_monthly_indicators_csv(const std::filesystem::path& file, const std::string& scenario,
                                  YearMonth start, const std::vector<std::string>& districts,
                                  const std::vector<ReplicationResult>& results);

void write_yearly_indicators_csv(const std::filesystem::path& file, const std::string& scenario,
                                 YearMonth start, const std::vector<std::string>& districts,
                                 const std::vector<ReplicationResult>& results);

}  // namespace leidensim::outputs
