#include "functions/run_alert.h"

#include <algorithm>

#include "functions/order_outcome.h"

namespace stratus {
namespace {

constexpr std::size_t kMaxSubject = 99;  // SNS: "less than 100 characters long".

std::string text_of(const Json& object, const char* key) {
  if (!object.is_object() || !object.contains(key)) return "";
  const Json& value = object[key];
  return value.is_string() ? value.get<std::string>() : value.dump();
}

bool wanted(const std::vector<std::string>& on, std::string_view kind) {
  return std::find(on.begin(), on.end(), kind) != on.end();
}

// "  AAPL   buy 2 at ~105.76, submitted [dip-AAPL-20150824-1]": symbols padded to 5.
std::string order_line(const Json& order) {
  std::string symbol = text_of(order, "symbol");
  symbol.resize(std::max<std::size_t>(symbol.size(), 5), ' ');
  std::string line = "  " + symbol + "  buy " + text_of(order, "qty");
  if (const std::string price = text_of(order, "price"); !price.empty()) line += " at ~" + price;
  line += ", " + text_of(order, "state");
  if (order.contains("fill") && order["fill"].is_object()) {
    line += " (" + text_of(order["fill"], "qty") + " filled at " +
            text_of(order["fill"], "avg_price") + ")";
  }
  if (const std::string reason = text_of(order, "reason"); !reason.empty()) {
    line += ": " + reason;
  }
  if (order.contains("error") && order["error"].is_object()) {
    line += ": not sent: " + text_of(order["error"], "message");
  }
  line += " [" + text_of(order, "client_order_id") + "]";
  return line;
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
  for (const Json* order : orders) out += (out.empty() ? "" : ", ") + text_of(*order, "symbol");
  return out;
}

// Printable ASCII only, at most kMaxSubject characters (SNS's rule for e-mail subjects).
std::string clean_subject(const std::string& text) {
  std::string out;
  for (char c : text) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  if (out.size() > kMaxSubject) out = out.substr(0, kMaxSubject - 3) + "...";
  return out;
}

}  // namespace

std::optional<RunAlert> run_alert(const Json& doc, const std::vector<std::string>& on) {
  const Json& run = doc.at("run");
  const std::string profile = text_of(run, "profile");

  const auto placed =
      wanted(on, "order_placed") ? select(doc, "orders", order_placed) : std::vector<const Json*>{};
  std::vector<const Json*> refused;
  if (wanted(on, "order_rejected")) {
    refused = select(doc, "orders", order_refused);
    for (const Json* order : select(
             doc, "reconciled", [](const Json& o) { return text_of(o, "state") == "rejected"; })) {
      refused.push_back(order);
    }
  }
  const bool failed = wanted(on, "run_failed") && doc.contains("failed");

  RunAlert out;
  std::string body;
  if (!placed.empty()) {
    out.kinds.push_back("order_placed");
    body += "Orders placed:\n";
    for (const Json* order : placed) body += order_line(*order) + "\n";
  }
  if (!refused.empty()) {
    out.kinds.push_back("order_rejected");
    body += (body.empty() ? "" : "\n") + std::string("Orders rejected or not sent:\n");
    for (const Json* order : refused) body += order_line(*order) + "\n";
  }
  if (failed) {
    out.kinds.push_back("run_failed");
    const Json& failure = doc["failed"];
    body += (body.empty() ? "" : "\n") + std::string("The run failed at ") +
            text_of(failure, "step") + ": " + text_of(failure, "code") + ": " +
            text_of(failure, "message") + "\n";
  }
  if (out.kinds.empty()) return std::nullopt;

  std::string subject = "Stratus " + profile + ": ";
  if (failed) {
    subject += "run failed at " + text_of(doc["failed"], "step");
  } else if (!refused.empty()) {
    subject += "order rejected: " + symbols_of(refused);
  } else {
    subject += "bought " + symbols_of(placed);
  }
  out.alert.subject = clean_subject(subject);
  out.alert.message = body + "\nRun " + text_of(run, "id") + " at " + text_of(run, "at") + ".\n";
  return out;
}

}  // namespace stratus
