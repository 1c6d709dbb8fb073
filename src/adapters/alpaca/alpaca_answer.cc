#include "adapters/alpaca/alpaca_answer.h"

#include <nlohmann/json.hpp>

#include "domain/time.h"

namespace stratus {
namespace {

std::string printable_start(std::string_view body) {
  std::string out;
  for (char c : body.substr(0, 160)) {
    out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
  }
  if (body.size() > 160) out += "...";
  return out;
}

}  // namespace

std::string redact_keys(std::string text, const AlpacaEndpoint& endpoint) {
  // One pass, longest key first, so a mark is never searched again.
  const std::string* keys[] = {&endpoint.secret_key, &endpoint.key_id};
  if (keys[0]->size() < keys[1]->size()) std::swap(keys[0], keys[1]);
  std::string out;
  for (std::size_t at = 0; at < text.size();) {
    const std::string* hit = nullptr;
    for (const std::string* key : keys) {
      if (!key->empty() && text.compare(at, key->size(), *key) == 0) {
        hit = key;
        break;
      }
    }
    if (hit != nullptr) {
      out += "[redacted]";
      at += hit->size();
    } else {
      out += text[at++];
    }
  }
  return out;
}

AlpacaRefusal read_refusal(const HttpResponse& response, const AlpacaEndpoint& endpoint) {
  AlpacaRefusal refusal;
  refusal.status = response.status;
  const auto body = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_object()) {
    auto code = body.find("code");
    if (code != body.end() && code->is_number_integer()) refusal.code = code->get<long long>();
    if (code != body.end() && code->is_number_float()) {
      refusal.code = static_cast<long long>(code->get<double>());
    }
    auto message = body.find("message");
    if (message != body.end() && message->is_string()) {
      refusal.message = printable_start(message->get<std::string>());
    }
  }
  if (refusal.message.empty()) {
    refusal.message = response.body.empty() ? "(empty body)" : printable_start(response.body);
  }
  refusal.message = redact_keys(std::move(refusal.message), endpoint);
  return refusal;
}

std::string describe_refusal(const AlpacaRefusal& refusal) {
  std::string text = "HTTP " + std::to_string(refusal.status);
  if (refusal.code) text += ", code " + std::to_string(*refusal.code);
  return text + ": " + refusal.message;
}

Error error_for_answer(const HttpResponse& response, const AlpacaEndpoint& endpoint) {
  const AlpacaRefusal refusal = read_refusal(response, endpoint);
  const std::string said = "Alpaca answered " + describe_refusal(refusal);
  if (response.status == 429) {
    std::string when;
    if (auto reset = response.header("X-RateLimit-Reset")) {
      char* end = nullptr;
      const long long seconds = std::strtoll(reset->c_str(), &end, 10);
      if (!reset->empty() && *end == '\0') {
        when = "; the budget refills at " +
               format_utc_timestamp(Timestamp(std::chrono::seconds(seconds)));
      }
    }
    return Error::unavailable(said + " (rate limit: about 200 requests a minute" + when + ")");
  }
  if (response.status >= 500) return Error::unavailable(said + " (a server error; try again)");
  if (response.status == 401 || response.status == 403) {
    if (refusal.code == 40110000 || response.status == 401) {
      return Error::rejected(said +
                             " (check the API key id and secret key, and that paper keys go "
                             "to the paper API and live keys to the live one)");
    }
  }
  return Error::rejected(said);
}

}  // namespace stratus
