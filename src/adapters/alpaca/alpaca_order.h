// Alpaca's Order object (Trading API v2) and Stratus's order types: the body of a new order, and
// a validated BrokerOrder from an order answer.
#pragma once

#include <string_view>

#include "adapters/alpaca/json_fields.h"
#include "ports/broker.h"

namespace stratus {

// The longest client_order_id Stratus sends (Alpaca's older documented limit; the spec allows
// 128).
inline constexpr std::size_t kAlpacaMaxClientOrderId = 48;

// Checks what Alpaca would refuse or what Stratus never means to send. Errors (Rejected, naming
// the field): empty symbol or client_order_id, client_order_id over 48 characters, qty <= 0, a
// limit order without a positive limit price, a limit price of $1 or more with fractions of a
// cent (Alpaca refuses sub-penny prices; Stratus does not round a price silently).
Status validate_alpaca_order_request(const OrderRequest& request);

// The JSON body of POST /v2/orders for a buy: symbol, qty (string), side "buy", type,
// time_in_force, client_order_id, and limit_price (string) for limit orders. REQUIRES: the request
// validated.
Json alpaca_order_body(const OrderRequest& request);

// Maps Alpaca's order status to Stratus's. Open states (new, accepted, pending_new,
// accepted_for_bidding, held, stopped, suspended, pending_cancel, pending_replace) are
// kPartiallyFilled once something filled, else kAccepted; done_for_day ends a day order
// (kExpired) and leaves another open; calculated is kFilled when everything filled, else as
// done_for_day; replaced is kCanceled. Errors: InvalidInput for an unknown status.
Result<BrokerOrderStatus> map_alpaca_status(std::string_view status, std::string_view time_in_force,
                                            Quantity qty, Quantity filled_qty);

// Reads an Order object. Checks every field it uses: id, client_order_id, symbol, qty (whole
// shares; a notional order is an error), filled_qty, filled_avg_price (required once something
// filled), status, time_in_force, created_at / submitted_at, filled_at, updated_at.
// submitted_at falls back to created_at; a partial fill's time (filled_at is null until the
// order has filled) is its updated_at. Commission is zero (Alpaca charges none on equities).
// Errors: InvalidInput naming the field.
Result<BrokerOrder> parse_alpaca_order(const Json& order);

}  // namespace stratus
