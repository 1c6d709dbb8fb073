// The process-wide structured log (see log.h).
#include "support/log.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <mutex>
#include <vector>

#include "support/redaction.h"

namespace stratus {
namespace {

std::atomic<LogLevel> g_level{LogLevel::kWarning};
std::atomic<LogFormat> g_format{LogFormat::kText};

std::mutex& writer_mutex() {
  static std::mutex mutex;
  return mutex;
}

LogWriter& writer() {
  static LogWriter instance;
  return instance;
}

// "2015-08-24T19:45:01.123Z".
std::string utc_millis(std::chrono::system_clock::time_point at) {
  using namespace std::chrono;
  const auto ms = floor<milliseconds>(at);
  const auto day = floor<days>(ms);
  const year_month_day date{day};
  const hh_mm_ss time{ms - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ",
                static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()), static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()),
                static_cast<int>(time.subseconds().count()));
  return text;
}

// A JSON string's body (no quotes): escapes as nlohmann writes them, invalid UTF-8 replaced.
std::string json_body(std::string_view text) {
  const std::string quoted = nlohmann::json(std::string(text))
                                 .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return quoted.substr(1, quoted.size() - 2);
}

bool needs_quotes(std::string_view text) {
  if (text.empty()) return true;
  for (char c : text) {
    if (c == ' ' || c == '"' || c == '=' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return true;
    }
  }
  return false;
}

std::string text_value(const nlohmann::ordered_json& value) {
  if (!value.is_string()) {
    return value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  }
  const std::string& text = value.get_ref<const std::string&>();
  return needs_quotes(text) ? "\"" + json_body(text) + "\"" : json_body(text);
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return out;
}

void write_to_stderr(std::string_view line) {
  const char* data = line.data();
  std::size_t left = line.size();
  while (left > 0) {
    const ssize_t written = ::write(STDERR_FILENO, data, left);
    if (written < 0) {
      if (errno == EINTR) continue;
      return;  // Nowhere to report it: the line is dropped.
    }
    data += written;
    left -= static_cast<std::size_t>(written);
  }
}

}  // namespace

std::string_view log_level_name(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarning:
      return "warning";
    case LogLevel::kError:
      break;
  }
  return "error";
}

std::string_view log_format_name(LogFormat format) {
  return format == LogFormat::kJson ? "json" : "text";
}

Result<LogLevel> parse_log_level(std::string_view text) {
  for (LogLevel level : {LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarning, LogLevel::kError}) {
    if (text == log_level_name(level)) return level;
  }
  return Error::invalid_input("\"" + json_body(text) +
                              "\": expected a log level: debug, info, warning or error");
}

Result<LogFormat> parse_log_format(std::string_view text) {
  if (text == "text") return LogFormat::kText;
  if (text == "json") return LogFormat::kJson;
  return Error::invalid_input("\"" + json_body(text) + "\": expected a log format: text or json");
}

void set_log_settings(LogSettings settings) {
  g_level.store(settings.level, std::memory_order_relaxed);
  g_format.store(settings.format, std::memory_order_relaxed);
}

LogSettings log_settings() {
  return {g_level.load(std::memory_order_relaxed), g_format.load(std::memory_order_relaxed)};
}

bool log_enabled(LogLevel level) { return level >= g_level.load(std::memory_order_relaxed); }

std::string format_log_line(LogFormat format, std::chrono::system_clock::time_point at,
                            LogLevel level, std::string_view message,
                            std::span<const LogField> fields) {
  std::string line;
  if (format == LogFormat::kJson) {
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    object["ts"] = utc_millis(at);
    object["level"] = log_level_name(level);
    object["msg"] = redact(message);
    for (const LogField& field : fields) {
      const bool reserved = field.key == "ts" || field.key == "level" || field.key == "msg";
      nlohmann::ordered_json value = field.value;
      if (value.is_string()) value = redact(value.get_ref<const std::string&>());
      object[reserved ? "_" + field.key : field.key] = std::move(value);
    }
    line = object.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  } else {
    line = utc_millis(at) + " " + upper(log_level_name(level)) + " " + json_body(redact(message));
    for (const LogField& field : fields) {
      nlohmann::ordered_json value = field.value;
      if (value.is_string()) value = redact(value.get_ref<const std::string&>());
      line += " " + json_body(field.key) + "=" + text_value(value);
    }
  }
  // Again on the whole line: a secret split across escapes above is caught in its written form.
  return redact(line) + "\n";
}

void write_log(LogLevel level, std::string_view message, std::initializer_list<LogField> fields) {
  if (!log_enabled(level)) return;
  try {
    const std::string line =
        format_log_line(g_format.load(std::memory_order_relaxed), std::chrono::system_clock::now(),
                        level, message, std::span<const LogField>(fields.begin(), fields.size()));
    std::lock_guard lock(writer_mutex());
    if (writer()) {
      writer()(line);
    } else {
      write_to_stderr(line);
    }
  } catch (...) {
    // Logging never fails the caller (e.g. out of memory while formatting): the entry is lost.
  }
}

void set_log_writer(LogWriter new_writer) {
  std::lock_guard lock(writer_mutex());
  writer() = std::move(new_writer);
}

}  // namespace stratus
