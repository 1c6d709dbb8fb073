#include "functions/run_alert.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

#include "functions/order_outcome.h"

namespace stratus {
namespace {

constexpr std::size_t kMaxSubject = 99;  // SNS: "less than 100 characters long".

// Appends `object[key]` as text (a string as itself, anything else as JSON); nothing when absent.
void append_text(std::string& out, const Json& object, const char* key) {
  if (!object.is_object()) return;
  const auto found = object.find(key);
  if (found == object.end()) return;
  if (found->is_string()) {
    out += found->get_ref<const std::string&>();
  } else if (found->is_number_unsigned()) {
    out += std::to_string(found->get<std::uint64_t>());
  } else if (found->is_number_integer()) {
    out += std::to_string(found->get<std::int64_t>());
  } else {
    out += found->dump();
  }
}

std::string text_of(const Json& object, const char* key) {
  std::string out;
  append_text(out, object, key);
  return out;
}

bool wanted(const std::vector<std::string>& on, std::string_view kind) {
  return std::find(on.begin(), on.end(), kind) != on.end();
}

// "  AAPL   buy 2 at ~105.76, submitted [dip-AAPL-20150824-1]": symbols padded to 5.
// Appended to `body`, with its line end.
void append_order_line(std::string& body, const Json& order) {
  body += "  ";
  const std::size_t symbol_at = body.size();
  append_text(body, order, "symbol");
  body.resize(std::max(body.size(), symbol_at + 5), ' ');
  body += "  buy ";
  append_text(body, order, "qty");
  const std::size_t price_at = body.size();
  body += " at ~";
  append_text(body, order, "price");
  if (body.size() == price_at + 5) body.resize(price_at);  // No price: no " at ~".
  body += ", ";
  append_text(body, order, "state");
  if (const auto fill = order.find("fill"); fill != order.end() && fill->is_object()) {
    body += " (";
    append_text(body, *fill, "qty");
    body += " filled at ";
    append_text(body, *fill, "avg_price");
    body += ")";
  }
  const std::size_t reason_at = body.size();
  body += ": ";
  append_text(body, order, "reason");
  if (body.size() == reason_at + 2) body.resize(reason_at);  // No reason: no ": ".
  if (const auto error = order.find("error"); error != order.end() && error->is_object()) {
    body += ": not sent: ";
    append_text(body, *error, "message");
  }
  body += " [";
  append_text(body, order, "client_order_id");
  body += "]\n";
}

std::vector<const Json*> select(const Json& doc, const char* section, bool (*keep)(const Json&)) {
  std::vector<const Json*> out;
  if (!doc.contains(section) || !doc[section].is_array()) return out;
  for (const Json& order : doc[section]) {
    if (order.is_object() && keep(order)) out.push_back(&order);
  }
  return out;
}

std::string symbols_of(const std::vector<const Json*>& orders) {
  std::string out;
  for (const Json* order : orders) {
    if (!out.empty()) out += ", ";
    append_text(out, *order, "symbol");
  }
  return out;
}

// Printable ASCII only, at most kMaxSubject characters (SNS's rule for e-mail subjects).
std::string clean_subject(const std::string& text) {
  std::string out;
  for (char c : text) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  if (out.size() > kMaxSubject) out = out.substr(0, kMaxSubject - 3) + "...";
  return out;
}

// What an alert reports of a run: the orders placed, those refused or not sent, and whether the
// run failed, each only when its kind is wanted.
struct AlertSelection {
  AlertSelection(const Json& doc, const std::vector<std::string>& on)
      : failed(wanted(on, "run_failed") && doc.contains("failed")) {
    if (wanted(on, "order_placed")) placed = select(doc, "orders", order_placed);
    if (wanted(on, "order_rejected")) {
      refused = select(doc, "orders", order_refused);
      for (const Json* order : select(doc, "reconciled", [](const Json& o) {
             return text_of(o, "state") == "rejected";
           })) {
        refused.push_back(order);
      }
    }
  }

  // The kinds to report, in kAlertKinds order.
  std::vector<std::string> kinds() const {
    std::vector<std::string> out;
    if (!placed.empty()) out.emplace_back("order_placed");
    if (!refused.empty()) out.emplace_back("order_rejected");
    if (failed) out.emplace_back("run_failed");
    return out;
  }

  std::vector<const Json*> placed;
  std::vector<const Json*> refused;
  bool failed;
};

}  // namespace

std::vector<std::string> run_alert_kinds(const Json& doc, const std::vector<std::string>& on) {
  return AlertSelection(doc, on).kinds();
}

std::optional<RunAlert> run_alert(const Json& doc, const std::vector<std::string>& on) {
  const Json& run = doc.at("run");
  const std::string profile = text_of(run, "profile");
  const AlertSelection selection(doc, on);
  const std::vector<const Json*>& placed = selection.placed;
  const std::vector<const Json*>& refused = selection.refused;
  const bool failed = selection.failed;

  RunAlert out;
  out.kinds = selection.kinds();
  if (out.kinds.empty()) return std::nullopt;
  std::string body;
  if (!placed.empty()) {
    body += "Orders placed:\n";
    for (const Json* order : placed) append_order_line(body, *order);
  }
  if (!refused.empty()) {
    body += (body.empty() ? "" : "\n") + std::string("Orders rejected or not sent:\n");
    for (const Json* order : refused) append_order_line(body, *order);
  }
  if (failed) {
    const Json& failure = doc["failed"];
    body += (body.empty() ? "" : "\n") + std::string("The run failed at ") +
            text_of(failure, "step") + ": " + text_of(failure, "code") + ": " +
            text_of(failure, "message") + "\n";
  }

  std::string subject = "Stratus " + profile + ": ";
  if (failed) {
    subject += "run failed at " + text_of(doc["failed"], "step");
  } else if (!refused.empty()) {
    subject += "order rejected: " + symbols_of(refused);
  } else {
    subject += "bought " + symbols_of(placed);
  }
  out.alert.subject = clean_subject(subject);
  body += "\nRun " + text_of(run, "id") + " at " + text_of(run, "at") + ".\n";
  out.alert.message = std::move(body);
  return out;
}

}  // namespace stratus
