// `stratus outbox status` and `stratus outbox deliver` (see outbox_commands.h).
#include "apps/stratus/outbox_commands.h"

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "adapters/clock/system_clock.h"
#include "apps/stratus/wiring.h"

namespace stratus {
namespace {

struct OutboxOptions {
  bool json = false;
};

struct SinkSummary {
  int pending = 0;
  int due = 0;
  Timestamp oldest;
};

// The event type in an entry's payload, or "?" when the payload does not say.
std::string event_type(const OutboxEntry& entry) {
  const auto event = nlohmann::json::parse(entry.payload, nullptr, /*allow_exceptions=*/false);
  if (event.is_object()) {
    if (auto type = event.find("type"); type != event.end() && type->is_string()) {
      return type->get<std::string>();
    }
  }
  return "?";
}

// "45s", "12m", "3h 05m", "2d 04h": how long ago, for people.
std::string age_text(std::chrono::seconds age) {
  const std::int64_t s = std::max<std::int64_t>(age.count(), 0);
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return fmt::format("{}m", s / 60);
  if (s < 86400) return fmt::format("{}h {:02}m", s / 3600, s % 3600 / 60);
  return fmt::format("{}d {:02}h", s / 86400, s % 86400 / 3600);
}

// The outbox of the effective config, through `wiring`; the error's exit code otherwise.
struct Opened {
  std::unique_ptr<Config> config;
  std::unique_ptr<Wiring> wiring;
  Outbox* outbox = nullptr;
};

Result<Opened> open_outbox(const GlobalOptions& global, const Clock& clock) {
  const auto env = read_environment();
  STRATUS_ASSIGN_OR_RETURN(Config config, load_effective_config(global, env));
  Opened opened;
  opened.config = std::make_unique<Config>(std::move(config));
  opened.wiring = std::make_unique<Wiring>(*opened.config, clock, env);
  STRATUS_ASSIGN_OR_RETURN(opened.outbox, opened.wiring->outbox());
  return opened;
}

int status(const GlobalOptions& global, const OutboxOptions& options) {
  SystemClock clock;
  auto opened = open_outbox(global, clock);
  if (!opened.ok()) return report_error(opened.error());
  auto pending = opened->outbox->pending();
  if (!pending.ok()) return report_error(pending.error().within("reading the outbox"));
  const Timestamp now = clock.now();

  std::map<std::string, SinkSummary> sinks;
  for (const OutboxEntry& e : *pending) {
    SinkSummary& sink = sinks[e.sink];
    if (sink.pending == 0 || e.created_at < sink.oldest) sink.oldest = e.created_at;
    ++sink.pending;
    if (e.next_attempt_at <= now) ++sink.due;
  }

  if (options.json) {
    nlohmann::json out = {{"now", format_utc_timestamp(now)},
                          {"sinks", nlohmann::json::object()},
                          {"entries", nlohmann::json::array()}};
    for (const auto& [name, sink] : sinks) {
      out["sinks"][name] = {{"pending", sink.pending},
                            {"due", sink.due},
                            {"oldest_created_at", format_utc_timestamp(sink.oldest)},
                            {"oldest_age_seconds", (now - sink.oldest).count()}};
    }
    for (const OutboxEntry& e : *pending) {
      out["entries"].push_back({{"sink", e.sink},
                                {"event_id", e.event_id},
                                {"type", event_type(e)},
                                {"created_at", format_utc_timestamp(e.created_at)},
                                {"attempts", e.attempts},
                                {"next_attempt_at", format_utc_timestamp(e.next_attempt_at)},
                                {"last_error", e.last_error}});
    }
    fmt::print("{}\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
    return kExitOk;
  }

  if (pending->empty()) {
    fmt::print("outbox: nothing pending\n");
    return kExitOk;
  }
  fmt::print("outbox: {} pending\n", pending->size());
  fmt::print("{:<8}  {:>7}  {:>7}  {}\n", "sink", "pending", "due now", "oldest");
  for (const auto& [name, sink] : sinks) {
    fmt::print("{:<8}  {:>7}  {:>7}  {}\n", name, sink.pending, sink.due,
               age_text(now - sink.oldest));
  }
  std::size_t id_width = 8;
  for (const OutboxEntry& e : *pending) id_width = std::max(id_width, e.event_id.size());
  fmt::print("\n{:<8}  {:<{}}  {:<13}  {:<20}  {:>8}  {:<20}  {}\n", "sink", "event id", id_width,
             "type", "created", "attempts", "next attempt", "last error");
  for (const OutboxEntry& e : *pending) {
    fmt::print("{:<8}  {:<{}}  {:<13}  {:<20}  {:>8}  {:<20}  {}\n", e.sink, e.event_id, id_width,
               event_type(e), format_utc_timestamp(e.created_at), e.attempts,
               format_utc_timestamp(e.next_attempt_at), e.last_error.empty() ? "-" : e.last_error);
  }
  return kExitOk;
}

int deliver(const GlobalOptions& global, const OutboxOptions& options) {
  SystemClock clock;
  auto opened = open_outbox(global, clock);
  if (!opened.ok()) return report_error(opened.error());
  // A round never fails, so see first that the outbox can be read at all.
  auto pending = opened->outbox->pending();
  if (!pending.ok()) return report_error(pending.error().within("reading the outbox"));
  auto delivery = opened->wiring->outbox_delivery();
  if (!delivery.ok()) return report_error(delivery.error());
  const nlohmann::json round = (*delivery)->deliver_due();

  if (options.json) {
    fmt::print("{}\n", round.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
    return kExitOk;
  }
  if (round.empty()) {
    fmt::print(
        "outbox: no sinks configured ([sheets], [slack], [alerts] sns_topic_arn); {} "
        "pending\n",
        pending->size());
    return kExitOk;
  }
  for (const auto& [name, sink] : round.items()) {
    fmt::print("{}: delivered {}, failed {}, pending {}", name, sink.value("delivered", 0),
               sink.value("failed", 0), sink.value("pending", 0));
    if (sink.contains("error")) fmt::print(" (last error: {})", sink.value("error", ""));
    fmt::print("\n");
  }
  return kExitOk;
}

}  // namespace

void add_outbox_commands(CLI::App& app, const GlobalOptions& global, CommandTable& table) {
  auto* outbox_cmd =
      app.add_subcommand("outbox", "events waiting for remote sinks (Sheets, Slack, SNS)");
  outbox_cmd->require_subcommand(1);

  auto status_options = std::make_shared<OutboxOptions>();
  auto* status_cmd = outbox_cmd->add_subcommand(
      "status", "what is pending per sink, and every pending entry with its last error");
  status_cmd->add_flag("--json", status_options->json, "print a JSON object");
  table.add(status_cmd, [&global, status_options] { return status(global, *status_options); });

  auto deliver_options = std::make_shared<OutboxOptions>();
  auto* deliver_cmd =
      outbox_cmd->add_subcommand("deliver", "run one delivery round now and say what it did");
  deliver_cmd->add_flag("--json", deliver_options->json, "print the round's result as JSON");
  table.add(deliver_cmd, [&global, deliver_options] { return deliver(global, *deliver_options); });
}

}  // namespace stratus
