#include "leidensim/json_schema.hpp"

#include <algorithm>

namespace leidensim {

namespace {

bool has_type(const nlohmann::json& v, const std::string& type) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "boolean") return v.is_boolean();
  if (type == "integer")
    return v.is_number_integer() ||
           (v.is_number_float() &&
            v.get<double>() == static_cast<double>(static_cast<long long>(v.get<double>())));
  if (type == "number") return v.is_number();
  if (type == "null") return v.is_null();
  return false;
}

void check(const nlohmann::json& schema, nlohmann::json& v, const std::string& path,
           std::vector<std::string>& errors) {
  const std::string where = path.empty() ? "/" : path;
  if (auto t = schema.find("type"); t != schema.end()) {
    bool ok = false;
    if (t->is_string())
      ok = has_type(v, *t);
    else
      for (const auto& alt : *t) ok = ok || has_type(v, alt);
    if (!ok) {
      errors.push_back(where + ": expected " + t->dump() + ", found " + v.type_name() +
                       (v.is_primitive() ? " " + v.dump() : ""));
      return;
    }
  }
  if (auto e = schema.find("enum");
      e != schema.end() && std::find(e->begin(), e->end(), v) == e->end())
    errors.push_back(where + ": " + v.dump() + " is not one of " + e->dump());
  if (v.is_number()) {
    const double x = v.get<double>();
    auto bound = [&](const char* key, auto violates, const char* words) {
      if (auto b = schema.find(key); b != schema.end() && violates(x, b->get<double>()))
        errors.push_back(where + ": " + v.dump() + " " + words + " " + b->dump());
    };
    bound(
        "minimum", [](double a, double b) { return a < b; }, "is below the minimum");
    bound(
        "maximum", [](double a, double b) { return a > b; }, "is above the maximum");
    bound(
        "exclusiveMinimum", [](double a, double b) { return a <= b; }, "must be above");
    bound(
        "exclusiveMaximum", [](double a, double b) { return a >= b; }, "must be below");
  }
  if (v.is_array()) {
    if (auto m = schema.find("minItems"); m != schema.end() && v.size() < m->get<std::size_t>())
      errors.push_back(where + ": needs at least " + m->dump() + " items");
    if (auto m = schema.find("maxItems"); m != schema.end() && v.size() > m->get<std::size_t>())
      errors.push_back(where + ": allows at most " + m->dump() + " items");
    if (auto items = schema.find("items"); items != schema.end())
      for (std::size_t i = 0; i < v.size(); ++i)
        check(*items, v[i], path + "/" + std::to_string(i), errors);
  }
  if (v.is_object()) {
    const auto props = schema.find("properties");
    if (props != schema.end())
      for (const auto& [key, sub] : props->items()) {
        if (!v.contains(key) && sub.contains("default")) v[key] = sub["default"];
        if (v.contains(key)) check(sub, v[key], path + "/" + key, errors);
      }
    if (auto req = schema.find("required"); req != schema.end())
      for (const auto& key : *req)
        if (!v.contains(key.get<std::string>()))
          errors.push_back(where + ": missing required key \"" + key.get<std::string>() + "\"");
    if (auto extra = schema.find("additionalProperties"); extra != schema.end())
      for (auto& [key, sub] : v.items()) {
        if (props != schema.end() && props->contains(key)) continue;
        if (extra->is_boolean() && !extra->get<bool>()) {
          std::string known;
          if (props != schema.end())
            for (const auto& [k, unused] : props->items()) known += (known.empty() ? "" : ", ") + k;
          errors.push_back(path + "/" + key + ": unknown key" +
                           (known.empty() ? "" : " (known: " + known + ")"));
        } else if (extra->is_object()) {
          check(*extra, sub, path + "/" + key, errors);
        }
      }
  }
}

}  // namespace

std::vector<std::string> validate_json(const nlohmann::json& schema, nlohmann::json& value,
                                       const std::string& path) {
  std::vector<std::string> errors;
  check(schema, value, path, errors);
  return errors;
}

}  // namespace leidensim
