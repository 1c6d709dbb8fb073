// EventSink port: the local audit log every audit event is appended to first (the chained JSONL
// file, adapters/file). Remote receivers are RemoteSinks (ports/remote_sink.h) behind the outbox.
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
