#include "backtest/fill_model.h"

#include <string>

namespace stratus {

std::string_view fill_point_name(FillPoint point) {
  return point == FillPoint::kNextOpen ? "next_open" : "close";
}

Result<FillPoint> parse_fill_point(std::string_view name) {
  if (name == "close") return FillPoint::kClose;
  if (name == "next_open") return FillPoint::kNextOpen;
  return Error::invalid_input("fill point \"" + std::string(name) +
                              "\": expected \"close\" or \"next_open\"");
}

Money commission_of(const FillModel& model, std::int64_t shares) {
  return model.commission_per_order + model.commission_per_share * shares;
}

}  // namespace stratus
