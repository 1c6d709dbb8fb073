// ScriptedSink: a RemoteSink for tests whose answers come from a script, keeping every call and
// every event it took (as a receiver that drops repeats by event id would).
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ports/remote_sink.h"

namespace stratus {

// A receiver whose answer to each attempt comes from `answer` (attempt number from 1, event).
// It keeps every event it took (`kept`: receivers drop repeats by event id) and every call.
class ScriptedSink : public RemoteSink {
 public:
  using Answer = std::function<DeliveryResult(int attempt, const nlohmann::json& event)>;
  ScriptedSink(std::string name, Answer answer)
      : name_(std::move(name)), answer_(std::move(answer)) {}

  std::string_view name() const override { return name_; }
  DeliveryResult deliver(const nlohmann::json& event) override {
    const std::string id = event.value("event_id", "");
    calls.push_back(id);
    DeliveryResult result = answer_(static_cast<int>(calls.size()), event);
    const bool took = result.status.ok() || result.status.error().code == ErrorCode::kAmbiguous;
    if (took && kept_ids.insert(id).second) kept.push_back(id);
    if (result.status.ok()) accepted.push_back(id);
    return result;
  }

  std::vector<std::string> calls;     // Every attempt, in order.
  std::vector<std::string> accepted;  // Attempts answered ok.
  std::vector<std::string> kept;      // Distinct events the receiver holds, first arrival order.
  std::set<std::string> kept_ids;

 private:
  std::string name_;
  Answer answer_;
};

}  // namespace stratus
