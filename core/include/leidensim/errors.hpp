#pragma once
// Error types that the command line maps to exit codes: InputError -> 2 (bad input: a file, a
// field, a value), anything else -> 1 (internal error).
#include <stdexcept>
#include <string>

namespace leidensim {

/// Bad input from the user: a scenario, a data file, a parameter or a command-line value.
/// The message names the file and the field so the user can fix it without reading code.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Builds "file: field: message" (empty parts are left out).
std::string input_error_message(const std::string& file, const std::string& field,
                                const std::string& message);

}  // namespace leidensim
