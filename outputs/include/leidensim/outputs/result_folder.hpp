#pragma once
// A results folder that appears whole or not at all: files are written into a staging folder
// next to the destination (".<name>.partial-<pid>"), which is renamed into place by commit().
// If the run fails, the destructor removes the staging folder; the command line also removes it
// on SIGINT/SIGTERM (see cli/interrupt_guard.hpp). Staging folders left by a killed process
// (SIGKILL, power loss) are removed by the next ResultFolder for the same destination.
#include <filesystem>

namespace leidensim::outputs {

class ResultFolder {
 public:
  explicit ResultFolder(std::filesystem::path destination);
  ~ResultFolder();
  ResultFolder(const ResultFolder&) = delete;
  ResultFolder& operator=(const ResultFolder&) = delete;

  /// The staging folder a ResultFolder for `destination` uses in this process; known before the
  /// folder exists, so that it can be registered for removal on interrupt first.
  static std::filesystem::path staging_path(const std::filesystem::path& destination);
  /// Where to write files before commit().
  const std::filesystem::path& staging() const { return staging_; }
  const std::filesystem::path& destination() const { return destination_; }
  /// Replaces the destination with the staging folder (an existing destination is removed).
  void commit();

 private:
  std::filesystem::path destination_;
  std::filesystem::path staging_;
  bool committed_ = false;
};

}  // namespace leidensim::outputs
