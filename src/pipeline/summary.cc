#include "pipeline/summary.h"

#include <fmt/format.h>

#include "domain/time.h"

namespace stratus {
namespace {

std::string str(const Json& j, const char* key, const char* fallback = "") {
  if (j.contains(key) && j[key].is_string()) return j[key].get<std::string>();
  return fallback;
}

std::string fill_text(const Json& order) {
  if (!order.contains("fill")) return "";
  const Json& f = order["fill"];
  return fmt::format(" {} @ {}", f.value("qty", 0), str(f, "avg_price"));
}

}  // namespace

std::string render_summary(const Json& doc, bool verbose) {
  std::string out;
  const std::string at_text = doc["run"].value("at", "");
  auto at = parse_utc_timestamp(at_text);
  if (at.ok()) {
    const Date day = new_york_date(*at);
    static constexpr const char* kDays[] = {"", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    out += fmt::format("{} {} {} ET", format_date(day), kDays[iso_weekday(day)],
                       format_time_of_day(new_york_time_of_day(*at)));
  } else {
    out += at_text;
  }
  out += fmt::format("  [{}]", doc["run"].value("profile", ""));
  if (doc.contains("market")) {
    const Json& m = doc["market"];
    out += fmt::format("  market {}", str(m, "status", "?"));
    if (m.value("early_close", false)) out += " (early close)";
    if (!m.value("holidays_checked", true)) out += " (holidays not checked)";
  }
  out += "\n";

  if (doc.contains("skipped")) {
    out += fmt::format("  skipped: {}\n", str(doc["skipped"], "reason"));
  }
  for (const Json& s : doc.value("signals", Json::array())) {
    out += fmt::format("  signal    {:<6} {:>9}  high {:>9}  {:>8}  tier {}% -> {}\n",
                       str(s, "symbol"), str(s, "price"), str(s, "high_52w"),
                       "-" + str(s, "drop_pct") + "%", str(s, "tier_drop_pct"), s.value("qty", 0));
  }
  const Json passed = doc.value("passed", Json::array());
  if (verbose) {
    for (const Json& p : passed) {
      out += fmt::format("  no signal {:<6} {}\n", str(p, "symbol"), str(p, "reason"));
    }
  } else if (!passed.empty()) {
    int below = 0;
    std::string problems;
    for (const Json& p : passed) {
      const std::string code = str(p, "code");
      if (code == "below_first_tier") {
        ++below;
      } else if (code == "filter_not_met" || code == "tier_conditions_not_met") {
        problems += fmt::format("  filtered  {:<6} {}\n", str(p, "symbol"), str(p, "reason"));
      } else {
        problems += fmt::format("  no data   {:<6} {}\n", str(p, "symbol"), str(p, "reason"));
      }
    }
    if (below > 0) out += fmt::format("  no signal {} symbol(s) below the first tier\n", below);
    out += problems;
  }
  if (const auto power = doc.find("buying_power"); power != doc.end() && power->is_object()) {
    // A broker without a limit (the paper broker) says nothing worth a line.
    if (power->contains("error")) {
      out += fmt::format("  cash      unknown ({}: {}); the broker decides\n",
                         str(*power, "broker"), str((*power)["error"], "message"));
    } else if (const std::string available = str(*power, "available"); !available.empty()) {
      out += fmt::format("  cash      {} to spend ({})\n", available, str(*power, "broker"));
    }
  }
  for (const Json& d : doc.value("declined", Json::array())) {
    out += fmt::format("  declined  {:<6} {} share(s): {}\n", str(d, "symbol"),
                       d.value("requested_qty", 0), str(d, "reason"));
  }
  for (const Json& o : doc.value("orders", Json::array())) {
    std::string cap;
    if (o.contains("cap")) {
      cap = fmt::format("  cap {}/{} {}", o["cap"].value("used_after", 0),
                        o["cap"].value("limit", 0), str(o["cap"], "month"));
    }
    out += fmt::format("  order     {:<6} {} sh  {}{}  {}{}{}\n", str(o, "symbol"),
                       o.value("qty", 0), str(o, "state"), fill_text(o), str(o, "client_order_id"),
                       cap, o.contains("note") ? "  (" + str(o, "note") + ")" : "");
    if (o.contains("error")) {
      out += fmt::format("            error: {}\n", str(o["error"], "message"));
    }
  }
  for (const Json& o : doc.value("reconciled", Json::array())) {
    out += fmt::format("  update    {:<6} {} sh  {} -> {}{}  {} (from {})\n", str(o, "symbol"),
                       o.value("qty", 0), str(o, "previous_state"), str(o, "state"), fill_text(o),
                       str(o, "client_order_id"), str(o, "session"));
  }
  if (doc.contains("failed")) {
    out += fmt::format("  FAILED in {}: {}\n", str(doc["failed"], "step"),
                       str(doc["failed"], "message"));
  }
  if (doc.contains("recorded") && doc["recorded"].contains("outbox")) {
    for (const auto& [sink, outcome] : doc["recorded"]["outbox"].items()) {
      out += fmt::format("  delivery  {:<6} {} sent, {} pending", sink,
                         outcome.value("delivered", 0), outcome.value("pending", 0));
      if (outcome.contains("error")) out += fmt::format(": {}", str(outcome, "error"));
      out += "\n";
    }
  }
  return out;
}

}  // namespace stratus
