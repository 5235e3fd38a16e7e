#pragma once
// How a parameter value, bound or range end is written where it must be read back or compared
// with the data pack: in messages about out-of-range values and in the parameter register's
// full values.
#include <string>

namespace leidensim {

/// `v` with 10 significant digits in the stream's general format (trailing zeros dropped,
/// scientific only for very large or small magnitudes): 0.1, 1234567, 1.5e-12, 12345678901
/// as 1.23456789e+10.
std::string number_text(double v);

}  // namespace leidensim
