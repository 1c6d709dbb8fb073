#include "domain/indicators/bar_columns.h"

namespace stratus::indicators {
namespace {

double to_double(Money m) {
  return static_cast<double>(m.units()) / static_cast<double>(Money::kUnitsPerDollar);
}

}  // namespace

BarColumns to_columns(std::span<const DailyBar> bars) {
  BarColumns c;
  c.sessions.reserve(bars.size());
  c.open.reserve(bars.size());
  c.high.reserve(bars.size());
  c.low.reserve(bars.size());
  c.close.reserve(bars.size());
  c.volume.reserve(bars.size());
  for (const DailyBar& bar : bars) {
    const double close = to_double(bar.close);
    c.sessions.push_back(bar.session);
    c.open.push_back(bar.open ? to_double(*bar.open) : close);
    c.high.push_back(bar.high ? to_double(*bar.high) : close);
    c.low.push_back(bar.low ? to_double(*bar.low) : close);
    c.close.push_back(close);
    c.volume.push_back(static_cast<double>(bar.volume));
  }
  return c;
}

}  // namespace stratus::indicators
