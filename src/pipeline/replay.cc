#include "pipeline/replay.h"

namespace stratus {

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

}  // namespace stratus
