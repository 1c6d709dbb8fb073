// Process-wide libcurl initialisation, done once however many clients and threads ask.
#pragma once

#include "domain/result.h"

namespace stratus {

// Calls curl_global_init once per process (thread-safe) and reports its outcome on every call.
// libcurl is never globally cleaned up: it lives as long as the process.
Status ensure_curl_initialised();

}  // namespace stratus
