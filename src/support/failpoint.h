// Failpoints: named places in product code where a test can make the process die on purpose,
// to prove that Stratus survives a crash at that exact point (the practice of etcd's gofail,
// TiKV's fail-rs and FreeBSD's fail points).
//
// In product code:   STRATUS_FAILPOINT("execute.after_submit");
// does nothing unless the process-wide registry was configured (by the CLI, from the
// STRATUS_FAILPOINTS environment variable). Unconfigured, the check costs one relaxed atomic
// load. Configuration is one string of entries separated by ';':
//
//   <name>=<action>[@<n>]
//     name    letters, digits, '_', '.', '-' (e.g. execute.before_submit)
//     action  kill     raise(SIGKILL): a real, uncatchable kill (no destructors, no flush)
//             exit(N)  std::_Exit(N), 0 <= N <= 255 (no destructors, no flush either)
//             off      counts hits, does nothing
//     @n      act on the n-th hit only (n >= 1); without it, on every hit (i.e. the first)
//
//   e.g. "check_limits.after_reserve=kill"  "execute.after_submit=kill@2;execute.x=exit(3)"
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace stratus {

enum class FailpointAction { kOff, kKill, kExit };

// One parsed entry of a failpoint configuration.
struct FailpointSpec {
  std::string name;
  FailpointAction action = FailpointAction::kOff;
  int exit_code = 0;  // For kExit.
  int on_hit = 0;     // Act on this hit only (1-based); 0: on every hit.

  bool operator==(const FailpointSpec&) const = default;
};

// Parses a configuration string (grammar above). Blank entries (e.g. a trailing ';') and blanks
// around entries are ignored; an empty string gives no failpoints.
// Errors: InvalidInput naming the offending token and what was expected (also for a name given
// twice).
Result<std::vector<FailpointSpec>> parse_failpoints(std::string_view text);

// What a hit asks the caller to do.
struct FailpointDecision {
  FailpointAction action = FailpointAction::kOff;
  int exit_code = 0;
};

// The failpoints of a process: their configuration and how often each was hit. Thread-safe.
class FailpointRegistry {
 public:
  // Replaces the configuration with `text` (see parse_failpoints) and resets the hit counts.
  // On error the registry is left as it was.
  Status configure(std::string_view text);
  // Removes every failpoint and hit count.
  void clear();
  // Counts one hit of `name` and returns what to do now: the configured action when `name` is
  // configured and this hit is the one it acts on, else kOff. Does not act itself.
  FailpointDecision hit(std::string_view name);
  // How many times `name` was hit since the last configure() (0 for unconfigured names).
  std::int64_t hits(std::string_view name) const;
  // True when at least one failpoint is configured. One relaxed atomic load.
  bool armed() const { return armed_.load(std::memory_order_relaxed); }

 private:
  struct Entry {
    FailpointSpec spec;
    std::int64_t hits = 0;
  };
  std::atomic<bool> armed_{false};
  mutable std::mutex mu_;
  std::vector<Entry> entries_;  // Guarded by mu_.
};

namespace failpoint_internal {
// The process's registry (constant-initialized, so usable from any thread at any time). Use
// process_failpoints(); STRATUS_FAILPOINT reads it directly.
extern FailpointRegistry g_process;
}  // namespace failpoint_internal

// The registry STRATUS_FAILPOINT consults.
inline FailpointRegistry& process_failpoints() { return failpoint_internal::g_process; }

// Configures process_failpoints() from `text` (the CLI passes $STRATUS_FAILPOINTS).
// Errors: as parse_failpoints.
Status configure_failpoints(std::string_view text);

// Counts a hit of `name` in process_failpoints() and carries out the decision: raise(SIGKILL)
// for kill, std::_Exit for exit(N), after writing one line naming the failpoint to stderr.
// Returns only when the decision is kOff.
void trigger_failpoint(std::string_view name);

}  // namespace stratus

// A named failpoint. Unconfigured: one relaxed atomic load and a not-taken branch.
#define STRATUS_FAILPOINT(name)                             \
  do {                                                      \
    if (::stratus::failpoint_internal::g_process.armed()) { \
      ::stratus::trigger_failpoint(name);                   \
    }                                                       \
  } while (false)
