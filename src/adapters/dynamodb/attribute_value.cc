// DynamoDB typed JSON (see attribute_value.h).
#include "adapters/dynamodb/attribute_value.h"

#include <charconv>

namespace stratus::dynamodb {
namespace {

Error bad(std::string_view what, std::string_view name, std::string_view expected,
          const nlohmann::json& found) {
  return Error::internal(std::string(what) + ": attribute \"" + std::string(name) +
                         "\" should be " + std::string(expected) + ", got " + found.dump());
}

// The typed value of `name`, or nullptr when absent or NULL.
const nlohmann::json* lookup(const Item& item, std::string_view name) {
  if (!item.is_object()) return nullptr;
  auto it = item.find(std::string(name));
  if (it == item.end() || !it->is_object() || it->contains("NULL")) return nullptr;
  return &*it;
}

Result<std::optional<const nlohmann::json*>> typed(const Item& item, std::string_view name,
                                                   std::string_view type,
                                                   nlohmann::json::value_t json_type,
                                                   std::string_view what) {
  const nlohmann::json* value = lookup(item, name);
  if (value == nullptr) return std::optional<const nlohmann::json*>();
  auto inner = value->find(std::string(type));
  if (inner == value->end() || inner->type() != json_type) {
    return bad(what, name, "of type " + std::string(type), *value);
  }
  return std::optional<const nlohmann::json*>(&*inner);
}

Result<std::int64_t> parse_integer(const std::string& text, std::string_view name,
                                   std::string_view what) {
  std::int64_t out = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return bad(what, name, "a whole number (N) within 64 bits", nlohmann::json(text));
  }
  return out;
}

Error missing(std::string_view what, std::string_view name) {
  return Error::internal(std::string(what) + ": attribute \"" + std::string(name) +
                         "\" is missing");
}

}  // namespace

AttributeValue s(std::string_view text) { return {{"S", std::string(text)}}; }
AttributeValue n(std::int64_t number) { return {{"N", std::to_string(number)}}; }
AttributeValue m(Item map) { return {{"M", std::move(map)}}; }
AttributeValue l(nlohmann::json list) { return {{"L", std::move(list)}}; }
AttributeValue null_value() { return {{"NULL", true}}; }

Result<std::optional<std::string>> find_s(const Item& item, std::string_view name,
                                          std::string_view what) {
  STRATUS_ASSIGN_OR_RETURN(auto value,
                           typed(item, name, "S", nlohmann::json::value_t::string, what));
  if (!value) return std::optional<std::string>();
  return std::optional<std::string>((*value)->get<std::string>());
}

Result<std::optional<std::int64_t>> find_n(const Item& item, std::string_view name,
                                           std::string_view what) {
  STRATUS_ASSIGN_OR_RETURN(auto value,
                           typed(item, name, "N", nlohmann::json::value_t::string, what));
  if (!value) return std::optional<std::int64_t>();
  STRATUS_ASSIGN_OR_RETURN(auto number, parse_integer((*value)->get<std::string>(), name, what));
  return std::optional<std::int64_t>(number);
}

Result<std::string> get_s(const Item& item, std::string_view name, std::string_view what) {
  STRATUS_ASSIGN_OR_RETURN(auto value, find_s(item, name, what));
  if (!value) return missing(what, name);
  return *value;
}

Result<std::int64_t> get_n(const Item& item, std::string_view name, std::string_view what) {
  STRATUS_ASSIGN_OR_RETURN(auto value, find_n(item, name, what));
  if (!value) return missing(what, name);
  return *value;
}

Result<Item> get_m(const Item& item, std::string_view name, std::string_view what) {
  STRATUS_ASSIGN_OR_RETURN(auto value,
                           typed(item, name, "M", nlohmann::json::value_t::object, what));
  if (!value) return missing(what, name);
  return **value;
}

Result<nlohmann::json> get_l(const Item& item, std::string_view name, std::string_view what) {
  STRATUS_ASSIGN_OR_RETURN(auto value,
                           typed(item, name, "L", nlohmann::json::value_t::array, what));
  if (!value) return missing(what, name);
  return **value;
}

}  // namespace stratus::dynamodb
