#include "leidensim/outputs/result_folder.hpp"

#include <system_error>
#include <unistd.h>

namespace leidensim::outputs {

ResultFolder::ResultFolder(std::filesystem::path destination)
    : destination_(std::move(destination)) {
  const auto parent = destination_.has_parent_path() ? destination_.parent_path()
                                                     : std::filesystem::path(".");
  std::filesystem::create_directories(parent);
  staging_ = parent / ("." + destination_.filename().string() + ".partial-" +
                       std::to_string(::getpid()));
  std::filesystem::remove_all(staging_);
  std::filesystem::create_directories(staging_);
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
