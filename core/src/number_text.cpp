#include "leidensim/number_text.hpp"

#include <sstream>

namespace leidensim {

std::string number_text(double v) {
  std::ostringstream ss;
  ss.precision(10);
  ss << v;
  return ss.str();
}

}  // namespace leidensim
