// Shared reading of webhook exchanges (see webhook_answer.h).
#include "adapters/webhook/webhook_answer.h"

#include <algorithm>
#include <cctype>
#include <cstring>

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

// The text of an HTML page: tags, and the contents of <style> and <script>, dropped.
std::string html_text(std::string_view html) {
  const std::string folded = lower(html);
  std::string out;
  std::size_t i = 0;
  while (i < html.size()) {
    if (html[i] != '<') {
      out += html[i++];
      continue;
    }
    for (const char* hidden : {"style", "script"}) {
      if (folded.compare(i + 1, std::strlen(hidden), hidden) == 0) {
        const auto close = folded.find(std::string("</") + hidden, i);
        if (close != std::string::npos) i = close;
      }
    }
    const auto end = html.find('>', i);
    if (end == std::string_view::npos) break;
    i = end + 1;
    out += ' ';
  }
  return out;
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
  if (folded.find("<html") != std::string::npos || folded.find("<!doctype") != std::string::npos) {
    text = html_text(body);
  }
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  std::string collapsed;
  for (char c : text) {
    if (c == ' ' && (collapsed.empty() || collapsed.back() == ' ')) continue;
    collapsed += c;
  }
  while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
  return clipped(secrets.scrub(collapsed), limit);
}

std::string url_host(std::string_view url) {
  auto parts = parse_url(url);
  return parts.ok() ? parts->authority : "an invalid URL";
}

}  // namespace stratus
