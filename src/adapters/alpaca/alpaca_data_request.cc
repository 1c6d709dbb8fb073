#include "adapters/alpaca/alpaca_data_request.h"

#include "adapters/alpaca/alpaca_answer.h"
#include "support/percent_encoding.h"

namespace stratus {
namespace {

constexpr const char* kKeyIdHeader = "APCA-API-KEY-ID";
constexpr const char* kSecretKeyHeader = "APCA-API-SECRET-KEY";

}  // namespace

std::string alpaca_url_encode(std::string_view text) { return percent_encode(text); }

std::string alpaca_get_context(std::string_view path_and_query) {
  return "alpaca GET " + std::string(path_and_query.substr(0, path_and_query.find('?')));
}

Result<HttpResponse> alpaca_data_get(HttpClient& http, const AlpacaEndpoint& endpoint,
                                     const std::string& path_and_query) {
  const std::string context = alpaca_get_context(path_and_query);
  std::string base = endpoint.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (base.rfind("https://", 0) != 0 && base.rfind("http://", 0) != 0) {
    return Error::invalid_input("the Alpaca market data URL \"" + redact_keys(base, endpoint) +
                                    "\" is not an http(s) URL (expected e.g. " + kAlpacaDataUrl +
                                    ")",
                                context);
  }
  if (endpoint.key_id.empty() || endpoint.secret_key.empty()) {
    return Error::invalid_input("the Alpaca API key id or secret key is empty", context);
  }
  HttpRequest request;
  request.method = "GET";
  request.url = base + path_and_query;
  request.headers = {{kKeyIdHeader, endpoint.key_id},
                     {kSecretKeyHeader, endpoint.secret_key},
                     {"Accept", "application/json"}};
  request.idempotent = true;
  request.secret_headers = {kKeyIdHeader, kSecretKeyHeader};
  auto response = http.send(request);
  if (!response.ok()) {
    Error e = response.error();
    e.message = redact_keys(std::move(e.message), endpoint);
    e.context = redact_keys(std::move(e.context), endpoint);
    // A GET changes nothing: an answer that may have been lost is simply not there.
    if (e.code == ErrorCode::kAmbiguous) e.code = ErrorCode::kUnavailable;
    return e.within(context);
  }
  if (response->status < 200 || response->status >= 300) {
    return error_for_answer(*response, endpoint).within(context);
  }
  return response;
}

}  // namespace stratus
