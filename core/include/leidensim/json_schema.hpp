#pragma once
// Validation of JSON values against a JSON Schema, for measure parameters and scenarios.
// Supported keywords (the subset our schemas use): type, properties, required,
// additionalProperties (false or a schema), items, minItems, maxItems, enum, minimum, maximum,
// exclusiveMinimum, exclusiveMaximum, default, description. Missing properties with a default
// are filled in, so that a measure always sees every parameter.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace leidensim {

/// Validates `value` in place (filling defaults); returns one message per violation, each
/// starting with the JSON path (e.g. "/params/annual_budget: ...").
std::vector<std::string> validate_json(const nlohmann::json& schema, nlohmann::json& value,
                                       const std::string& path = "");

}  // namespace leidensim
