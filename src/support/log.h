// Log: Stratus's structured log, one line per entry on stderr, for people (text) or machines
// (JSON, e.g. CloudWatch). Process-wide: the CLI chooses the level and format once
// (--log-level / --log-format, STRATUS_LOG_LEVEL / STRATUS_LOG_FORMAT) before anything logs.
//
//   log_info("run started", {{"run_id", id}, {"profile", "dev"}});
//
// text:  2015-08-24T19:45:01.123Z INFO run started run_id=2015-08-24T19:45:00Z/dev profile=dev
// json:  {"ts":"2015-08-24T19:45:01.123Z","level":"info","msg":"run started","run_id":...}
//
// Levels, lowest first: debug, info, warning, error; entries below the chosen level are
// dropped. Timestamps are the wall clock in UTC with milliseconds (a log's own time, never a
// run's simulated clock). Every line passes through redact() (support/redaction.h) before it is
// written, so a registered secret never reaches the log. Each line is written with one write(2)
// under a mutex: lines from several threads never interleave. Logging never fails and never
// throws (a failed write is dropped).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "domain/result.h"

namespace stratus {

enum class LogLevel { kDebug, kInfo, kWarning, kError };
enum class LogFormat { kText, kJson };

// "debug", "info", "warning", "error" / "text", "json".
std::string_view log_level_name(LogLevel level);
std::string_view log_format_name(LogFormat format);
// InvalidInput naming the text and the accepted names when it is none of them.
Result<LogLevel> parse_log_level(std::string_view text);
Result<LogFormat> parse_log_format(std::string_view text);

// One key/value pair of an entry. Values are strings, integers, booleans (or any JSON value).
// In JSON a field named ts, level or msg is written with a leading '_' (the line's own members
// keep their names).
struct LogField {
  std::string key;
  nlohmann::ordered_json value;
};

struct LogSettings {
  LogLevel level = LogLevel::kWarning;  // A person at a terminal sees nothing new by default.
  LogFormat format = LogFormat::kText;
};

// The process's settings. Thread-safe.
void set_log_settings(LogSettings settings);
LogSettings log_settings();
// Whether an entry at `level` would be written.
bool log_enabled(LogLevel level);

// One entry as the line written for it ('\n'-terminated), redacted. Pure but for redact()'s
// registry. Text: "<ts> <LEVEL> <msg>[ key=value]..." with control characters in the message
// escaped as in JSON and a value quoted (JSON string syntax) when it is empty or holds a space,
// '"', '=' or a control character. JSON: one compact object, ts, level and msg first, invalid
// UTF-8 replaced by U+FFFD.
std::string format_log_line(LogFormat format, std::chrono::system_clock::time_point at,
                            LogLevel level, std::string_view message,
                            std::span<const LogField> fields);

// Writes one entry when `level` is enabled. Never fails.
void write_log(LogLevel level, std::string_view message,
               std::initializer_list<LogField> fields = {});
inline void log_debug(std::string_view message, std::initializer_list<LogField> fields = {}) {
  write_log(LogLevel::kDebug, message, fields);
}
inline void log_info(std::string_view message, std::initializer_list<LogField> fields = {}) {
  write_log(LogLevel::kInfo, message, fields);
}
inline void log_warning(std::string_view message, std::initializer_list<LogField> fields = {}) {
  write_log(LogLevel::kWarning, message, fields);
}
inline void log_error(std::string_view message, std::initializer_list<LogField> fields = {}) {
  write_log(LogLevel::kError, message, fields);
}

// Where lines go: stderr unless replaced (tests capture lines). An empty writer restores
// stderr. The writer is called under the log's mutex, one call per line.
using LogWriter = std::function<void(std::string_view line)>;
void set_log_writer(LogWriter writer);

// Elapsed wall time for a log line's duration_ms (a monotonic clock). For logs only: never a
// decision, which takes a Clock&.
class LogStopwatch {
 public:
  LogStopwatch() : start_(std::chrono::steady_clock::now()) {}
  std::int64_t elapsed_ms() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 start_)
        .count();
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

}  // namespace stratus
