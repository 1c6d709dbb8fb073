#include "functions/document.h"

#include <limits>
#include <optional>
#include <string>

namespace stratus {
namespace {

Error bad_field(std::string_view pointer, const Json& value, std::string_view expected) {
  std::string shown = value.dump();
  if (shown.size() > 80) shown = shown.substr(0, 77) + "...";
  return Error::invalid_input(
      "field " + std::string(pointer) + " = " + shown + ": expected " + std::string(expected),
      "event");
}

// The array index a pointer segment names (RFC 6901: decimal digits, no leading zero), or nullopt.
std::optional<std::size_t> array_index(std::string_view segment) {
  if (segment.empty() || segment.size() > 18 || (segment.size() > 1 && segment[0] == '0')) {
    return std::nullopt;
  }
  std::size_t index = 0;
  for (const char c : segment) {
    if (c < '0' || c > '9') return std::nullopt;
    index = index * 10 + static_cast<std::size_t>(c - '0');
  }
  return index;
}

// A pointer segment with its escapes undone ("~1" is '/', "~0" is '~'); nullopt when a '~' is
// followed by anything else.
std::optional<std::string> unescaped(std::string_view segment) {
  std::string out;
  out.reserve(segment.size());
  for (std::size_t i = 0; i < segment.size(); ++i) {
    if (segment[i] != '~') {
      out += segment[i];
    } else if (i + 1 < segment.size() && (segment[i + 1] == '0' || segment[i + 1] == '1')) {
      out += segment[++i] == '0' ? '~' : '/';
    } else {
      return std::nullopt;
    }
  }
  return out;
}

}  // namespace

const Json* find_at_pointer(const Json& doc, std::string_view pointer) {
  const Json* at = &doc;
  if (pointer.empty()) return at;
  if (pointer.front() != '/') return nullptr;
  pointer.remove_prefix(1);
  while (true) {
    const std::size_t slash = pointer.find('/');
    const std::string_view segment = pointer.substr(0, slash);
    if (at->is_object()) {
      Json::const_iterator found;
      if (segment.find('~') == std::string_view::npos) {
        found = at->find(segment);
      } else {
        const auto key = unescaped(segment);
        if (!key) return nullptr;
        found = at->find(*key);
      }
      if (found == at->end()) return nullptr;
      at = &*found;
    } else if (at->is_array()) {
      const auto index = array_index(segment);
      if (!index || *index >= at->size()) return nullptr;
      at = &(*at)[*index];
    } else {
      return nullptr;
    }
    if (slash == std::string_view::npos) return at;
    pointer.remove_prefix(slash + 1);
  }
}

Result<const Json*> require_field(const Json& doc, std::string_view pointer) {
  if (!doc.is_object()) {
    return Error::invalid_input(
        "the document must be a JSON object, got " + std::string(doc.type_name()), "event");
  }
  const Json* found = find_at_pointer(doc, pointer);
  if (found == nullptr) {
    return Error::invalid_input("missing field " + std::string(pointer), "event");
  }
  return found;
}

Result<std::string> require_string(const Json& doc, std::string_view pointer) {
  STRATUS_ASSIGN_OR_RETURN(const Json* v, require_field(doc, pointer));
  if (!v->is_string() || v->get_ref<const std::string&>().empty()) {
    return bad_field(pointer, *v, "a non-empty string");
  }
  return v->get<std::string>();
}

Result<Timestamp> require_timestamp(const Json& doc, std::string_view pointer) {
  STRATUS_ASSIGN_OR_RETURN(const Json* v, require_field(doc, pointer));
  if (!v->is_string()) return bad_field(pointer, *v, "a UTC time like \"2015-08-24T19:45:00Z\"");
  // Documents carry one canonical form (whole seconds, "Z"), so every consumer reads the same.
  auto t = parse_utc_timestamp(v->get_ref<const std::string&>());
  if (!t.ok() || format_utc_timestamp(*t) != v->get_ref<const std::string&>()) {
    return bad_field(pointer, *v, "a UTC time like \"2015-08-24T19:45:00Z\"");
  }
  return t;
}

Result<Date> require_date(const Json& doc, std::string_view pointer) {
  STRATUS_ASSIGN_OR_RETURN(const Json* v, require_field(doc, pointer));
  if (!v->is_string()) return bad_field(pointer, *v, "a date like \"2015-08-24\"");
  auto d = parse_date(v->get_ref<const std::string&>());
  if (!d.ok()) return bad_field(pointer, *v, "a date like \"2015-08-24\"");
  return d;
}

Result<Money> require_money(const Json& doc, std::string_view pointer) {
  STRATUS_ASSIGN_OR_RETURN(const Json* v, require_field(doc, pointer));
  if (!v->is_string()) {
    return bad_field(pointer, *v, "a decimal string like \"43.07\" (money is never a JSON number)");
  }
  auto m = Money::parse(v->get_ref<const std::string&>());
  if (!m.ok()) return bad_field(pointer, *v, "a decimal string with at most 4 decimal places");
  return m;
}

Result<std::int64_t> require_int(const Json& doc, std::string_view pointer, std::int64_t min,
                                 std::int64_t max) {
  STRATUS_ASSIGN_OR_RETURN(const Json* v, require_field(doc, pointer));
  if (v->is_number_integer()) {
    const auto n = v->get<std::int64_t>();
    if (n >= min && n <= max) return n;
  }
  return bad_field(pointer, *v,
                   "a whole number from " + std::to_string(min) + " to " + std::to_string(max));
}

Result<const Json*> require_array(const Json& doc, std::string_view pointer) {
  STRATUS_ASSIGN_OR_RETURN(const Json* v, require_field(doc, pointer));
  if (!v->is_array()) return bad_field(pointer, *v, "an array");
  return v;
}

Status check_envelope(const Json& doc) {
  STRATUS_ASSIGN_OR_RETURN(std::int64_t version, require_int(doc, "/version", 1, 1000));
  if (version != kDocumentVersion) {
    return Error::invalid_input("field /version = " + std::to_string(version) +
                                    ": this build reads document version " +
                                    std::to_string(kDocumentVersion),
                                "event");
  }
  STRATUS_RETURN_IF_ERROR(require_string(doc, "/run/id"));
  STRATUS_RETURN_IF_ERROR(require_string(doc, "/run/profile"));
  STRATUS_RETURN_IF_ERROR(require_timestamp(doc, "/run/at"));
  return {};
}

Result<Timestamp> run_at(const Json& doc) { return require_timestamp(doc, "/run/at"); }

bool is_skipped(const Json& doc) { return doc.is_object() && doc.contains("skipped"); }

void mark_skipped(Json& doc, std::string_view step, std::string reason) {
  doc["skipped"] = {{"step", step}, {"reason", std::move(reason)}};
}

}  // namespace stratus
