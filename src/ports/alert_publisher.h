// AlertPublisher port: where messages to people go (an SNS topic on AWS). An alert is a short
// subject and a plain-text body, readable on a phone.
#pragma once

#include <string>

#include "domain/result.h"

namespace stratus {

struct Alert {
  std::string subject;  // One line, at most 99 printable ASCII characters (SNS).
  std::string message;  // Plain text, non-empty.
};

class AlertPublisher {
 public:
  virtual ~AlertPublisher() = default;
  // Sends `alert` once; returns the service's id for it. A message whose answer was lost may
  // still have been delivered, so receivers see an alert at least once, not exactly once.
  virtual Result<std::string> publish(const Alert& alert) = 0;
};

}  // namespace stratus
