// JsonlEventSink: the tamper-evident audit log. Appends each event as one line of a JSON Lines
// file, chained to the line before it by "seq", "prev" and "hash" (audit_line.h), so that
// `stratus audit verify` (audit_chain.h) finds any edited, deleted, inserted or reordered line.
#pragma once

#include <string>

#include "ports/event_sink.h"

namespace stratus {

class JsonlEventSink final : public EventSink {
 public:
  // The file (and its parent directories) are created on the first append.
  explicit JsonlEventSink(std::string path) : path_(std::move(path)) {}

  // Appends `event` (a JSON object) with "seq", "prev" and "hash" set, as one line.
  // Holds an exclusive flock(2) on the file from reading its last line until the line is written
  // and fsynced, so processes and threads appending at once still make one valid chain; the line
  // goes out in one write(2) (a failed or short write is cut off again).
  // Errors: InvalidInput when `event` is not an object; Unavailable when the file cannot be
  // created, locked, read, written or synced, when its last line is torn (no "\n" at the end)
  // or is not a chained line: such a file is never appended to (both messages name
  // `stratus audit verify`).
  Status append(const nlohmann::json& event) override;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace stratus
