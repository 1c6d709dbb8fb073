// Reading a JSON document against its contract, one field at a time, for the report renderers.
// Every failure is an InvalidInput error whose context is the JSON pointer of the field at fault
// ("/strategies/0/metrics/xirr") and whose message says what was expected and what was found.
// Never throws, never crashes on a document of the wrong shape.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <nlohmann/json.hpp>

#include "domain/money.h"
#include "domain/result.h"
#include "domain/time.h"

namespace stratus::report {

// An amount of money as the document writes it: its exact value and its text ("41234.56").
struct Amount {
  Money value;
  std::string text;
};

// A value of the document and where it lies. A view: the document must outlive it.
class JsonField {
 public:
  // The document's root; its pointer is "".
  explicit JsonField(const nlohmann::json& root) : value_(&root) {}

  const nlohmann::json& json() const { return *value_; }
  const std::string& pointer() const { return pointer_; }
  bool is_null() const { return value_->is_null(); }

  // The member `key` of this object. Fails when this is not an object or has no such member.
  Result<JsonField> member(std::string_view key) const;
  // The member `key`, or nullopt when it is absent or null. Fails when this is not an object.
  Result<std::optional<JsonField>> optional_member(std::string_view key) const;
  // The number of elements of this array. Fails when this is not an array.
  Result<std::size_t> array_size() const;
  // As array_size(), and fails unless it is exactly `expected` (`what` says why, e.g. "one per
  // session").
  Result<std::size_t> array_size(std::size_t expected, std::string_view what) const;
  // Element `index` of this array.
  // REQUIRES: this is an array with more than `index` elements (see array_size()).
  JsonField element(std::size_t index) const;

  // This value as a T. Supported: std::string, std::int64_t (an integer), double (a number),
  // bool, Amount (a decimal string Money::parse accepts: at most 4 decimals), Date
  // ("YYYY-MM-DD"), and std::optional of each of these (null -> nullopt).
  template <typename T>
  Result<T> as() const;

  // member(key) then as<T>(); for an std::optional<T>, an absent member is nullopt.
  template <typename T>
  Result<T> at(std::string_view key) const;

  // An InvalidInput error about this field: "expected <expected>, got <the value>".
  Error error(std::string_view expected) const;

 private:
  JsonField(const nlohmann::json& value, std::string pointer)
      : value_(&value), pointer_(std::move(pointer)) {}

  const nlohmann::json* value_;
  std::string pointer_;
};

template <>
Result<std::string> JsonField::as<std::string>() const;
template <>
Result<std::int64_t> JsonField::as<std::int64_t>() const;
template <>
Result<double> JsonField::as<double>() const;
template <>
Result<bool> JsonField::as<bool>() const;
template <>
Result<Amount> JsonField::as<Amount>() const;
template <>
Result<Date> JsonField::as<Date>() const;
template <>
Result<std::optional<std::string>> JsonField::as<std::optional<std::string>>() const;
template <>
Result<std::optional<std::int64_t>> JsonField::as<std::optional<std::int64_t>>() const;
template <>
Result<std::optional<double>> JsonField::as<std::optional<double>>() const;
template <>
Result<std::optional<Amount>> JsonField::as<std::optional<Amount>>() const;
template <>
Result<std::optional<Date>> JsonField::as<std::optional<Date>>() const;

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};

template <typename T>
Result<T> JsonField::at(std::string_view key) const {
  if constexpr (IsOptional<T>::value) {
    STRATUS_ASSIGN_OR_RETURN(std::optional<JsonField> field, optional_member(key));
    if (!field) return T{};
    return field->as<T>();
  } else {
    STRATUS_ASSIGN_OR_RETURN(JsonField field, member(key));
    return field.as<T>();
  }
}

// `token` escaped for a JSON pointer ("~" -> "~0", "/" -> "~1").
std::string json_pointer_token(std::string_view token);

}  // namespace stratus::report
