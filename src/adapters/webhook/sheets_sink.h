// SheetsSink: the RemoteSink "sheets": audit events appended to a Google Sheet by the Apps Script
// web app of deploy/sheets/Code.gs.
//
// One delivery: POST {"secret": S, "event": <event>} (application/json) to the web app's /exec
// URL. Apps Script runs doPost and answers 302 with the script's output parked at a
// script.googleusercontent.com/macros/echo URL, which is read with GET (never a re-POST: the
// POST's effects already happened); a Location relative to the URL is resolved against it. A
// 200 straight from the POST is read the same way. The script answers
//   {"ok":true} | {"ok":true,"duplicate":true} | {"ok":false,"error":"..."[,"retry":true]}
// Outcomes:
//   ok (duplicate or not)                                   delivered
//   ok false with retry (the script was busy)               Unavailable
//   ok false (wrong secret, bad event, ...)                 Rejected with the script's error
//   POST answered 429 / 5xx, or not sent (network)          Unavailable (429/503 Retry-After kept)
//   POST answered 401 / 403 / 404 / other 4xx               Rejected (access not "Anyone", no such
//                                                           deployment, ...)
//   POST sent but no answer, or the echo GET failed or     Ambiguous (the script may have run; a
//   answered an error                                       repeat is dropped by its event id)
//   an answer that is not the script's JSON (an HTML       Rejected (a sign-in page: the web app
//   page)                                                   is not deployed for "Anyone")
// The POST is sent as idempotent (HttpRequest::idempotent): the script drops an event id it has
// already stored, so a retrying HTTP client may resend it after a lost answer or a 5xx without
// adding a row twice.
// The URL (its deployment id) and the secret are secrets: messages name "the Sheets web app
// (<host>)" only, and everything the receiver says is scrubbed of both.
#pragma once

#include <string>
#include <string_view>

#include "adapters/webhook/secret_text.h"
#include "ports/clock.h"
#include "ports/http_client.h"
#include "ports/remote_sink.h"

namespace stratus {

class SheetsSink final : public RemoteSink {
 public:
  // REQUIRES: `http` and `clock` outlive this sink. `url` is the web app's /exec URL and
  // `secret` the script property STRATUS_SECRET (resolved values, not references); check them
  // first with check_settings(): with a bad URL every delivery fails Rejected.
  // `http` should not follow redirects (CurlHttpClient does not). Thread-compatible.
  SheetsSink(HttpClient& http, const Clock& clock, std::string url, std::string secret);

  // OK, or InvalidInput naming the setting (never its value): [sheets] url must be an absolute
  // http(s) URL, [sheets] secret non-empty.
  static Status check_settings(std::string_view url, std::string_view secret);

  std::string_view name() const override { return "sheets"; }

  // One delivery as the file comment says. REQUIRES: `event` has a string "event_id". Never
  // throws.
  DeliveryResult deliver(const nlohmann::json& event) override;

 private:
  // Reads the script's answer from `response` (to the POST or the echo GET). `after_post`: the
  // POST certainly ran, so failures here are Ambiguous.
  DeliveryResult read_script_answer(const HttpResponse& response, const std::string& event_id,
                                    bool after_post) const;
  DeliveryResult rejected(std::string message) const;

  HttpClient& http_;
  const Clock& clock_;
  std::string url_;
  std::string secret_;
  std::string receiver_;  // "the Sheets web app (script.google.com)".
  SecretText secrets_;
};

}  // namespace stratus
