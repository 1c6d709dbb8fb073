// `stratus run`: one trading day now or --at a time, or a replay of every session in
// --from..--to at the configured New York time, through exactly the same chain.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "adapters/clock/settable_clock.h"
#include "adapters/clock/system_clock.h"
#include "apps/stratus/commands.h"
#include "apps/stratus/wiring.h"
#include "functions/audit_events.h"
#include "pipeline/chain.h"
#include "pipeline/local_runner.h"
#include "pipeline/summary.h"
#include "support/log.h"
#include "support/redaction.h"

namespace stratus {
namespace {

// Runs the chain once at the clock's time; prints the outcome. Returns the exit code.
int run_once(Wiring& wiring, const Config& config, const Clock& clock, const RunOptions& options) {
  Json doc = new_run_document(config.profile, clock.now());
  const std::string run_id = doc["run"]["id"];
  log_info("run started",
           {{"run_id", run_id}, {"profile", config.profile}, {"at", doc["run"]["at"]}});
  const LogStopwatch stopwatch;
  RunOutcome outcome = run_chain(wiring, std::move(doc));
  if (log_enabled(LogLevel::kInfo)) {
    const Json summary = run_summary(outcome.document);
    log_info("run finished", {{"run_id", run_id},
                              {"outcome", summary.value("outcome", "")},
                              {"signals", summary.value("signals", 0)},
                              {"placed", summary.value("placed", 0)},
                              {"rejected", summary.value("rejected", 0)},
                              {"duration_ms", stopwatch.elapsed_ms()}});
  }
  // What the run printed may quote an error holding a secret: redacted like every error.
  if (options.json) {
    fmt::print("{}\n", redact(outcome.document.dump()));
  } else {
    fmt::print("{}", redact(render_summary(outcome.document, options.verbose)));
  }
  std::fflush(stdout);
  if (outcome.error) return report_error(*outcome.error);
  return kExitOk;
}

// The instants at which a replay runs `day`: those of the configured schedule that fall inside
// the session's trading window (exactly what a live schedule would trade at). When none does
// (a close earlier than every scheduled time), the first, so the replay shows why it skipped.
std::vector<Timestamp> replay_instants(const MarketConfig& market, const MarketDay& day) {
  const Timestamp window_start =
      day.close - std::chrono::minutes{market.window_minutes_before_close};
  std::vector<Timestamp> instants;
  for (const TimeOfDay& time : market.run_times) {
    const Timestamp at = new_york_instant(day.date, time);
    if (window_start <= at && at < day.close) instants.push_back(at);
  }
  if (instants.empty()) instants.push_back(new_york_instant(day.date, market.run_times.front()));
  return instants;
}

}  // namespace

int run_command(const GlobalOptions& global, const RunOptions& options) {
  const auto env = read_environment();
  auto config = load_effective_config(global, env);
  if (!config.ok()) return report_error(config.error());

  if (!options.from.empty()) {
    auto from = parse_date(options.from);
    if (!from.ok()) return report_error(from.error().within("--from"));
    auto to = parse_date(options.to);
    if (!to.ok()) return report_error(to.error().within("--to"));
    if (*to < *from) {
      return report_error(
          Error::invalid_input("--to " + options.to + " is before --from " + options.from));
    }
    SettableClock clock(new_york_instant(*from, config->market.run_times.front()));
    Wiring wiring(*config, clock, env);
    auto calendar = wiring.calendar();
    if (!calendar.ok()) return report_error(calendar.error());
    auto sessions = (*calendar)->sessions(*from, *to);
    if (!sessions.ok()) return report_error(sessions.error());
    for (const MarketDay& day : *sessions) {
      for (const Timestamp at : replay_instants(config->market, day)) {
        clock.set(at);
        const int code = run_once(wiring, *config, clock, options);
        if (code != kExitOk) return code;
      }
    }
    return kExitOk;
  }

  if (!options.at.empty()) {
    auto at = parse_utc_timestamp(options.at);
    if (!at.ok()) return report_error(at.error().within("--at"));
    SettableClock clock(*at);
    Wiring wiring(*config, clock, env);
    return run_once(wiring, *config, clock, options);
  }
  SystemClock clock;
  Wiring wiring(*config, clock, env);
  return run_once(wiring, *config, clock, options);
}

int invoke_command(const GlobalOptions& global, const InvokeOptions& options) {
  const auto env = read_environment();
  auto config = load_effective_config(global, env);
  if (!config.ok()) return report_error(config.error());

  if (!find_chain_step(options.step)) {
    std::string known;
    for (const ChainStep& s : kTradingDayChain) {
      known += (known.empty() ? "" : ", ") + std::string(s.name);
    }
    return report_error(
        Error::invalid_input("unknown step \"" + options.step + "\": expected one of " + known));
  }
  std::string text;
  if (options.event == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    text = buffer.str();
  } else {
    std::ifstream in(options.event, std::ios::binary);
    if (!in) return report_error(Error::invalid_input("cannot read the event file", options.event));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
  }
  Json doc = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    // Re-parse with exceptions only to obtain the position of the syntax error.
    std::string where;
    try {
      [[maybe_unused]] const Json unreachable = Json::parse(text);
    } catch (const Json::parse_error& e) {
      where = fmt::format(" (byte {}): {}", e.byte, e.what());
    }
    return report_error(Error::invalid_input("the event is not valid JSON" + where,
                                             options.event == "-" ? "stdin" : options.event));
  }

  SystemClock clock;
  Wiring wiring(*config, clock, env);
  auto step = wiring.step(options.step);
  if (!step.ok()) return report_error(step.error());
  auto result = (*step)->run(doc);
  if (!result.ok()) return report_error(result.error().within(options.step));
  fmt::print("{}\n", result->dump(2));
  return kExitOk;
}

}  // namespace stratus
