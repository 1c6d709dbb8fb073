// A SigV4 signer as a function object, for clients that sign each request just before sending
// it (and again before every resend): status = signer(request).
#pragma once

#include <functional>

#include "adapters/aws/sigv4.h"
#include "ports/clock.h"

namespace stratus {

using AwsRequestSigner = std::function<Status(HttpRequest&)>;

// Signs with sign_request(request, credentials, scope, clock.now(), options).
// REQUIRES: clock outlives the signer. Thread-safe if the clock is.
AwsRequestSigner make_sigv4_signer(AwsCredentials credentials, SigningScope scope,
                                   const Clock& clock, SigningOptions options = {});

}  // namespace stratus
