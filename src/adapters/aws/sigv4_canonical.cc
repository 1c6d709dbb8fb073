#include "adapters/aws/sigv4_canonical.h"

#include <algorithm>
#include <map>

#include "adapters/http/ascii.h"
#include "support/percent_encoding.h"

namespace stratus {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// `value` trimmed, with every inner run of whitespace replaced by one space.
std::string collapse_whitespace(std::string_view value) {
  std::string out;
  bool pending_space = false;
  for (char c : value) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> pieces;
  std::size_t start = 0;
  while (true) {
    const auto end = text.find(separator, start);
    pieces.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return pieces;
    start = end + 1;
  }
}

std::string normalize_path(std::string_view path) {
  std::vector<std::string_view> kept;
  const std::vector<std::string_view> segments = split(path, '/');
  for (std::string_view segment : segments) {
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (!kept.empty()) kept.pop_back();
      continue;
    }
    kept.push_back(segment);
  }
  std::string out;
  for (std::string_view segment : kept) {
    out += '/';
    out += segment;
  }
  const std::string_view last = segments.back();
  if (!kept.empty() && (last.empty() || last == "." || last == "..")) out += '/';
  return out.empty() ? "/" : out;
}

}  // namespace

std::string aws_uri_encode(std::string_view text, bool keep_slash) {
  return percent_encode(text, HexCase::kUpper, keep_slash ? "/" : "");
}

std::string aws_uri_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
        hex_value(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::string canonical_uri(std::string_view path, bool normalize) {
  if (path.empty()) return "/";
  const std::string shaped = normalize ? normalize_path(path) : std::string(path);
  return aws_uri_encode(shaped, /*keep_slash=*/true);
}

std::vector<QueryParameter> parse_query(std::string_view raw_query) {
  std::vector<QueryParameter> parameters;
  if (raw_query.empty()) return parameters;
  for (std::string_view piece : split(raw_query, '&')) {
    if (piece.empty()) continue;
    const auto equals = piece.find('=');
    if (equals == std::string_view::npos) {
      parameters.emplace_back(aws_uri_decode(piece), "");
    } else {
      parameters.emplace_back(aws_uri_decode(piece.substr(0, equals)),
                              aws_uri_decode(piece.substr(equals + 1)));
    }
  }
  return parameters;
}

std::string canonical_query(const std::vector<QueryParameter>& parameters) {
  std::vector<std::pair<std::string, std::string>> encoded;
  encoded.reserve(parameters.size());
  for (const auto& [name, value] : parameters) {
    encoded.emplace_back(aws_uri_encode(name), aws_uri_encode(value));
  }
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto& [name, value] : encoded) {
    if (!out.empty()) out += '&';
    out += name;
    out += '=';
    out += value;
  }
  return out;
}

bool is_unsigned_header(std::string_view lower_case_name) {
  static constexpr std::string_view kUnsigned[] = {
      "authorization", "connection",        "expect",  "keep-alive", "proxy-authorization", "te",
      "trailer",       "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id"};
  return std::find(std::begin(kUnsigned), std::end(kUnsigned), lower_case_name) !=
         std::end(kUnsigned);
}

CanonicalHeaders canonical_headers(const HttpHeaders& headers,
                                   const std::vector<std::string>& skip) {
  std::map<std::string, std::string> joined;  // Sorted by lower-case name.
  for (const auto& [name, value] : headers) {
    std::string lower = ascii_lower(name);
    if (is_unsigned_header(lower)) continue;
    if (std::find(skip.begin(), skip.end(), lower) != skip.end()) continue;
    auto [it, inserted] = joined.try_emplace(std::move(lower), collapse_whitespace(value));
    if (!inserted) {
      it->second += ',';
      it->second += collapse_whitespace(value);
    }
  }
  CanonicalHeaders out;
  for (const auto& [name, value] : joined) {
    out.block += name + ':' + value + '\n';
    if (!out.signed_headers.empty()) out.signed_headers += ';';
    out.signed_headers += name;
  }
  return out;
}

}  // namespace stratus
