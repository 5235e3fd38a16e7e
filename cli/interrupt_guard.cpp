#include "interrupt_guard.hpp"

#include <unistd.h>

#include <csignal>
#include <mutex>
#include <set>
#include <system_error>
#include <thread>

namespace leidensim::cli {

namespace {
std::mutex mutex;
std::set<std::filesystem::path>& paths() {
  static std::set<std::filesystem::path> p;
  return p;
}

sigset_t handled_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  return set;
}
}  // namespace

void install_interrupt_guard() {
  const sigset_t set = handled_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);  // inherited by every thread started later
  std::thread([set] {
    int sig = 0;
    sigwait(&set, &sig);
    {
      std::lock_guard<std::mutex> lock(mutex);
      std::error_code ec;
      for (const auto& p : paths()) std::filesystem::remove_all(p, ec);
    }
    ::_exit(128 + sig);
  }).detach();
}

void remove_on_interrupt(const std::filesystem::path& path) {
  std::lock_guard<std::mutex> lock(mutex);
  paths().insert(path);
}

void forget_on_interrupt(const std::filesystem::path& path) {
  std::lock_guard<std::mutex> lock(mutex);
  paths().erase(path);
}

}  // namespace leidensim::cli
