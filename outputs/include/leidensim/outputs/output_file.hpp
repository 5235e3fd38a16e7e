#pragma once
// Opening a result file for writing, with the one error message every writer gives.
#include <filesystem>
#include <fstream>

namespace leidensim::outputs {

/// `file` opened for writing (truncated), numbers written with `precision` significant digits
/// (6 is the stream default). Throws std::runtime_error("cannot write <file>") if it cannot be
/// opened.
std::ofstream open_output_file(const std::filesystem::path& file, int precision = 6);

}  // namespace leidensim::outputs
