// Clock port: the only way code below apps/ learns what time it is.
#pragma once

#include "domain/time.h"

namespace stratus {

class Clock {
 public:
  virtual ~Clock() = default;
  // The current UTC instant.
  virtual Timestamp now() const = 0;
};

}  // namespace stratus
