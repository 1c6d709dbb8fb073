#include "support/failpoint.h"

#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>

namespace stratus {
namespace failpoint_internal {
constinit FailpointRegistry g_process;
}  // namespace failpoint_internal

namespace {

constexpr std::string_view kBlanks = " \t\r\n";

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(kBlanks);
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(kBlanks);
  return s.substr(first, last - first + 1);
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

// A decimal integer in [lo, hi] made of digits only, or -1.
int parse_bounded(std::string_view digits, int lo, int hi) {
  if (digits.empty() || digits.size() > 9) return -1;
  int value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value < lo || value > hi ? -1 : value;
}

Error bad_token(std::string_view token, const std::string& expected) {
  return Error::invalid_input("failpoint \"" + std::string(token) + "\": " + expected,
                              "failpoints");
}

Result<FailpointSpec> parse_entry(std::string_view token) {
  const auto eq = token.find('=');
  if (eq == std::string_view::npos) {
    return bad_token(token, "expected <name>=<action>, e.g. execute.before_submit=kill");
  }
  FailpointSpec spec;
  const std::string_view name = trim(token.substr(0, eq));
  if (name.empty() || !std::all_of(name.begin(), name.end(), is_name_char)) {
    return bad_token(token, "expected a name of letters, digits, '_', '.' or '-' before '='");
  }
  spec.name = std::string(name);

  std::string_view action = trim(token.substr(eq + 1));
  if (const auto at = action.rfind('@'); at != std::string_view::npos) {
    spec.on_hit = parse_bounded(trim(action.substr(at + 1)), 1, 1'000'000'000);
    if (spec.on_hit < 0) {
      return bad_token(token, "expected a hit number of at least 1 after '@'");
    }
    action = trim(action.substr(0, at));
  }
  if (action == "kill") {
    spec.action = FailpointAction::kKill;
  } else if (action == "off") {
    spec.action = FailpointAction::kOff;
  } else if (action.starts_with("exit(") && action.ends_with(")")) {
    spec.action = FailpointAction::kExit;
    spec.exit_code = parse_bounded(trim(action.substr(5, action.size() - 6)), 0, 255);
    if (spec.exit_code < 0) return bad_token(token, "expected exit(N) with 0 <= N <= 255");
  } else {
    return bad_token(token, "expected the action kill, exit(N) or off after '='");
  }
  return spec;
}

void write_stderr(std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(STDERR_FILENO, text.data(), text.size());
    if (n <= 0) return;
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace

Result<std::vector<FailpointSpec>> parse_failpoints(std::string_view text) {
  std::vector<FailpointSpec> specs;
  while (true) {
    const auto semi = text.find(';');
    const std::string_view token = trim(text.substr(0, semi));
    if (!token.empty()) {
      STRATUS_ASSIGN_OR_RETURN(FailpointSpec spec, parse_entry(token));
      const bool repeated = std::any_of(
          specs.begin(), specs.end(), [&](const FailpointSpec& s) { return s.name == spec.name; });
      if (repeated) return bad_token(token, "the failpoint " + spec.name + " is configured twice");
      specs.push_back(std::move(spec));
    }
    if (semi == std::string_view::npos) break;
    text.remove_prefix(semi + 1);
  }
  return specs;
}

Status FailpointRegistry::configure(std::string_view text) {
  STRATUS_ASSIGN_OR_RETURN(std::vector<FailpointSpec> specs, parse_failpoints(text));
  std::lock_guard lock(mu_);
  entries_.clear();
  for (FailpointSpec& spec : specs) entries_.push_back({std::move(spec), 0});
  armed_.store(!entries_.empty(), std::memory_order_relaxed);
  return {};
}

void FailpointRegistry::clear() {
  std::lock_guard lock(mu_);
  entries_.clear();
  armed_.store(false, std::memory_order_relaxed);
}

FailpointDecision FailpointRegistry::hit(std::string_view name) {
  std::lock_guard lock(mu_);
  for (Entry& entry : entries_) {
    if (entry.spec.name != name) continue;
    ++entry.hits;
    if (entry.spec.on_hit != 0 && entry.hits != entry.spec.on_hit) return {};
    return {entry.spec.action, entry.spec.exit_code};
  }
  return {};
}

std::int64_t FailpointRegistry::hits(std::string_view name) const {
  std::lock_guard lock(mu_);
  for (const Entry& entry : entries_) {
    if (entry.spec.name == name) return entry.hits;
  }
  return 0;
}

Status configure_failpoints(std::string_view text) { return process_failpoints().configure(text); }

void trigger_failpoint(std::string_view name) {
  const FailpointDecision decision = process_failpoints().hit(name);
  switch (decision.action) {
    case FailpointAction::kOff:
      return;
    case FailpointAction::kKill:
      write_stderr("stratus: failpoint " + std::string(name) + ": kill\n");
      std::raise(SIGKILL);
      std::_Exit(137);  // Not reached: SIGKILL cannot be caught, blocked or ignored.
    case FailpointAction::kExit:
      write_stderr("stratus: failpoint " + std::string(name) + ": exit(" +
                   std::to_string(decision.exit_code) + ")\n");
      std::_Exit(decision.exit_code);
  }
}

}  // namespace stratus
