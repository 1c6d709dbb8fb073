#include "adapters/aws/sigv4.h"

#include <algorithm>
#include <cstdio>
#include <string_view>
#include <vector>

#include "adapters/aws/sigv4_canonical.h"
#include "adapters/http/ascii.h"
#include "adapters/http/url_parts.h"
#include "support/sha256.h"

namespace stratus {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
constexpr std::chrono::seconds kMaxExpires{604'800};

// The pieces of the URL that signing needs.
struct Target {
  std::string authority;            // host[:port], lower case.
  std::string path;                 // As on the wire; "/" when absent.
  std::string query;                // Raw, without '?'; may be empty.
  std::size_t query_insert_at = 0;  // Where new query text goes in the URL (before any '#').
  bool has_query_mark = false;      // Whether the URL already has a '?'.
};

Result<Target> split_url(std::string_view url) {
  auto parts = parse_url(url);
  if (!parts.ok()) return parts.error().within("AWS request URL");
  Target target;
  target.authority = parts->authority;
  target.path = parts->path;
  const std::size_t after_scheme = url.find("://") + 3;
  const std::size_t fragment = url.find('#', after_scheme);
  const std::size_t question = url.find('?', after_scheme);
  target.query_insert_at = fragment == std::string_view::npos ? url.size() : fragment;
  if (question != std::string_view::npos && question < target.query_insert_at) {
    target.has_query_mark = true;
    target.query = std::string(url.substr(question + 1, target.query_insert_at - question - 1));
  }
  return target;
}

Status validate(const HttpRequest& request, const AwsCredentials& credentials,
                const SigningScope& scope) {
  if (credentials.access_key_id.empty()) {
    return Error::invalid_input(
        "AWS credentials: access_key_id is empty; expected an access key id");
  }
  if (credentials.secret_access_key.empty()) {
    return Error::invalid_input(
        "AWS credentials: secret_access_key is empty; expected the secret key of access key id '" +
        credentials.access_key_id + "'");
  }
  if (scope.region.empty()) {
    return Error::invalid_input("AWS signing scope: region is empty; expected e.g. 'us-east-1'");
  }
  if (scope.service.empty()) {
    return Error::invalid_input("AWS signing scope: service is empty; expected e.g. 'dynamodb'");
  }
  if (request.method.empty()) {
    return Error::invalid_input("AWS request: method is empty; expected e.g. 'POST'");
  }
  return {};
}

bool same_name(std::string_view a, std::string_view b) { return ascii_lower(a) == ascii_lower(b); }

bool has_header(const HttpHeaders& headers, std::string_view name) {
  return std::any_of(headers.begin(), headers.end(),
                     [&](const auto& header) { return same_name(header.first, name); });
}

void remove_header(HttpHeaders& headers, std::string_view name) {
  std::erase_if(headers, [&](const auto& header) { return same_name(header.first, name); });
}

void add_secret_header(HttpRequest& request, const std::string& name) {
  auto& names = request.secret_headers;
  if (std::none_of(names.begin(), names.end(), [&](const auto& n) { return same_name(n, name); })) {
    names.push_back(name);
  }
}

std::string date_stamp(Timestamp at) { return amz_date(at).substr(0, 8); }

std::string credential_scope(Timestamp at, const SigningScope& scope) {
  return date_stamp(at) + "/" + scope.region + "/" + scope.service + "/aws4_request";
}

// Fills in string_to_sign and signature from canonical_request.
void finish(SigningResult& result, const AwsCredentials& credentials, const SigningScope& scope,
            Timestamp at) {
  result.string_to_sign = std::string(kAlgorithm) + "\n" + amz_date(at) + "\n" +
                          credential_scope(at, scope) + "\n" +
                          hex_lower(sha256(result.canonical_request));
  std::string key = hmac_sha256("AWS4" + credentials.secret_access_key, date_stamp(at));
  key = hmac_sha256(key, scope.region);
  key = hmac_sha256(key, scope.service);
  key = hmac_sha256(key, "aws4_request");
  result.signature = hex_lower(hmac_sha256(key, result.string_to_sign));
}

std::string canonical_request(const HttpRequest& request, const Target& target,
                              std::string_view query, const CanonicalHeaders& headers,
                              const SigningOptions& options) {
  return request.method + "\n" + canonical_uri(target.path, options.normalize_path) + "\n" +
         std::string(query) + "\n" + headers.block + "\n" + headers.signed_headers + "\n" +
         hex_lower(sha256(request.body));
}

}  // namespace

std::string amz_date(Timestamp at) {
  const auto day = std::chrono::floor<std::chrono::days>(at);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{at - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return text;
}

Result<SigningResult> sign_request(HttpRequest& request, const AwsCredentials& credentials,
                                   const SigningScope& scope, Timestamp at,
                                   const SigningOptions& options) {
  STRATUS_RETURN_IF_ERROR(validate(request, credentials, scope));
  STRATUS_ASSIGN_OR_RETURN(const Target target, split_url(request.url));

  HttpHeaders& headers = request.headers;
  remove_header(headers, "Authorization");
  remove_header(headers, "X-Amz-Date");
  remove_header(headers, "X-Amz-Security-Token");
  if (options.add_content_sha256) remove_header(headers, "x-amz-content-sha256");
  if (!has_header(headers, "Host")) headers.emplace_back("Host", target.authority);
  const bool has_token = !credentials.session_token.empty();
  if (has_token) headers.emplace_back("X-Amz-Security-Token", credentials.session_token);
  headers.emplace_back("X-Amz-Date", amz_date(at));
  if (options.add_content_sha256) {
    headers.emplace_back("x-amz-content-sha256", hex_lower(sha256(request.body)));
  }

  std::vector<std::string> skip;
  if (!options.sign_session_token) skip.emplace_back("x-amz-security-token");
  const CanonicalHeaders canonical = canonical_headers(headers, skip);
  SigningResult result;
  result.canonical_request = canonical_request(
      request, target, canonical_query(parse_query(target.query)), canonical, options);
  finish(result, credentials, scope, at);

  headers.emplace_back("Authorization",
                       std::string(kAlgorithm) + " Credential=" + credentials.access_key_id + "/" +
                           credential_scope(at, scope) + ", SignedHeaders=" +
                           canonical.signed_headers + ", Signature=" + result.signature);
  add_secret_header(request, "Authorization");
  if (has_token) add_secret_header(request, "X-Amz-Security-Token");
  return result;
}

Result<SigningResult> presign_request(HttpRequest& request, const AwsCredentials& credentials,
                                      const SigningScope& scope, Timestamp at,
                                      const SigningOptions& options) {
  STRATUS_RETURN_IF_ERROR(validate(request, credentials, scope));
  if (options.expires < std::chrono::seconds{1} || options.expires > kMaxExpires) {
    return Error::invalid_input("AWS presigning: expires is " +
                                std::to_string(options.expires.count()) +
                                " s; expected 1 to 604800 s (7 days)");
  }
  STRATUS_ASSIGN_OR_RETURN(const Target target, split_url(request.url));
  if (!has_header(request.headers, "Host")) request.headers.emplace_back("Host", target.authority);
  const CanonicalHeaders canonical = canonical_headers(request.headers);

  // The parameters in the order they are appended to the URL (the signature goes last).
  std::vector<QueryParameter> added = {
      {"X-Amz-Algorithm", std::string(kAlgorithm)},
      {"X-Amz-Credential", credentials.access_key_id + "/" + credential_scope(at, scope)},
      {"X-Amz-Date", amz_date(at)},
      {"X-Amz-SignedHeaders", canonical.signed_headers},
      {"X-Amz-Expires", std::to_string(options.expires.count())},
  };
  const bool has_token = !credentials.session_token.empty();
  std::vector<QueryParameter> signed_parameters = parse_query(target.query);
  signed_parameters.insert(signed_parameters.end(), added.begin(), added.end());
  if (has_token) {
    added.emplace_back("X-Amz-Security-Token", credentials.session_token);
    if (options.sign_session_token) signed_parameters.push_back(added.back());
  }

  SigningResult result;
  result.canonical_request =
      canonical_request(request, target, canonical_query(signed_parameters), canonical, options);
  finish(result, credentials, scope, at);
  added.emplace_back("X-Amz-Signature", result.signature);

  std::string appended;
  for (const auto& [name, value] : added) {
    if (!appended.empty()) appended += '&';
    appended += aws_uri_encode(name) + "=" + aws_uri_encode(value);
  }
  if (!target.has_query_mark) {
    appended.insert(0, "?");
  } else if (!target.query.empty() && target.query.back() != '&') {
    appended.insert(0, "&");
  }
  request.url.insert(target.query_insert_at, appended);
  return result;
}

}  // namespace stratus
