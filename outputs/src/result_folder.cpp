#include "leidensim/outputs/result_folder.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>

namespace leidensim::outputs {

ResultFolder::ResultFolder(std::filesystem::path destination)
    : destination_(std::move(destination)) {
  const auto parent =
      destination_.has_parent_path() ? destination_.parent_path() : std::filesystem::path(".");
  std::filesystem::create_directories(parent);
  const std::string prefix = "." + destination_.filename().string() + ".partial-";
  // Remove staging folders of processes that no longer exist.
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(parent, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string pid = name.substr(prefix.size());
    if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos) continue;
    if (::kill(static_cast<pid_t>(std::stol(pid)), 0) != 0 && errno == ESRCH)
      std::filesystem::remove_all(entry.path(), ec);
  }
  staging_ = staging_path(destination_);
  std::filesystem::remove_all(staging_);
  std::filesystem::create_directories(staging_);
}

std::filesystem::path ResultFolder::staging_path(const std::filesystem::path& destination) {
  const auto parent =
      destination.has_parent_path() ? destination.parent_path() : std::filesystem::path(".");
  return parent /
         ("." + destination.filename().string() + ".partial-" + std::to_string(::getpid()));
}

ResultFolder::~ResultFolder() {
  if (committed_) return;
  std::error_code ec;
  std::filesystem::remove_all(staging_, ec);
}

void ResultFolder::commit() {
  std::filesystem::remove_all(destination_);
  std::filesystem::rename(staging_, destination_);
  committed_ = true;
}

}  // namespace leidensim::outputs
