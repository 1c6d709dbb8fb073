// EventSink port: where audit events go (JSONL file locally; remote sinks later).
#pragma once

#include <nlohmann/json.hpp>

#include "domain/result.h"

namespace stratus {

class EventSink {
 public:
  virtual ~EventSink() = default;
  // Appends one event durably, whole or not at all.
  virtual Status append(const nlohmann::json& event) = 0;
};

}  // namespace stratus
