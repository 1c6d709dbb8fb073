// The audit log as CSV (see audit_csv.h).
#include "adapters/file/audit_csv.h"

#include <array>

#include "adapters/file/audit_line.h"

namespace stratus {
namespace {

constexpr std::array<const char*, 8> kTopColumns = {
    "seq", "event_id", "recorded_at", "at", "run_id", "profile", "type", "severity"};
constexpr std::array<const char*, 5> kDataColumns = {"symbol", "qty", "price", "state",
                                                     "client_order_id"};

// A scalar as a cell: strings as is, null as "", anything else as compact JSON.
std::string cell(const nlohmann::json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  return compact_dump(value);
}

std::string member_cell(const nlohmann::json& object, const char* name) {
  if (!object.is_object()) return "";
  const auto it = object.find(name);
  return it == object.end() ? "" : cell(*it);
}

}  // namespace

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string audit_csv_header() {
  std::string out;
  for (const char* name : kTopColumns) out.append(name).push_back(',');
  for (const char* name : kDataColumns) out.append(name).push_back(',');
  out.append("details").append(kCsvRowEnd);
  return out;
}

std::string audit_csv_row(const nlohmann::json& line) {
  std::string out;
  for (const char* name : kTopColumns)
    out.append(csv_field(member_cell(line, name))).push_back(',');

  const nlohmann::json empty = nlohmann::json::object();
  const auto data_it = line.is_object() ? line.find("data") : line.end();
  const nlohmann::json& data = line.is_object() && data_it != line.end() ? *data_it : empty;
  nlohmann::json rest = data;
  for (const char* name : kDataColumns) {
    std::string value = member_cell(data, name);
    if (value.empty() && std::string_view(name) == "price" && data.is_object()) {
      const auto fill = data.find("fill");
      if (fill != data.end()) value = member_cell(*fill, "avg_price");
    } else if (rest.is_object()) {
      rest.erase(name);
    }
    out.append(csv_field(value)).push_back(',');
  }
  const bool nothing_left = rest.is_null() || (rest.is_object() && rest.empty());
  out.append(csv_field(nothing_left ? "" : compact_dump(rest))).append(kCsvRowEnd);
  return out;
}

std::string audit_csv_raw_row(std::string_view line) {
  std::string out(kTopColumns.size() + kDataColumns.size(), ',');
  out.append(csv_field(line)).append(kCsvRowEnd);
  return out;
}

}  // namespace stratus
