#pragma once
// The parameter register (leidensim/parameter_register.hpp) as a tidy CSV, one row per
// parameter, columns
//   [scenario,]kind,measure,parameter,value,unit,low,high,quality,source,note,overridden_by
// `value` is the value in full (register_value_full: a table's numbers space-separated); `low`
// and `high` are the uncertainty range, blank where there is none; `quality` is blank only for
// a measure parameter the data pack does not document. The `scenario` column is there when
// registers are written by scenario (run and compare result folders, `leidensim parameters`
// with a scenario). Written to a temporary file next to `file` and renamed, so no half file is
// left; a failed write throws std::runtime_error.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "leidensim/parameter_register.hpp"

namespace leidensim::outputs {

void write_parameter_register_csv(const std::filesystem::path& file, const ParameterRegister& reg);
void write_parameter_register_csv(
    const std::filesystem::path& file,
    const std::vector<std::pair<std::string, ParameterRegister>>& scenarios);

}  // namespace leidensim::outputs
