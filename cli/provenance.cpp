#include "provenance.hpp"

#include <unistd.h>

#include <ctime>

namespace leidensim::cli {

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

std::string host_name() {
  char host[256] = "";
  ::gethostname(host, sizeof host - 1);
  return host;
}

nlohmann::json modules_json(const ModelSpec& spec) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& d : spec.modules)
    out.push_back({{"name", d.name},
                   {"kind", d.kind == ModuleKind::BuiltIn ? "built-in" : "plugin"},
                   {"version", d.version},
                   {"library", d.library},
                   {"params", d.params}});
  return out;
}

}  // namespace leidensim::cli
