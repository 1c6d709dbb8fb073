// Checks an HttpRequest before anything is sent, so a malformed one fails as InvalidInput
// without touching the network.
#pragma once

#include "domain/result.h"
#include "ports/http_client.h"

namespace stratus {

// Fails with InvalidInput when the method is not GET/POST/PUT/PATCH/DELETE (upper case), when
// GET or DELETE carries a body, or when a header name is not an RFC 9110 token or a header
// value contains CR, LF or NUL (header injection). Messages name the header, never its value.
Status check_request(const HttpRequest& request);

}  // namespace stratus
