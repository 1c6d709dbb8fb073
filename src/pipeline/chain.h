// The trading-day chain, declared once as data. The local runner executes this declaration;
// the AWS state machine will be generated from it, so local and cloud runs cannot drift.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace stratus {

struct ChainStep {
  std::string_view name;     // The function's name, as in `stratus invoke NAME`.
  std::string_view purpose;  // One line, for help texts and the generated state machine.
  bool always_runs;          // Runs even when an earlier step skipped the rest or failed.
};

inline constexpr std::array<ChainStep, 5> kTradingDayChain = {{
    {"market-check", "is the exchange open, and is this run inside the trading window?", false},
    {"evaluate", "which watched symbols dropped far enough below their 52-week high?", false},
    {"check-limits", "do the purchases fit the monthly caps? reserve them atomically", false},
    {"execute", "submit reserved orders exactly once; bring open orders up to date", false},
    {"record", "append every decision to the audit log", true},
}};

// The chain step called `name`, if there is one.
std::optional<ChainStep> find_chain_step(std::string_view name);

}  // namespace stratus
