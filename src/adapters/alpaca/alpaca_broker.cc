#include "adapters/alpaca/alpaca_broker.h"

#include "adapters/alpaca/alpaca_answer.h"
#include "adapters/alpaca/alpaca_data_request.h"
#include "adapters/alpaca/alpaca_order.h"

namespace stratus {
namespace {

constexpr const char* kKeyIdHeader = "APCA-API-KEY-ID";
constexpr const char* kSecretKeyHeader = "APCA-API-SECRET-KEY";

// "alpaca GET /v2/orders:by_client_order_id": the context of every error (no query: it may
// carry ids, never secrets, but the path names the endpoint well enough).
std::string context_of(std::string_view method, std::string_view path) {
  return "alpaca " + std::string(method) + " " + std::string(path.substr(0, path.find('?')));
}

bool is_success(int status) { return status >= 200 && status < 300; }

}  // namespace

AlpacaBroker::AlpacaBroker(HttpClient& http, AlpacaEndpoint endpoint)
    : http_(http), endpoint_(std::move(endpoint)) {
  while (!endpoint_.base_url.empty() && endpoint_.base_url.back() == '/') {
    endpoint_.base_url.pop_back();
  }
}

Result<HttpResponse> AlpacaBroker::send(std::string_view method, const std::string& path,
                                        std::string body) {
  const std::string context = context_of(method, path);
  const std::string& base = endpoint_.base_url;
  if (base.rfind("https://", 0) != 0 && base.rfind("http://", 0) != 0) {
    return Error::invalid_input("the Alpaca base URL \"" + redact_keys(base, endpoint_) +
                                    "\" is not an http(s) URL (expected e.g. " +
                                    kAlpacaPaperTradingUrl + ")",
                                context);
  }
  if (endpoint_.key_id.empty() || endpoint_.secret_key.empty()) {
    return Error::invalid_input("the Alpaca API key id or secret key is empty", context);
  }
  HttpRequest request;
  request.method = std::string(method);
  request.url = base + path;
  request.headers = {{kKeyIdHeader, endpoint_.key_id},
                     {kSecretKeyHeader, endpoint_.secret_key},
                     {"Accept", "application/json"}};
  if (!body.empty()) request.headers.emplace_back("Content-Type", "application/json");
  request.body = std::move(body);
  // Safe to resend: reads and cancels are idempotent, and an order carries its client_order_id,
  // which Alpaca refuses to accept twice.
  request.idempotent = true;
  request.secret_headers = {kKeyIdHeader, kSecretKeyHeader};
  auto response = http_.send(request);
  if (!response.ok()) {
    Error e = response.error();
    e.message = redact_keys(std::move(e.message), endpoint_);
    e.context = redact_keys(std::move(e.context), endpoint_);
    return e.within(context);
  }
  return response;
}

Result<BrokerOrder> AlpacaBroker::read_order(const HttpResponse& response) {
  STRATUS_ASSIGN_OR_RETURN(const Json body, parse_json_answer(response.body, "object"));
  return parse_alpaca_order(body);
}

Result<BrokerOrder> AlpacaBroker::submit(const OrderRequest& request) {
  const std::string path = "/v2/orders";
  const std::string context = context_of("POST", path);
  if (auto valid = validate_alpaca_order_request(request); !valid.ok()) {
    return valid.error().within(context);
  }
  auto sent = send("POST", path, alpaca_order_body(request).dump());
  if (!sent.ok()) return sent.error();
  const HttpResponse& response = *sent;
  if (is_success(response.status)) {
    auto order = read_order(response);
    if (order.ok() && order->client_order_id != request.client_order_id) {
      order = Error::invalid_input("the answer is for client_order_id \"" + order->client_order_id +
                                   "\"");
    }
    if (!order.ok()) {
      return Error::ambiguous("Alpaca accepted order " + request.client_order_id + " (HTTP " +
                                  std::to_string(response.status) +
                                  ") but its answer is unusable: " + order.error().to_string() +
                                  "; look the order up by client_order_id",
                              context);
    }
    return order;
  }
  if (response.status == 403 || response.status == 422) {
    return refusal_of_submit(request, response).within(context);
  }
  if (response.status >= 500) {
    return Error::ambiguous("Alpaca answered " +
                                describe_refusal(read_refusal(response, endpoint_)) + "; order " +
                                request.client_order_id +
                                " may or may not have been placed: look it up by client_order_id",
                            context);
  }
  return error_for_answer(response, endpoint_).within(context);
}

Error AlpacaBroker::refusal_of_submit(const OrderRequest& request, const HttpResponse& response) {
  const AlpacaRefusal refusal = read_refusal(response, endpoint_);
  const std::string said = "Alpaca answered " + describe_refusal(refusal);
  if (refusal.message.find("client_order_id must be unique") != std::string::npos) {
    return Error::conflict("client_order_id must be unique: " + said + "; order " +
                           request.client_order_id + " exists, look it up");
  }
  // Alpaca may check buying power or other fields before uniqueness: a resent order can be
  // refused for another reason although it was placed before. Only a lookup tells.
  auto existing = find_by_client_order_id(request.client_order_id);
  if (!existing.ok()) {
    Error e = existing.error();
    e.message =
        said + "; and looking order " + request.client_order_id + " up failed: " + e.message;
    return e;
  }
  if (existing->has_value()) {
    return Error::conflict("client_order_id must be unique: order " + request.client_order_id +
                           " already exists at Alpaca as " + (*existing)->broker_order_id + " (" +
                           said + ")");
  }
  return error_for_answer(response, endpoint_);
}

Result<std::optional<BrokerOrder>> AlpacaBroker::find_by_client_order_id(
    std::string_view client_order_id) {
  const std::string path =
      "/v2/orders:by_client_order_id?client_order_id=" + alpaca_url_encode(client_order_id);
  const std::string context = context_of("GET", path);
  STRATUS_ASSIGN_OR_RETURN(const HttpResponse response, send("GET", path));
  if (response.status == 404) return std::optional<BrokerOrder>{};
  if (!is_success(response.status)) return error_for_answer(response, endpoint_).within(context);
  auto order = read_order(response);
  if (!order.ok()) return order.error().within(context);
  if (order->client_order_id != client_order_id) {
    return Error::invalid_input("asked for client_order_id \"" + std::string(client_order_id) +
                                    "\", the answer is for \"" + order->client_order_id + "\"",
                                context);
  }
  return std::optional<BrokerOrder>{std::move(order).value()};
}

Result<BrokerOrder> AlpacaBroker::order(std::string_view broker_order_id) {
  const std::string path = "/v2/orders/" + alpaca_url_encode(broker_order_id);
  const std::string context = context_of("GET", "/v2/orders/{order_id}");
  STRATUS_ASSIGN_OR_RETURN(const HttpResponse response, send("GET", path));
  if (response.status == 404) {
    return Error::not_found("Alpaca has no order " + std::string(broker_order_id), context);
  }
  if (!is_success(response.status)) return error_for_answer(response, endpoint_).within(context);
  auto order = read_order(response);
  if (!order.ok()) return order.error().within(context);
  return order;
}

Result<BrokerOrder> AlpacaBroker::cancel(std::string_view broker_order_id) {
  const std::string path = "/v2/orders/" + alpaca_url_encode(broker_order_id);
  const std::string context = context_of("DELETE", "/v2/orders/{order_id}");
  STRATUS_ASSIGN_OR_RETURN(const HttpResponse response, send("DELETE", path));
  if (response.status == 404) {
    return Error::not_found("Alpaca has no order " + std::string(broker_order_id), context);
  }
  if (response.status == 422) {
    return Error::rejected("order " + std::string(broker_order_id) +
                               " cannot be canceled: Alpaca answered " +
                               describe_refusal(read_refusal(response, endpoint_)),
                           context);
  }
  if (!is_success(response.status)) return error_for_answer(response, endpoint_).within(context);
  return order(broker_order_id);
}

Result<AlpacaAccount> AlpacaBroker::account() {
  const std::string path = "/v2/account";
  STRATUS_ASSIGN_OR_RETURN(const HttpResponse response, send("GET", path));
  if (!is_success(response.status)) {
    return error_for_answer(response, endpoint_).within(context_of("GET", path));
  }
  auto body = parse_json_answer(response.body, "object");
  if (!body.ok()) return body.error().within(context_of("GET", path));
  auto account = parse_alpaca_account(*body);
  if (!account.ok()) return account.error().within(context_of("GET", path));
  return account;
}

Result<std::optional<Money>> AlpacaBroker::available_buying_power() {
  STRATUS_ASSIGN_OR_RETURN(const AlpacaAccount current, account());
  return std::optional<Money>(current.buying_power);
}

Result<std::vector<AlpacaPosition>> AlpacaBroker::positions() {
  const std::string path = "/v2/positions";
  STRATUS_ASSIGN_OR_RETURN(const HttpResponse response, send("GET", path));
  if (!is_success(response.status)) {
    return error_for_answer(response, endpoint_).within(context_of("GET", path));
  }
  auto body = parse_json_answer(response.body, "array");
  if (!body.ok()) return body.error().within(context_of("GET", path));
  auto positions = parse_alpaca_positions(*body);
  if (!positions.ok()) return positions.error().within(context_of("GET", path));
  return positions;
}

}  // namespace stratus
