// SecretText: the secrets one sink holds (its webhook URL, whose path and query carry tokens; a
// shared secret) and scrub(), which removes them from any text before it leaves the sink, so an
// error message, an outbox last_error or a log line never holds one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace stratus {

inline constexpr std::string_view kScrubbed = "[secret]";

class SecretText {
 public:
  // Adds `secret` as it is, percent-encoded and JSON-escaped. Empty values are ignored.
  void add(std::string_view secret);

  // Adds the secret parts of a URL: the URL itself (with and without its query), its path with
  // and without the query, its query, and every path segment of 12 characters or more (tokens,
  // deployment ids). The scheme and host stay readable: they are what errors name.
  void add_url(std::string_view url);

  // `text` with every occurrence of every secret replaced by "[secret]" (longest first, so a
  // secret holding another is hidden whole).
  std::string scrub(std::string_view text) const;

 private:
  void add_one(std::string value);
  std::vector<std::string> secrets_;  // Longest first, none empty, no repeats.
};

}  // namespace stratus
