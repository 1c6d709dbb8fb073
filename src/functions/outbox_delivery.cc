// Outbox delivery: routes and one delivery round (see outbox_delivery.h for the contracts).
#include "functions/outbox_delivery.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <utility>

namespace stratus {
namespace {

constexpr std::size_t kMaxErrorBytes = 1000;

// `text` cut to at most kMaxErrorBytes, never inside a UTF-8 sequence.
std::string clipped(std::string text) {
  if (text.size() <= kMaxErrorBytes) return text;
  std::size_t end = kMaxErrorBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text + "...";
}

std::string describe(std::string_view event_id, const Error& error) {
  return "event " + std::string(event_id) + ": " + error.to_string();
}

}  // namespace

bool routes_to(const SinkRoute& route, const nlohmann::json& event) {
  if (!event.is_object()) return false;
  const auto type = event.find("type");
  const auto severity = event.find("severity");
  if (type == event.end() || !type->is_string()) return false;
  if (severity == event.end() || !severity->is_string()) return false;
  const auto& type_name = type->get_ref<const std::string&>();
  if (type_name == "delivery") return false;
  if (std::find(route.events.begin(), route.events.end(), type_name) == route.events.end()) {
    return false;
  }
  const auto level = parse_severity(severity->get_ref<const std::string&>());
  return level.ok() && *level >= route.min_severity;
}

std::chrono::seconds retry_delay(const DeliveryPolicy& policy, int attempts, double jitter) {
  const std::int64_t base = std::max<std::int64_t>(policy.retry_base.count(), 1);
  const std::int64_t cap = std::max<std::int64_t>(policy.retry_max.count(), 1);
  std::int64_t delay = base;
  for (int doubled = 1; doubled < attempts && delay < cap; ++doubled) delay *= 2;
  delay = std::min(delay, cap);
  if (!(jitter >= 0.0)) jitter = 0.0;  // Also NaN.
  if (jitter >= 1.0) jitter = std::nextafter(1.0, 0.0);
  const double half = static_cast<double>(delay) / 2.0;
  const auto waited = static_cast<std::int64_t>(std::ceil(half + jitter * half));
  return std::chrono::seconds(std::clamp<std::int64_t>(waited, 1, delay));
}

OutboxDelivery::OutboxDelivery(Outbox& outbox, std::vector<RemoteSink*> sinks, const Clock& clock,
                               DeliveryPolicy policy, std::function<double()> jitter)
    : outbox_(outbox),
      sinks_(std::move(sinks)),
      clock_(clock),
      policy_(policy),
      jitter_(std::move(jitter)) {}

struct OutboxDelivery::SinkRound {
  int delivered = 0;
  int failed = 0;
  int left_due = 0;   // Due entries this round did not deliver.
  std::string error;  // The last error met; "" if none.
};

OutboxDelivery::SinkRound OutboxDelivery::deliver_to(RemoteSink& sink) {
  SinkRound round;
  const std::string name(sink.name());
  auto due = outbox_.due(name, clock_.now(), policy_.max_per_sink);
  if (!due.ok()) {
    round.error = "reading the outbox: " + due.error().to_string();
    return round;
  }
  round.left_due = static_cast<int>(due->size());
  for (const OutboxEntry& entry : *due) {
    const Timestamp claimed_at = clock_.now();
    auto claimed = outbox_.claim(name, entry.event_id, claimed_at, claimed_at + policy_.lease);
    if (!claimed.ok()) {
      round.error = "claiming " + describe(entry.event_id, claimed.error());
      break;
    }
    if (!*claimed) continue;  // Another run took it (or delivered it) since due() was read.
    const int attempts = entry.attempts + 1;

    const auto event = nlohmann::json::parse(entry.payload, nullptr, /*allow_exceptions=*/false);
    DeliveryResult result =
        event.is_discarded()
            ? DeliveryResult::failed(Error::internal("the outbox payload is not JSON"))
            : sink.deliver(event);
    const Timestamp answered_at = clock_.now();
    if (result.status.ok()) {
      auto marked = outbox_.mark_delivered(name, entry.event_id, answered_at);
      if (!marked.ok()) {
        round.error = "recording the delivery of " + describe(entry.event_id, marked.error());
        break;
      }
      ++round.delivered;
      --round.left_due;
      continue;
    }

    ++round.failed;
    const Error& why = result.status.error();
    round.error = clipped(describe(entry.event_id, why));
    std::chrono::seconds wait = retry_delay(policy_, attempts, jitter_ ? jitter_() : 0.0);
    if (result.retry_after) wait = std::max(wait, *result.retry_after);
    auto marked =
        outbox_.mark_failed(name, entry.event_id, clipped(why.to_string()), answered_at + wait);
    if (!marked.ok()) {
      round.error = "recording the failure of " + describe(entry.event_id, marked.error());
      break;
    }
    if (!event.is_discarded()) break;  // The receiver failed: leave it alone until next round.
  }
  return round;
}

nlohmann::json OutboxDelivery::deliver_due() {
  nlohmann::json out = nlohmann::json::object();
  std::map<std::string, SinkRound> rounds;
  for (RemoteSink* sink : sinks_) {
    SinkRound round = deliver_to(*sink);
    rounds[std::string(sink->name())] = std::move(round);
  }

  // What each sink still has to deliver, due or not.
  std::map<std::string, int> pending;
  auto all = outbox_.pending();
  if (all.ok()) {
    for (const OutboxEntry& entry : *all) ++pending[entry.sink];
  }
  for (auto& [name, round] : rounds) {
    nlohmann::json report = {{"delivered", round.delivered}, {"failed", round.failed}};
    if (all.ok()) {
      report["pending"] = pending[name];
    } else {
      // At least the due entries that are left; the outbox could not say more.
      report["pending"] = round.left_due;
      if (round.error.empty()) round.error = "counting pending entries: " + all.error().to_string();
    }
    if (!round.error.empty()) report["error"] = round.error;
    out[name] = std::move(report);
  }
  return out;
}

}  // namespace stratus
