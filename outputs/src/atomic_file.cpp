#include "leidensim/outputs/atomic_file.hpp"

#include <unistd.h>

#include <fstream>
#include <stdexcept>
#include <string>
#include <system_error>

namespace leidensim::outputs {

namespace fs = std::filesystem;

void write_file_atomically(const fs::path& file, const std::function<void(std::ostream&)>& body) {
  if (file.has_parent_path()) fs::create_directories(file.parent_path());
  // The process id keeps two processes writing the same file from sharing a temporary file.
  const fs::path partial = file.parent_path() / ("." + file.filename().string() + ".partial-" +
                                                 std::to_string(::getpid()));
  try {
    {
      std::ofstream out(partial, std::ios::binary | std::ios::trunc);
      if (!out) throw std::runtime_error("cannot write " + partial.string());
      body(out);
      out.flush();
      if (!out) throw std::runtime_error("cannot write " + partial.string());
    }
    fs::rename(partial, file);
  } catch (...) {
    std::error_code ec;
    fs::remove(partial, ec);
    throw;
  }
}

}  // namespace leidensim::outputs
