// BarColumns: one symbol's daily bars as columns of doubles, the input of indicator maths.
#pragma once

#include <span>
#include <vector>

#include "domain/bar.h"
#include "domain/time.h"

namespace stratus::indicators {

struct BarColumns {
  std::vector<Date> sessions;
  std::vector<double> open;
  std::vector<double> high;
  std::vector<double> low;
  std::vector<double> close;
  std::vector<double> volume;

  std::size_t size() const { return close.size(); }
};

// The bars as columns, in the same order. A bar without an open, high or low takes its close
// there (as the evaluate step does for the 52-week high).
BarColumns to_columns(std::span<const DailyBar> bars);

}  // namespace stratus::indicators
