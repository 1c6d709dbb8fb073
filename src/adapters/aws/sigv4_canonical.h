// The canonical forms AWS Signature Version 4 signs: URI-encoding, the canonical path, query
// string and header block. Pure text functions; sigv4.h puts them together.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ports/http_client.h"

namespace stratus {

// RFC 3986 percent-encoding as SigV4 wants it: every byte except the unreserved characters
// A-Z a-z 0-9 - . _ ~ becomes %XX with upper-case hex digits. With keep_slash, '/' is kept too
// (for paths).
std::string aws_uri_encode(std::string_view text, bool keep_slash = false);

// Decodes %XX sequences (either case of hex digit). A '%' not followed by two hex digits is kept
// as it is; '+' is kept as '+' (it is not a space in AWS query strings).
std::string aws_uri_decode(std::string_view text);

// The canonical URI of `path` (the path of the URL as sent on the wire, "" meaning "/").
//  - normalize: drops empty and "." segments and resolves ".." (never above the root), keeping a
//    trailing '/' when the path ended in '/', "." or ".."; every AWS service but S3 does this.
//  - Then every byte but '/' and the unreserved characters is percent-encoded once more. As the
//    wire path is already percent-encoded, a "%20" on the wire is signed as "%2520" (the
//    "double encoding" of all services but S3).
std::string canonical_uri(std::string_view path, bool normalize);

// One query parameter, decoded.
using QueryParameter = std::pair<std::string, std::string>;

// Splits a raw query string ("a=1&b=%20&c") into decoded parameters, in order; a parameter
// without '=' has an empty value; empty pieces ("a=1&&b=2") are skipped.
std::vector<QueryParameter> parse_query(std::string_view raw_query);

// The canonical query string: each name and value URI-encoded (aws_uri_encode), pairs sorted by
// encoded name then encoded value, joined as "name=value&...". Empty input gives "".
std::string canonical_query(const std::vector<QueryParameter>& parameters);

// Headers that are never signed: hop-by-hop headers a proxy may rewrite, the User-Agent and the
// tracing header that libraries and proxies add or change, and Authorization itself.
bool is_unsigned_header(std::string_view lower_case_name);

// Canonical header block and the signed-header list of `headers`, skipping is_unsigned_header
// ones and any name in `skip` (lower case):
//  - names lower-cased and sorted; the values of a repeated name joined with ',' in order;
//  - each value trimmed and every run of whitespace (space, tab, CR, LF) inside it collapsed to
//    one space (folded multi-line values become one line).
struct CanonicalHeaders {
  std::string block;           // "host:example.com\nx-amz-date:...\n" (each line ends in \n).
  std::string signed_headers;  // "host;x-amz-date".
};
CanonicalHeaders canonical_headers(const HttpHeaders& headers,
                                   const std::vector<std::string>& skip = {});

}  // namespace stratus
