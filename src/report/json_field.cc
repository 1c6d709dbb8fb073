// Reading a JSON document field by field (see json_field.h).
#include "report/json_field.h"

#include <cmath>
#include <limits>

namespace stratus::report {
namespace {

constexpr std::size_t kShownValueChars = 60;

// The offending value, short enough for a message.
std::string shown(const nlohmann::json& value) {
  std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > kShownValueChars) text = text.substr(0, kShownValueChars - 3) + "...";
  return text;
}

template <typename T>
Result<std::optional<T>> optional_of(const JsonField& field) {
  if (field.is_null()) return std::optional<T>();
  STRATUS_ASSIGN_OR_RETURN(T value, field.as<T>());
  return std::optional<T>(std::move(value));
}

}  // namespace

std::string json_pointer_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

Error JsonField::error(std::string_view expected) const {
  return Error::invalid_input("expected " + std::string(expected) + ", got " + shown(*value_),
                              pointer_.empty() ? "/" : pointer_);
}

Result<JsonField> JsonField::member(std::string_view key) const {
  if (!value_->is_object()) return error("an object");
  const auto it = value_->find(key);
  const std::string pointer = pointer_ + "/" + json_pointer_token(key);
  if (it == value_->end()) return Error::invalid_input("missing", pointer);
  return JsonField(*it, pointer);
}

Result<std::optional<JsonField>> JsonField::optional_member(std::string_view key) const {
  if (!value_->is_object()) return error("an object");
  const auto it = value_->find(key);
  if (it == value_->end() || it->is_null()) return std::optional<JsonField>();
  return std::optional<JsonField>(JsonField(*it, pointer_ + "/" + json_pointer_token(key)));
}

Result<std::size_t> JsonField::array_size() const {
  if (!value_->is_array()) return error("an array");
  return value_->size();
}

Result<std::size_t> JsonField::array_size(std::size_t expected, std::string_view what) const {
  STRATUS_ASSIGN_OR_RETURN(std::size_t size, array_size());
  if (size != expected) {
    return Error::invalid_input("expected " + std::to_string(expected) + " elements (" +
                                    std::string(what) + "), got " + std::to_string(size),
                                pointer_);
  }
  return size;
}

JsonField JsonField::element(std::size_t index) const {
  return JsonField((*value_)[index], pointer_ + "/" + std::to_string(index));
}

template <>
Result<std::string> JsonField::as<std::string>() const {
  if (!value_->is_string()) return error("a string");
  return value_->get<std::string>();
}

template <>
Result<std::int64_t> JsonField::as<std::int64_t>() const {
  if (value_->is_number_integer()) {
    if (value_->is_number_unsigned() &&
        value_->get<std::uint64_t>() >
            static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return error("an integer that fits 64 bits");
    }
    return value_->get<std::int64_t>();
  }
  if (value_->is_number_float()) {
    const double d = value_->get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15) {
      return static_cast<std::int64_t>(d);
    }
  }
  return error("an integer");
}

template <>
Result<double> JsonField::as<double>() const {
  if (!value_->is_number()) return error("a number");
  const double d = value_->get<double>();
  if (!std::isfinite(d)) return error("a finite number");
  return d;
}

template <>
Result<bool> JsonField::as<bool>() const {
  if (!value_->is_boolean()) return error("true or false");
  return value_->get<bool>();
}

template <>
Result<Amount> JsonField::as<Amount>() const {
  constexpr std::string_view kExpected =
      "an amount of money as a decimal string such as \"10000.00\" (at most 4 decimals)";
  if (!value_->is_string()) return error(kExpected);
  const std::string& text = value_->get_ref<const std::string&>();
  const Result<Money> money = Money::parse(text);
  if (!money.ok()) return error(kExpected);
  return Amount{*money, text};
}

template <>
Result<Date> JsonField::as<Date>() const {
  constexpr std::string_view kExpected = "a date \"YYYY-MM-DD\"";
  if (!value_->is_string()) return error(kExpected);
  const Result<Date> date = parse_date(value_->get_ref<const std::string&>());
  if (!date.ok()) return error(kExpected);
  return *date;
}

template <>
Result<std::optional<std::string>> JsonField::as<std::optional<std::string>>() const {
  return optional_of<std::string>(*this);
}
template <>
Result<std::optional<std::int64_t>> JsonField::as<std::optional<std::int64_t>>() const {
  return optional_of<std::int64_t>(*this);
}
template <>
Result<std::optional<double>> JsonField::as<std::optional<double>>() const {
  return optional_of<double>(*this);
}
template <>
Result<std::optional<Amount>> JsonField::as<std::optional<Amount>>() const {
  return optional_of<Amount>(*this);
}
template <>
Result<std::optional<Date>> JsonField::as<std::optional<Date>>() const {
  return optional_of<Date>(*this);
}

}  // namespace stratus::report
