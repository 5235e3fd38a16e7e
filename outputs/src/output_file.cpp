#include "leidensim/outputs/output_file.hpp"

#include <stdexcept>

namespace leidensim::outputs {

std::ofstream open_output_file(const std::filesystem::path& file, int precision) {
  std::ofstream out(file);
  if (!out) throw std::runtime_error("cannot write " + file.string());
  out.precision(precision);
  return out;
}

}  // namespace leidensim::outputs
