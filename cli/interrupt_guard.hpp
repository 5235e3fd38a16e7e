#pragma once
// Clean exit on SIGINT, SIGTERM and SIGHUP: the signals are blocked in every thread and waited
// for by one thread, which removes the registered staging folders (a results folder that is
// not complete yet) and exits with 128 + the signal number. Without this, an interrupted run
// would leave its half-written staging folder behind.
#include <filesystem>

namespace leidensim::cli {

/// Blocks the signals; call first in main, before any other thread starts.
void install_interrupt_guard();
/// Removes `path` if the program is interrupted before forget_on_interrupt(path).
void remove_on_interrupt(const std::filesystem::path& path);
void forget_on_interrupt(const std::filesystem::path& path);

}  // namespace leidensim::cli
