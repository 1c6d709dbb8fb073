#include "ports/event_sink.h"

namespace stratus {

nlohmann::json AuditEventView::to_json() const {
  nlohmann::json event = {{"event_id", event_id},
                          {"type", type},
                          {"severity", severity},
                          {"run_id", run.at("id")},
                          {"profile", run.at("profile")},
                          {"at", run.at("at")},
                          {"data", data}};
  if (!recorded_at.empty()) event["recorded_at"] = recorded_at;
  return event;
}

}  // namespace stratus
