#pragma once
// One CSV field as RFC 4180 writes it, shared by every CSV writer so that all of them quote
// the same way.
#include <string>

namespace leidensim::outputs {

/// `text` unchanged if it holds no comma, double quote, carriage return or line feed;
/// otherwise enclosed in double quotes, with each double quote inside doubled.
std::string csv_field(const std::string& text);

}  // namespace leidensim::outputs
