#include "fakes/alpaca/fake_order.h"

#include <algorithm>
#include <array>

namespace stratus::fakes {
namespace {

constexpr std::array<std::string_view, 17> kStatuses = {"new",
                                                        "partially_filled",
                                                        "filled",
                                                        "done_for_day",
                                                        "canceled",
                                                        "expired",
                                                        "replaced",
                                                        "pending_cancel",
                                                        "pending_replace",
                                                        "accepted",
                                                        "pending_new",
                                                        "accepted_for_bidding",
                                                        "stopped",
                                                        "rejected",
                                                        "suspended",
                                                        "calculated",
                                                        "held"};
constexpr std::array<std::string_view, 5> kClosed = {"filled", "canceled", "expired", "replaced",
                                                     "rejected"};

}  // namespace

bool is_open_status(std::string_view status) {
  return is_order_status(status) &&
         std::find(kClosed.begin(), kClosed.end(), status) == kClosed.end();
}

bool is_order_status(std::string_view status) {
  return std::find(kStatuses.begin(), kStatuses.end(), status) != kStatuses.end();
}

}  // namespace stratus::fakes
