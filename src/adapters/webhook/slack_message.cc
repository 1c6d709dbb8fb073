// The Slack message of an audit event (see slack_message.h).
#include "adapters/webhook/slack_message.h"

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

namespace stratus {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kHeadlineChars = 150;             // One line on a phone: keep it short.
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026.

// What one event says, before it is laid out as blocks.
struct Told {
  Told() = default;
  Told(std::string emoji_code, std::string line, std::string more = "")
      : emoji(std::move(emoji_code)), headline(std::move(line)), detail(std::move(more)) {}

  std::string emoji;     // ":x:".
  std::string headline;  // Plain text, one line.
  std::string detail;    // Plain text, may be empty or several lines.
  std::vector<std::pair<std::string, std::string>> fields;  // Name, plain value.
  std::string preformatted;                                 // Plain text, may be empty.
};

const Json& member(const Json& object, std::string_view key) {
  static const Json kNull;
  if (!object.is_object()) return kNull;
  const auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

// A member as text: strings as they are, numbers and booleans written out, else "".
std::string text_of(const Json& object, std::string_view key) {
  const Json& value = member(object, key);
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number() || value.is_boolean()) return value.dump();
  return "";
}

bool has(const Json& object, std::string_view key) { return !member(object, key).is_null(); }

std::size_t char_count(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// `text` cut to at most `max_chars` Unicode characters, ending with an ellipsis when cut; never
// inside a UTF-8 sequence or an escape ("&amp;") that slack_escape wrote.
std::string clip(std::string text, std::size_t max_chars) {
  if (char_count(text) <= max_chars) return text;
  std::size_t chars = 0;
  std::size_t end = 0;
  while (end < text.size()) {
    if ((static_cast<unsigned char>(text[end]) & 0xC0) != 0x80) {
      if (chars == max_chars - 1) break;
      ++chars;
    }
    ++end;
  }
  text.resize(end);
  if (const auto amp = text.rfind('&'); amp != std::string::npos) {
    if (text.find(';', amp) == std::string::npos && text.size() - amp < 5) text.resize(amp);
  }
  return text + std::string(kEllipsis);
}

// One line: line breaks and other control characters as spaces.
std::string one_line(std::string text) {
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  }
  return text;
}

std::string joined(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& part : parts) {
    if (part.empty()) continue;
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

// "2015-08-24T19:45:00Z" -> "2015-08-24 19:45:00 UTC"; anything else as it is.
std::string readable_time(const std::string& at) {
  if (at.size() == 20 && at[10] == 'T' && at[19] == 'Z') {
    return at.substr(0, 10) + " " + at.substr(11, 8) + " UTC";
  }
  return at;
}

// "3/4 shares (2015-08)" from a cap object (used_after, or used; limit; month).
std::string cap_text(const Json& cap) {
  std::string used = text_of(cap, "used_after");
  if (used.empty()) used = text_of(cap, "used");
  const std::string limit = text_of(cap, "limit");
  if (used.empty() && limit.empty()) return "";
  std::string out = (used.empty() ? "?" : used) + "/" + (limit.empty() ? "?" : limit) + " shares";
  if (const std::string month = text_of(cap, "month"); !month.empty()) out += " (" + month + ")";
  return out;
}

void add_field(Told& told, std::string name, std::string value) {
  if (!value.empty()) told.fields.emplace_back(std::move(name), std::move(value));
}

std::string qty_symbol(const std::string& qty, const std::string& symbol) {
  return joined({qty, symbol.empty() ? "shares" : symbol}, " ");
}

Told tell_order(const Json& data, bool update) {
  Told told;
  const std::string symbol = text_of(data, "symbol");
  const std::string qty = text_of(data, "qty");
  const std::string state = text_of(data, "state");
  const Json& fill = member(data, "fill");
  std::string price = text_of(fill, "avg_price");
  if (price.empty()) price = text_of(data, "price");
  const std::string at_price = price.empty() ? "" : " at ~" + price;
  const std::string what = qty_symbol(qty, symbol);
  const Json& error = member(data, "error");
  if (!error.is_null()) {
    told = {":x:", "Order not sent: " + what,
            joined({text_of(error, "code"), text_of(error, "message")}, ": ")};
  } else if (state == "rejected") {
    told = {":x:", "Order rejected: " + what, text_of(data, "reason")};
  } else if (state == "canceled") {
    told = {":heavy_multiplication_x:", "Order canceled: " + what, text_of(data, "reason")};
  } else if (state == "filled") {
    std::string filled = text_of(fill, "qty");
    told = {":white_check_mark:",
            "Bought " + qty_symbol(filled.empty() ? qty : filled, symbol) + at_price, ""};
  } else if (state == "partially_filled") {
    told = {":white_check_mark:",
            "Bought " + joined({text_of(fill, "qty"), "of"}, " ") + " " + what + at_price +
                " (partly filled)",
            ""};
  } else if (state == "submitted") {
    told = {":outbox_tray:", "Order placed: buy " + what + at_price, ""};
  } else if (state == "reserved") {
    told = {":hourglass_flowing_sand:", "Order reserved: " + what + at_price + " (not sent yet)",
            ""};
  } else {
    told = {":grey_question:", joined({"Order", what, state}, " "), ""};
  }
  if (update) {
    const std::string was = text_of(data, "previous_state");
    told.detail = joined(
        {"An earlier order" + (was.empty() ? "" : " (was " + was + ")") + " changed.", told.detail},
        " ");
  }
  add_field(told, "Symbol", symbol);
  add_field(told, "Qty", qty);
  add_field(told, "Price", text_of(data, "price"));
  add_field(told, "State", state);
  if (!fill.is_null()) {
    add_field(told, "Filled", joined({text_of(fill, "qty"), text_of(fill, "avg_price")}, " @ "));
  }
  add_field(told, "Month cap used", cap_text(member(data, "cap")));
  add_field(told, "Session", text_of(data, "session"));
  add_field(told, "Order id", text_of(data, "client_order_id"));
  return told;
}

Told tell_declined(const Json& data) {
  const std::string what = qty_symbol(text_of(data, "requested_qty"), text_of(data, "symbol"));
  const bool cap = has(data, "cap");
  Told told{":no_entry:", (cap ? "Cap reached: " : "Declined: ") + what + " not bought",
            text_of(data, "reason")};
  add_field(told, "Symbol", text_of(data, "symbol"));
  add_field(told, "Qty asked", text_of(data, "requested_qty"));
  add_field(told, "Month cap used", cap_text(member(data, "cap")));
  return told;
}

Told tell_failed(const Json& failed) {
  const std::string step = text_of(failed, "step");
  const std::string message = one_line(text_of(failed, "message"));
  Told told{":rotating_light:",
            "Run failed" + (step.empty() ? "" : " at " + step) +
                (message.empty() ? "" : ": " + clip(message, 100)),
            joined({text_of(failed, "code"), text_of(failed, "message")}, ": ")};
  add_field(told, "Step", step);
  add_field(told, "Error", text_of(failed, "code"));
  return told;
}

Told tell_summary(const Json& data) {
  const std::string outcome = text_of(data, "outcome");
  Told told;
  if (outcome == "failed") {
    told = tell_failed(member(data, "failed"));
    told.fields.clear();
  } else if (outcome == "traded") {
    std::vector<std::string> symbols;
    for (const Json& s : member(data, "symbols")) {
      if (s.is_string()) symbols.push_back(s.get<std::string>());
    }
    told = {":chart_with_upwards_trend:", "Run done: bought " + joined(symbols, ", "), ""};
  } else if (outcome == "not_traded") {
    told = {":warning:", "Run done: signals, but nothing bought", ""};
  } else if (outcome == "no_signal") {
    told = {":zzz:", "Run done: no signal", ""};
  } else if (outcome == "skipped") {
    told = {":double_vertical_bar:", "Run skipped: " + one_line(text_of(data, "skipped")), ""};
  } else {
    told = {":information_source:", joined({"Run done", outcome}, ": "), ""};
  }
  for (const char* count : {"signals", "orders", "placed", "rejected", "declined"}) {
    std::string name = count;
    name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
    add_field(told, name, text_of(data, count));
  }
  return told;
}

Told tell(const Json& event) {
  const std::string type = text_of(event, "type");
  const Json& data = member(event, "data");
  if (type == "order") return tell_order(data, false);
  if (type == "order_update") return tell_order(data, true);
  if (type == "cap_declined") return tell_declined(data);
  if (type == "run_failed") return tell_failed(data);
  if (type == "run_summary") return tell_summary(data);
  if (type == "alert") {
    Told told(":bell:", one_line(text_of(data, "subject")));
    told.preformatted = text_of(data, "message");
    if (told.headline.empty()) told.headline = "Alert";
    return told;
  }
  if (type == "signal") {
    const std::string drop = text_of(data, "drop_pct");
    Told told{":chart_with_downwards_trend:",
              "Signal: " + text_of(data, "symbol") +
                  (drop.empty() ? "" : " " + drop + "% below its 52-week high"),
              ""};
    add_field(told, "Price", text_of(data, "price"));
    add_field(told, "52-week high", text_of(data, "high_52w"));
    add_field(told, "Drop", drop.empty() ? "" : drop + "%");
    add_field(told, "Tier",
              text_of(data, "tier_drop_pct").empty() ? "" : text_of(data, "tier_drop_pct") + "%");
    add_field(told, "Qty", text_of(data, "qty"));
    return told;
  }
  if (type == "no_signal") {
    return {":white_circle:", "No signal: " + text_of(data, "symbol"), text_of(data, "reason")};
  }
  if (type == "run") {
    return {":arrow_forward:", "Run started", ""};
  }
  if (type == "market_check") {
    Told told{":clock3:",
              "Market " + (text_of(data, "status").empty() ? std::string("checked")
                                                           : text_of(data, "status")),
              text_of(data, "note")};
    add_field(told, "Session", text_of(data, "session"));
    add_field(told, "Closes", readable_time(text_of(data, "close")));
    add_field(told, "In window", text_of(data, "in_window"));
    return told;
  }
  if (type == "skipped") {
    const std::string step = text_of(data, "step");
    return {":double_vertical_bar:",
            "Run skipped" + (step.empty() ? "" : " at " + step) + ": " +
                one_line(text_of(data, "reason")),
            ""};
  }
  Told told{":information_source:", "Event: " + (type.empty() ? "(no type)" : one_line(type)), ""};
  if (!data.is_null()) {
    told.preformatted = data.dump(2, ' ', false, Json::error_handler_t::replace);
  }
  return told;
}

Json mrkdwn(std::string text) { return {{"type", "mrkdwn"}, {"text", std::move(text)}}; }

Json section(std::string text) {
  return {{"type", "section"}, {"text", mrkdwn(clip(std::move(text), kSlackMaxSectionText))}};
}

}  // namespace

std::string slack_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string slack_headline(const Json& event) {
  return clip(one_line(tell(event).headline), kHeadlineChars);
}

Json slack_message(const Json& event) {
  const Told told = tell(event);
  const std::string headline = clip(one_line(told.headline), kHeadlineChars);
  Json blocks = Json::array();

  std::string top = told.emoji + " *" + slack_escape(headline) + "*";
  if (!told.detail.empty()) top += "\n" + slack_escape(told.detail);
  blocks.push_back(section(std::move(top)));

  if (!told.fields.empty()) {
    Json fields = Json::array();
    for (const auto& [name, value] : told.fields) {
      if (fields.size() == kSlackMaxFields) break;
      fields.push_back(
          mrkdwn(clip("*" + slack_escape(name) + "*\n" + slack_escape(value), kSlackMaxFieldText)));
    }
    blocks.push_back({{"type", "section"}, {"fields", std::move(fields)}});
  }

  if (!told.preformatted.empty()) {
    constexpr std::string_view kFence = "```";
    const std::size_t room = kSlackMaxSectionText - 2 * kFence.size() - 2;
    blocks.push_back(section(std::string(kFence) + "\n" +
                             clip(slack_escape(told.preformatted), room) + "\n" +
                             std::string(kFence)));
  }

  std::vector<std::string> context;
  if (const std::string profile = text_of(event, "profile"); !profile.empty()) {
    context.push_back("profile *" + slack_escape(one_line(profile)) + "*");
  }
  if (const std::string run = text_of(event, "run_id"); !run.empty()) {
    context.push_back("run " + slack_escape(one_line(run)));
  }
  if (const std::string id = text_of(event, "event_id"); !id.empty()) {
    context.push_back("event " + slack_escape(one_line(id)));
  }
  if (const std::string at = text_of(event, "at"); !at.empty()) {
    context.push_back(slack_escape(readable_time(one_line(at))));
  }
  if (!context.empty()) {
    blocks.push_back(
        {{"type", "context"},
         {"elements",
          Json::array({mrkdwn(clip(joined(context, "  \xC2\xB7  "), kSlackMaxSectionText))})}});
  }

  std::string fallback = headline;
  if (const std::string profile = text_of(event, "profile"); !profile.empty()) {
    fallback = "Stratus " + one_line(profile) + ": " + fallback;
  }
  return {{"text", slack_escape(fallback)}, {"blocks", std::move(blocks)}};
}

}  // namespace stratus
