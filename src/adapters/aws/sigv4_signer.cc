#include "adapters/aws/sigv4_signer.h"

namespace stratus {

AwsRequestSigner make_sigv4_signer(AwsCredentials credentials, SigningScope scope,
                                   const Clock& clock, SigningOptions options) {
  return [credentials = std::move(credentials), scope = std::move(scope), &clock,
          options](HttpRequest& request) -> Status {
    auto result = sign_request(request, credentials, scope, clock.now(), options);
    if (!result.ok()) return result.error();
    return {};
  };
}

}  // namespace stratus
