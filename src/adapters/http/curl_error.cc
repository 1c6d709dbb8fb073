#include "adapters/http/curl_error.h"

#include <string>

namespace stratus {
namespace {

std::string with_detail(std::string what, std::string_view detail) {
  if (!detail.empty()) what += " (" + std::string(detail) + ")";
  return what;
}

std::string ms(std::chrono::milliseconds d) { return std::to_string(d.count()) + " ms"; }

// What went wrong before anything was sent.
std::string before_sending(const CurlFailure& f) {
  const std::string host(f.authority);
  switch (f.code) {
    case CURLE_COULDNT_RESOLVE_HOST:
      return "could not resolve host " + host;
    case CURLE_COULDNT_RESOLVE_PROXY:
      return "could not resolve the proxy for " + host;
    case CURLE_COULDNT_CONNECT:
      return "could not connect to " + host;
    case CURLE_OPERATION_TIMEDOUT:
      return "could not connect to " + host + " within the connect timeout of " +
             ms(f.connect_timeout);
    case CURLE_SSL_CONNECT_ERROR:
      return "TLS handshake with " + host + " failed";
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
      return "TLS certificate of " + host + " could not be verified";
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
      return "the connection to " + host + " failed before the request was sent";
    default:
      return std::string(curl_easy_strerror(f.code)) + " while connecting to " + host;
  }
}

// What went wrong after the request may have reached the server.
std::string after_sending(const CurlFailure& f) {
  const std::string host(f.authority);
  if (f.resend_refused) {
    return "the connection to " + host +
           " dropped after the request was sent, and the request is not idempotent so it was "
           "not resent";
  }
  switch (f.code) {
    case CURLE_OPERATION_TIMEDOUT:
      return "no complete answer from " + host + " within the total timeout of " +
             ms(f.total_timeout);
    case CURLE_GOT_NOTHING:
      return host + " closed the connection without answering";
    case CURLE_RECV_ERROR:
      return "the connection to " + host + " failed while waiting for the answer";
    case CURLE_SEND_ERROR:
      return "the connection to " + host + " failed while sending the request";
    case CURLE_PARTIAL_FILE:
      return "the answer from " + host + " was cut short";
    default:
      return std::string(curl_easy_strerror(f.code)) + " in the exchange with " + host;
  }
}

}  // namespace

Error curl_failure_error(const CurlFailure& f) {
  const std::string prefix = std::string(f.target) + ": ";
  if (f.request_started) {
    return Error::ambiguous(prefix + with_detail(after_sending(f), f.detail) +
                            "; the request may have taken effect");
  }
  switch (f.code) {
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return Error::invalid_input(prefix + with_detail("libcurl rejected the URL", f.detail));
    case CURLE_OUT_OF_MEMORY:
      return Error::internal(prefix + "libcurl ran out of memory");
    default:
      break;
  }
  return Error::unavailable(prefix + with_detail(before_sending(f), f.detail) +
                            "; the request was not sent");
}

}  // namespace stratus
