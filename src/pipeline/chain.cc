#include "pipeline/chain.h"

namespace stratus {

std::optional<ChainStep> find_chain_step(std::string_view name) {
  for (const ChainStep& step : kTradingDayChain) {
    if (step.name == name) return step;
  }
  return std::nullopt;
}

}  // namespace stratus
