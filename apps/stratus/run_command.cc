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
#include "pipeline/replay.h"
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
    const Json summary = run_summary(outcome.document.json());
    log_info("run finished", {{"run_id", run_id},
                              {"outcome", summary.value("outcome", "")},
                              {"signals", summary.value("signals", 0)},
                              {"placed", summary.value("placed", 0)},
                              {"rejected", summary.value("rejected", 0)},
                              {"duration_ms", stopwatch.elapsed_ms()}});
  }
  // What the run printed may quote an error holding a secret: redacted like every error.
  if (options.json) {
    fmt::print("{}\n", redact(outcome.document.json().dump()));
  } else {
    fmt::print("{}", redact(render_summary(outcome.document.json(), options.verbose)));
  }
  std::fflush(stdout);
  if (outcome.error) return report_error(*outcome.error);
  return kExitOk;
}

}  // namespace

int run_command(const GlobalOptions& global, const RunOptions& options) {
  const auto env = read_environment();
  auto config = load_effective_config(global, env);
  if (!config.ok()) return report_error(config.error());

  if (!options.from.empty()) {
    auto range = parse_date_range(options.from, options.to);
    if (!range.ok()) return report_error(range.error());
    const auto [from, to] = *range;
    SettableClock clock(new_york_instant(from, config->market.run_times.front()));
    Wiring wiring(*config, clock, env);
    auto calendar = wiring.calendar();
    if (!calendar.ok()) return report_error(calendar.error());
    auto sessions = (*calendar)->sessions(from, to);
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
