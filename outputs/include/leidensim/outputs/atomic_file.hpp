#pragma once
// Writing a file so that readers see either the old file or the complete new one, never a
// half-written one: the contents go to a hidden temporary file next to it, which is renamed
// into place when complete.
#include <filesystem>
#include <functional>
#include <ostream>

namespace leidensim::outputs {

/// Creates the parent folders of `file`, calls `body` with a binary stream on
/// ".<name>.partial-<pid>" beside it, and renames that to `file` once `body` returned and the
/// stream is in good order. Throws std::runtime_error("cannot write <partial>") if the
/// temporary file cannot be opened or written; whatever `body` or the rename throws is passed
/// on. On any failure the temporary file is removed and `file` is left as it was. The caller
/// checks that `file` names a file (has a non-empty file name).
void write_file_atomically(const std::filesystem::path& file,
                           const std::function<void(std::ostream&)>& body);

}  // namespace leidensim::outputs
