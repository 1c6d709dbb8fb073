// SecretText (see secret_text.h).
#include "adapters/webhook/secret_text.h"
#include "support/percent_encoding.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace stratus {
namespace {

constexpr std::size_t kMinTokenSegment = 12;

}  // namespace

void SecretText::add_one(std::string value) {
  if (value.empty()) return;
  if (std::find(secrets_.begin(), secrets_.end(), value) != secrets_.end()) return;
  secrets_.push_back(std::move(value));
  std::stable_sort(secrets_.begin(), secrets_.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

void SecretText::add(std::string_view secret) {
  if (secret.empty()) return;
  add_one(std::string(secret));
  add_one(percent_encode(secret, HexCase::kUpper));
  add_one(percent_encode(secret, HexCase::kLower));
  const std::string quoted = nlohmann::json(std::string(secret))
                                 .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  add_one(quoted.substr(1, quoted.size() - 2));
}

void SecretText::add_url(std::string_view url) {
  add(url);
  const auto scheme_end = url.find("://");
  const std::size_t host_start = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  const auto path_start = url.find_first_of("/?#", host_start);
  if (path_start == std::string_view::npos) return;
  const std::string_view tail = url.substr(path_start);  // Path, query and fragment.
  add(tail);
  const auto query_start = tail.find_first_of("?#");
  const std::string_view path = tail.substr(0, query_start);
  if (path.size() > 1) add(path);
  if (query_start != std::string_view::npos) {
    add(url.substr(0, path_start + query_start));
    add(tail.substr(query_start + 1));
  }
  std::size_t start = 0;
  while (start < path.size()) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view segment = path.substr(start, end - start);
    if (segment.size() >= kMinTokenSegment) add(segment);
    start = end + 1;
  }
}

std::string SecretText::scrub(std::string_view text) const {
  std::string out(text);
  for (const std::string& secret : secrets_) {
    std::size_t at = 0;
    while ((at = out.find(secret, at)) != std::string::npos) {
      out.replace(at, secret.size(), kScrubbed);
      at += kScrubbed.size();
    }
  }
  return out;
}

}  // namespace stratus
