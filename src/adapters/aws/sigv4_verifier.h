// The server side of SigV4 for the local fakes of AWS services: rebuilds a received request
// from the headers the client says it signed and signs it again (with Stratus's signer, itself
// checked against AWS's SigV4 test suite) under the key the fake knows. Test support only.
#pragma once

#include <httplib.h>

#include <string>
#include <vector>

#include "adapters/aws/sigv4.h"

namespace stratus {

// "20260302T150000Z" -> the instant.
inline Timestamp from_amz_date(const std::string& d) {
  const std::string iso = d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2) + "T" +
                          d.substr(9, 2) + ":" + d.substr(11, 2) + ":" + d.substr(13, 2) + "Z";
  return parse_utc_timestamp(iso).value();
}

// The server side of SigV4: rebuilds the request from the headers the client says it signed and
// signs it again with the key the server knows. Returns "" when the signatures agree, otherwise
// the AWS error type to answer with.
inline std::string verify_signature(const httplib::Request& req, const AwsCredentials& known) {
  const std::string authorization = req.get_header_value("Authorization");
  const std::string credential_tag = "Credential=", signed_tag = "SignedHeaders=";
  const auto credential_at = authorization.find(credential_tag);
  const auto signed_at = authorization.find(signed_tag);
  if (credential_at == std::string::npos || signed_at == std::string::npos) {
    return "IncompleteSignatureException";
  }
  const std::string credential = authorization.substr(
      credential_at + credential_tag.size(),
      authorization.find(',', credential_at) - credential_at - credential_tag.size());
  if (credential.substr(0, credential.find('/')) != known.access_key_id) {
    return "UnrecognizedClientException";
  }
  // Credential=<key>/<date>/<region>/<service>/aws4_request
  std::vector<std::string> scope_parts;
  for (std::size_t start = 0, slash; start <= credential.size(); start = slash + 1) {
    slash = credential.find('/', start);
    if (slash == std::string::npos) slash = credential.size();
    scope_parts.push_back(credential.substr(start, slash - start));
  }
  if (scope_parts.size() != 5) return "IncompleteSignatureException";
  const std::string signed_list =
      authorization.substr(signed_at + signed_tag.size(),
                           authorization.find(',', signed_at) - signed_at - signed_tag.size());

  HttpRequest rebuilt;
  rebuilt.method = req.method;
  rebuilt.url = "http://" + req.get_header_value("Host") + req.target;
  rebuilt.body = req.body;
  for (std::size_t start = 0, semi; start <= signed_list.size(); start = semi + 1) {
    semi = signed_list.find(';', start);
    if (semi == std::string::npos) semi = signed_list.size();
    const std::string name = signed_list.substr(start, semi - start);
    if (name == "x-amz-date" || name == "x-amz-security-token") continue;  // Signing adds them.
    if (!req.has_header(name)) return "IncompleteSignatureException";
    rebuilt.headers.emplace_back(name, req.get_header_value(name));
  }
  AwsCredentials with_token = known;
  with_token.session_token = req.get_header_value("X-Amz-Security-Token");
  if (with_token.session_token != known.session_token) return "UnrecognizedClientException";
  auto result =
      sign_request(rebuilt, with_token, {.region = scope_parts[2], .service = scope_parts[3]},
                   from_amz_date(req.get_header_value("X-Amz-Date")));
  if (!result.ok()) return "IncompleteSignatureException";
  return rebuilt.headers.back().second == authorization ? "" : "InvalidSignatureException";
}

}  // namespace stratus
