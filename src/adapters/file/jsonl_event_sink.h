// JsonlEventSink: appends audit events to a JSON Lines file, one event per line.
#pragma once

#include <string>

#include "ports/event_sink.h"

namespace stratus {

class JsonlEventSink final : public EventSink {
 public:
  // The file (and its parent directories) are created on the first append.
  explicit JsonlEventSink(std::string path) : path_(std::move(path)) {}

  // Writes the event as one line with a single write(2) on an O_APPEND descriptor, then fsyncs,
  // so concurrent writers never interleave within a line and a crash never leaves half a line
  // followed by more events.
  Status append(const nlohmann::json& event) override;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace stratus
