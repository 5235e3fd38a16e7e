#include "leidensim/calendar.hpp"

#include <cstdio>

#include "leidensim/errors.hpp"

namespace leidensim {

YearMonth YearMonth::parse(const std::string& text, const std::string& field) {
  int y = 0, m = 0;
  char extra = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d%c", &y, &m, &extra) != 2 || m < 1 || m > 12 || y < 1900 ||
      y > 2200)
    throw InputError(
        input_error_message("", field, "expected a month as YYYY-MM, got \"" + text + "\""));
  return {y, m};
}

std::string YearMonth::to_string() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

YearMonth YearMonth::plus_months(int n) const {
  const int total = year * 12 + (month - 1) + n;
  return {total / 12, total % 12 + 1};
}

}  // namespace leidensim
