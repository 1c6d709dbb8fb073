// SimulatedBroker: the broker of a backtest. A cash account in memory: deposits, orders, fills
// decided from the market data by a FillModel, and the positions they build. It answers the
// Broker port exactly as the live broker would, so execute drives it unchanged.
//
// Buying power. Orders due by the submission are settled first; then an order is accepted only
// when its estimated cost fits the cash not already committed to open orders: qty x reference price
// (the limit price of a limit order, else the close of the last completed session), raised by the
// slippage, plus the commission. Otherwise submit fails as Alpaca does: Rejected "insufficient
// buying power". An accepted order commits that estimate until it fills or ends; if its actual cost
// at the fill is more than the cash held, it is canceled ("insufficient buying power at the fill"):
// cash never goes below zero.
//
// Fills (no look-ahead: an order is decided only once the clock has reached its fill instant).
// The fill session is the first session that, under the FillModel's point, comes after the
// submission: for kClose, the session in progress at submission (or the next one when submitted
// after its close); for kNextOpen, the first session opening after submission.
//   market  fills fully at the point's price raised by the slippage.
//   limit   fills at min(that price, limit) when that price is at or below the limit; for
//           kNextOpen, otherwise at the limit at the close when the session's low reached it;
//           else expires (day orders) or waits for the next session (gtc).
// A symbol without a bar on its fill session (halted, not yet listed) expires a day order
// ("no bar for SYMBOL on DATE") and keeps a gtc order waiting.
#pragma once

#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "backtest/fill_model.h"
#include "ports/broker.h"
#include "ports/clock.h"
#include "ports/market_calendar.h"
#include "ports/market_data.h"

namespace stratus {

// What the account holds of one symbol.
struct Holding {
  Quantity shares;
  Money cost;  // Everything paid for the shares: fill prices and commissions.
};

// One filled order, as the account booked it.
struct Fill {
  std::string client_order_id;
  std::string symbol;
  Quantity qty;
  Money price;  // Per share, with slippage.
  Money commission;
  Timestamp at;
};

class SimulatedBroker final : public Broker {
 public:
  // REQUIRES: every reference outlives the broker; model's amounts are >= 0.
  SimulatedBroker(MarketData& data, const MarketCalendar& calendar, const Clock& clock,
                  FillModel model);

  std::string_view name() const override { return "simulated"; }

  // Accepts the order (submitted_at = clock.now(), broker_order_id "sim-<n>"). Rejected: qty not
  // positive, empty symbol or client_order_id, an id over 48 characters, a limit order without a
  // positive limit, a symbol the data does not know or has no close for yet, or insufficient
  // buying power. Conflict when the client_order_id was used before (the order is unchanged).
  Result<BrokerOrder> submit(const OrderRequest& request) override;

  // Settles what is due as of clock.now(), then returns the order (nullopt for an unknown id).
  Result<std::optional<BrokerOrder>> find_by_client_order_id(
      std::string_view client_order_id) override;

  // Settles what is due as of clock.now(), then returns buying_power().
  Result<std::optional<Money>> available_buying_power() override;

  // Decides every open order whose fill instant is at or before `now`, in submission order, and
  // books the fills. Errors: those of the market data and the calendar (nothing is booked for
  // the order that met them).
  Status settle(Timestamp now);

  // Adds `amount` (> 0) to the cash.
  void deposit(Money amount);

  Money cash() const { return cash_; }
  // Cash not committed to open orders.
  Money buying_power() const { return cash_ - committed_; }
  const std::map<std::string, Holding, std::less<>>& holdings() const { return holdings_; }
  const std::vector<Fill>& fills() const { return fills_; }
  // Every order ever submitted, in submission order.
  const std::vector<BrokerOrder>& orders() const { return orders_; }

  // Hand over the fills and the orders, moved, leaving the broker without them: for the end of
  // a backtest (see MemoryLedger::release_orders). The broker must not be used afterwards.
  std::vector<Fill> release_fills() { return std::move(fills_); }
  std::vector<BrokerOrder> release_orders() { return std::move(orders_); }

 private:
  // What the order asked for beyond BrokerOrder, and how far it has been decided.
  struct Terms {
    OrderType type = OrderType::kMarket;
    std::optional<Money> limit;
    TimeInForce time_in_force = TimeInForce::kDay;
    Money estimate;                      // Committed buying power while open.
    std::optional<MarketDay> candidate;  // The session it may fill in next, once known.
  };
  // What an open order has become as of some instant (kAccepted: nothing yet).
  struct Decision {
    BrokerOrderStatus status = BrokerOrderStatus::kAccepted;
    Money price;
    Timestamp at;
    std::string reason;
  };

  // REQUIRES: `order` is open. Advances terms.candidate past sessions a gtc order outlived.
  Result<Decision> decide(const BrokerOrder& order, Terms& terms, Timestamp now);
  // The first fill session of an order submitted at `submitted_at` per the FillModel, or (when
  // `after_session` is set) the session after that one. Errors: the calendar's (out of range).
  Result<MarketDay> fill_session(Timestamp submitted_at, Date after_session) const;
  void book(std::size_t index, const Decision& decision);

  MarketData& data_;
  const MarketCalendar& calendar_;
  const Clock& clock_;
  FillModel model_;
  Money cash_;
  Money committed_;
  std::vector<BrokerOrder> orders_;
  std::vector<Terms> terms_;
  std::unordered_map<std::string, std::size_t> by_client_id_;
  std::deque<std::size_t> open_;  // Indexes of accepted orders, in submission order.
  std::map<std::string, Holding, std::less<>> holdings_;
  std::vector<Fill> fills_;
  // The instant of the last complete settle, and how many orders existed then. A decision
  // depends only on the order, its terms and the instant, so an order left open by a settle at
  // some instant is still open at that instant: a second settle then decides only newer orders.
  std::optional<Timestamp> settled_at_;
  std::size_t settled_orders_ = 0;
  std::vector<DailyBar> bar_;  // The one bar submit() and decide() read, reused.
};

}  // namespace stratus
