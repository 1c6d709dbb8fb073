// SnsSink (see sns_sink.h).
#include "adapters/aws/sns_sink.h"

#include <vector>

namespace stratus {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kMaxSubject = 99;               // SNS: under 100 characters.
constexpr std::size_t kMaxMessageBytes = 200 * 1024;  // SNS allows 256 KiB; leave room.

std::string text_of(const Json& object, std::string_view key) {
  if (!object.is_object()) return "";
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  return it->dump(-1, ' ', false, Json::error_handler_t::replace);
}

// Printable ASCII only (anything else a '?', a run of blanks one space), at most 99 characters.
std::string subject_line(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if ((c & 0xC0) == 0x80) continue;  // The rest of a UTF-8 character already shown as '?'.
    char shown = c >= 0x20 && c < 0x7f ? static_cast<char>(c) : (c < 0x80 ? ' ' : '?');
    if (shown == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += shown;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.size() > kMaxSubject) out = out.substr(0, kMaxSubject - 3) + "...";
  return out.empty() ? "Stratus event" : out;
}

std::string clipped_message(std::string text) {
  if (text.size() <= kMaxMessageBytes) return text;
  std::size_t end = kMaxMessageBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text + "\n...";
}

std::string generic_subject(const Json& event) {
  const std::string profile = text_of(event, "profile");
  std::string type = text_of(event, "type");
  if (type.empty()) type = "event";
  std::string subject = "Stratus" + (profile.empty() ? "" : " " + profile) + ": " + type;
  if (const std::string severity = text_of(event, "severity"); !severity.empty()) {
    subject += " (" + severity + ")";
  }
  if (const std::string symbol =
          text_of(event.is_object() ? event.value("data", Json()) : Json(), "symbol");
      !symbol.empty()) {
    subject += " " + symbol;
  }
  return subject;
}

std::string generic_body(const Json& event) {
  std::string body;
  const auto line = [&body](std::string_view name, const std::string& value) {
    if (!value.empty()) body += std::string(name) + ": " + value + "\n";
  };
  line("what", text_of(event, "type"));
  line("severity", text_of(event, "severity"));
  line("at", text_of(event, "at"));
  line("run", text_of(event, "run_id"));
  line("profile", text_of(event, "profile"));
  const Json data = event.is_object() ? event.value("data", Json()) : Json();
  if (data.is_object() && !data.empty()) {
    body += "\n";
    for (const auto& [name, value] : data.items()) line(name, text_of(data, name));
  } else if (!data.is_null()) {
    body += "\n" + data.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
  }
  if (!event.is_object()) body += event.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
  return body.empty() ? "(an event without details)\n" : body;
}

}  // namespace

Alert sns_alert_for(const Json& event) {
  Alert alert;
  const Json data = event.is_object() ? event.value("data", Json()) : Json();
  if (text_of(event, "type") == "alert" && !text_of(data, "message").empty()) {
    alert.subject = subject_line(text_of(data, "subject"));
    alert.message = text_of(data, "message");
    if (alert.message.back() != '\n') alert.message += "\n";
  } else {
    alert.subject = subject_line(generic_subject(event));
    alert.message = generic_body(event);
  }
  if (const std::string id = text_of(event, "event_id"); !id.empty()) {
    alert.message += "\nevent " + id + "\n";
  }
  alert.message = clipped_message(std::move(alert.message));
  return alert;
}

DeliveryResult SnsSink::deliver(const Json& event) {
  auto published = publisher_.publish(sns_alert_for(event));
  if (published.ok()) return DeliveryResult::delivered();
  Error error = published.error();
  if (error.code != ErrorCode::kUnavailable && error.code != ErrorCode::kAmbiguous) {
    if (error.code != ErrorCode::kRejected) {
      error.message = std::string(error_code_name(error.code)) + ": " + error.message;
    }
    error.code = ErrorCode::kRejected;
  }
  return DeliveryResult::failed(std::move(error));
}

}  // namespace stratus
