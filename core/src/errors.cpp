#include "leidensim/errors.hpp"

namespace leidensim {

std::string input_error_message(const std::string& file, const std::string& field,
                                const std::string& message) {
  std::string out;
  if (!file.empty()) out += file + ": ";
  if (!field.empty()) out += field + ": ";
  return out + message;
}

}  // namespace leidensim
