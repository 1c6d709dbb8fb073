// Shared reading of webhook exchanges (see webhook_answer.h).
#include "adapters/webhook/webhook_answer.h"

#include <algorithm>
#include <cctype>

#include "adapters/http/server_wait.h"
#include "adapters/http/url_parts.h"

namespace stratus {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// `text` cut to at most `limit` bytes, never inside a UTF-8 sequence.
std::string clipped(std::string text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text + "...";
}

}  // namespace

std::optional<std::chrono::seconds> requested_wait(const HttpResponse& response, Timestamp now) {
  if (!response.header("Retry-After")) return std::nullopt;  // X-RateLimit-Reset is Alpaca's.
  const auto wait = server_requested_wait(response, now);
  if (!wait) return std::nullopt;
  return std::chrono::ceil<std::chrono::seconds>(*wait);
}

DeliveryResult exchange_failure(const Error& error, std::string_view receiver,
                                const SecretText& secrets) {
  ErrorCode code = ErrorCode::kUnavailable;
  if (error.code == ErrorCode::kAmbiguous) code = ErrorCode::kAmbiguous;
  if (error.code == ErrorCode::kInvalidInput) code = ErrorCode::kRejected;
  return DeliveryResult::failed(
      Error{code, secrets.scrub(error.to_string()), std::string(receiver)});
}

std::string body_summary(std::string_view body, const SecretText& secrets, std::size_t limit) {
  std::string text(body);
  const std::string folded = lower(body);
  if (const auto open = folded.find("<title>"); open != std::string::npos) {
    const auto close = folded.find("</title>", open);
    if (close != std::string::npos) text = text.substr(open + 7, close - open - 7);
  }
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  const auto first = text.find_first_not_of(' ');
  if (first == std::string::npos) return "";
  text = text.substr(first, text.find_last_not_of(' ') - first + 1);
  return clipped(secrets.scrub(text), limit);
}

std::string url_host(std::string_view url) {
  auto parts = parse_url(url);
  return parts.ok() ? parts->authority : "an invalid URL";
}

}  // namespace stratus
