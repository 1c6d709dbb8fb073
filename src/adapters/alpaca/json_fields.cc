#include "adapters/alpaca/json_fields.h"

#include "domain/decimal.h"

namespace stratus {
namespace {

Error bad_field(std::string_view field, const Json& value, std::string_view expected) {
  return Error::invalid_input("field \"" + std::string(field) + "\" = " + shown(value) +
                              ": expected " + std::string(expected));
}

Error missing_field(std::string_view field, std::string_view expected) {
  return Error::invalid_input("field \"" + std::string(field) + "\" is missing: expected " +
                              std::string(expected));
}

// The field's value, or nullptr when absent or null.
const Json* find(const Json& object, std::string_view field) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(field);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

template <typename T, typename Read>
Result<T> required(const Json& object, std::string_view field, std::string_view expected,
                   Read read) {
  const Json* value = find(object, field);
  if (value == nullptr) return missing_field(field, expected);
  return read(*value);
}

template <typename T, typename Read>
Result<std::optional<T>> optional(const Json& object, std::string_view field, Read read) {
  const Json* value = find(object, field);
  if (value == nullptr) return std::optional<T>{};
  auto r = read(*value);
  if (!r.ok()) return r.error();
  return std::optional<T>{std::move(r).value()};
}

constexpr std::string_view kString = "a string";
constexpr std::string_view kBool = "true or false";
constexpr std::string_view kDecimal = "a decimal number as a string, like \"150.25\"";
constexpr std::string_view kShares = "a whole number of shares as a string, like \"2\"";
constexpr std::string_view kTime = "a UTC time as a string, like \"2015-08-24T19:45:00Z\"";
constexpr std::string_view kInteger = "an integer";

auto read_string(std::string_view field) {
  return [field](const Json& v) -> Result<std::string> {
    if (!v.is_string()) return bad_field(field, v, kString);
    return v.get<std::string>();
  };
}

auto read_bool(std::string_view field) {
  return [field](const Json& v) -> Result<bool> {
    if (!v.is_boolean()) return bad_field(field, v, kBool);
    return v.get<bool>();
  };
}

auto read_money(std::string_view field) {
  return [field](const Json& v) -> Result<Money> {
    if (!v.is_string()) return bad_field(field, v, kDecimal);
    auto money = Money::parse_rounded(v.get<std::string>());
    if (!money.ok()) return bad_field(field, v, kDecimal);
    return *money;
  };
}

auto read_time(std::string_view field) {
  return [field](const Json& v) -> Result<Timestamp> {
    if (!v.is_string()) return bad_field(field, v, kTime);
    auto t = parse_utc_timestamp(v.get<std::string>());
    if (!t.ok()) return bad_field(field, v, kTime);
    return *t;
  };
}

}  // namespace

std::string shown(const Json& value) {
  std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (text.size() > 80) text = text.substr(0, 77) + "...";
  return text;
}

Result<Json> parse_json_answer(std::string_view body, std::string_view kind) {
  Json value = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  const bool ok = !value.is_discarded() && ((kind == "object" && value.is_object()) ||
                                            (kind == "array" && value.is_array()));
  if (ok) return value;
  std::string start(body.substr(0, 80));
  for (char& c : start) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  }
  return Error::invalid_input("the answer is not a JSON " + std::string(kind) + " (it starts \"" +
                              start + "\")");
}

Result<std::string> string_field(const Json& object, std::string_view field) {
  return required<std::string>(object, field, kString, read_string(field));
}

Result<bool> bool_field(const Json& object, std::string_view field) {
  return required<bool>(object, field, kBool, read_bool(field));
}

Result<Money> money_field(const Json& object, std::string_view field) {
  return required<Money>(object, field, kDecimal, read_money(field));
}

Result<Quantity> whole_shares_field(const Json& object, std::string_view field) {
  return required<Quantity>(object, field, kShares, [field](const Json& v) -> Result<Quantity> {
    if (!v.is_string()) return bad_field(field, v, kShares);
    auto nanos = parse_scaled_decimal(v.get<std::string>(), 9);
    if (!nanos.ok() || *nanos % 1'000'000'000 != 0) return bad_field(field, v, kShares);
    return Quantity(*nanos / 1'000'000'000);
  });
}

Result<Timestamp> time_field(const Json& object, std::string_view field) {
  return required<Timestamp>(object, field, kTime, read_time(field));
}

Result<std::optional<std::string>> optional_string_field(const Json& object,
                                                         std::string_view field) {
  return optional<std::string>(object, field, read_string(field));
}

Result<std::optional<bool>> optional_bool_field(const Json& object, std::string_view field) {
  return optional<bool>(object, field, read_bool(field));
}

Result<std::optional<Money>> optional_money_field(const Json& object, std::string_view field) {
  return optional<Money>(object, field, read_money(field));
}

Result<std::optional<Timestamp>> optional_time_field(const Json& object, std::string_view field) {
  return optional<Timestamp>(object, field, read_time(field));
}

Result<std::optional<long long>> optional_integer_field(const Json& object,
                                                        std::string_view field) {
  return optional<long long>(object, field, [field](const Json& v) -> Result<long long> {
    if (!v.is_number_integer()) return bad_field(field, v, kInteger);
    return v.get<long long>();
  });
}

}  // namespace stratus
