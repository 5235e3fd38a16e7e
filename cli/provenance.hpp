#pragma once
// What a results folder records about how it was made: times, host and the modules of a model.
#include <nlohmann/json.hpp>
#include <string>

#include "leidensim/model_spec.hpp"

namespace leidensim::cli {

/// The current time as ISO 8601 UTC, e.g. 2026-11-23T15:14:24Z.
std::string utc_now();
std::string host_name();
/// Every module of the model in run order: name, kind, version, library and parameters.
nlohmann::json modules_json(const ModelSpec& spec);

}  // namespace leidensim::cli
