// Time in the fake Alpaca: nanosecond UTC instants, written as Alpaca writes them (RFC 3339 in
// UTC with up to nine fractional digits, trailing zeros trimmed: "2023-12-12T22:31:24.668464435Z",
// "2015-08-24T19:45:00Z"). Test support only.
#pragma once

#include <chrono>
#include <string>

namespace stratus::fakes {

using FakeTime = std::chrono::sys_time<std::chrono::nanoseconds>;

// Guarantees: the RFC 3339 UTC text of `t`, fractional seconds only when non-zero.
std::string format_alpaca_time(FakeTime t);

}  // namespace stratus::fakes
