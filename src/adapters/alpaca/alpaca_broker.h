// AlpacaBroker: the Broker port on Alpaca's Trading API v2 (paper or live), through the
// HttpClient port. Buys with market or limit orders carrying Stratus's deterministic
// client_order_id, which is Alpaca's own duplicate guard: a resent order is refused as a
// duplicate (422, "client_order_id must be unique") and reported as Conflict, so the caller looks
// it up instead of placing it twice. Also reads the account and positions, and cancels.
//
// Every answer is validated; a field that is missing or ill-typed is an error naming the field,
// with the endpoint as context. The API keys travel only in headers marked secret and never
// appear in an error.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/alpaca/alpaca_account.h"
#include "adapters/alpaca/alpaca_endpoint.h"
#include "ports/broker.h"
#include "ports/http_client.h"

namespace stratus {

class AlpacaBroker : public Broker {
 public:
  // REQUIRES: `http` outlives the broker. The endpoint is checked on each call (an http(s) base
  // URL and both keys, else InvalidInput and nothing is sent).
  AlpacaBroker(HttpClient& http, AlpacaEndpoint endpoint);

  std::string_view name() const override { return "alpaca"; }

  // POST /v2/orders (side buy). Errors:
  //   Rejected   the request is invalid (see validate_alpaca_order_request; nothing is sent), or
  //              Alpaca refused it, with its code and message: 401 keys; 403 (buying power,
  //              account) and 422 (validation) only after a lookup by client_order_id found no
  //              such order (Alpaca may check those before uniqueness);
  //   Conflict   the client_order_id was used before: the order exists, look it up;
  //   Ambiguous  it may have been placed: the connection broke after sending, Alpaca answered
  //              5xx, or its 200 answer could not be read;
  //   Unavailable it was not placed (not reachable, rate limited, circuit open).
  Result<BrokerOrder> submit(const OrderRequest& request) override;

  // GET /v2/orders:by_client_order_id. nullopt when Alpaca answers 404. Errors: Unavailable
  // (429, 5xx, unreachable), Ambiguous (the client's), Rejected (other refusals), InvalidInput
  // (an unreadable answer, or one for another client_order_id).
  Result<std::optional<BrokerOrder>> find_by_client_order_id(
      std::string_view client_order_id) override;

  // GET /v2/account's buying_power: what Alpaca checks a new order's cost against. Errors: as
  // account()'s.
  Result<std::optional<Money>> available_buying_power() override;

  // GET /v2/orders/{id}. NotFound when Alpaca answers 404; other errors as above.
  Result<BrokerOrder> order(std::string_view broker_order_id);

  // DELETE /v2/orders/{id}, then the order as it stands. NotFound for an unknown id; Rejected
  // (422) when it can no longer be canceled.
  Result<BrokerOrder> cancel(std::string_view broker_order_id);

  // GET /v2/account.
  Result<AlpacaAccount> account();

  // GET /v2/positions.
  Result<std::vector<AlpacaPosition>> positions();

 private:
  // Sends one request to `path` ("/v2/account", with its query), with the auth headers.
  Result<HttpResponse> send(std::string_view method, const std::string& path,
                            std::string body = {});
  // After a 403/422 refusal of `request`: Conflict if the order exists after all, else the
  // refusal.
  Error refusal_of_submit(const OrderRequest& request, const HttpResponse& response);
  Result<BrokerOrder> read_order(const HttpResponse& response);

  HttpClient& http_;
  AlpacaEndpoint endpoint_;
};

}  // namespace stratus
