// What the webhook sinks (Sheets, Slack) share in reading an HTTP exchange: the wait a receiver
// asks for, the delivery failure for an exchange that failed, and a short, secret-free summary
// of an answer's body for error messages.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/webhook/secret_text.h"
#include "domain/time.h"
#include "ports/http_client.h"
#include "ports/remote_sink.h"

namespace stratus {

// The wait `response` asks for (Retry-After as seconds or an HTTP-date, measured from `now`),
// rounded up to whole seconds; nullopt when it asks for none or the value is malformed.
std::optional<std::chrono::seconds> requested_wait(const HttpResponse& response, Timestamp now);

// The delivery result for an exchange HttpClient::send failed: Unavailable and Ambiguous keep
// their class (not sent / may have arrived); InvalidInput (a malformed URL: the configuration's
// fault) becomes Rejected; anything else Unavailable. The error's context is `receiver` (e.g.
// "the Slack webhook (hooks.slack.com)"); its message is the client's, scrubbed of `secrets`.
DeliveryResult exchange_failure(const Error& error, std::string_view receiver,
                                const SecretText& secrets);

// A short summary of an answer body for messages: its text (of an HTML page: without tags,
// styles and scripts), control characters and runs of blanks as one space, at most `limit` bytes
// (never cutting a UTF-8 character), scrubbed of `secrets`. "" for an empty body.
std::string body_summary(std::string_view body, const SecretText& secrets, std::size_t limit = 200);

// "host[:port]" of `url` for messages ("hooks.slack.com"), or "an invalid URL".
std::string url_host(std::string_view url);

}  // namespace stratus
