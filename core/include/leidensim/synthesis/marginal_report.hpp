#pragma once
// One line of the synthesis report: a marginal of the synthetic population beside its target.
#include <cmath>
#include <string>

namespace leidensim {

struct MarginalRow {
  std::string group;  // e.g. "persons by district"
  std::string name;   // e.g. "Binnenstad-Zuid"
  double target = 0;
  double value = 0;
  double tolerance = 0;  // allowed relative deviation
  std::string unit;      // "persons", "households" or "share"
  bool checked = true;   // false: shown for information (an assumed target the data contradict)
  double deviation() const { return target != 0 ? value / target - 1.0 : 0.0; }
  bool within_tolerance() const { return !checked || std::abs(deviation()) <= tolerance; }
};

}  // namespace leidensim
