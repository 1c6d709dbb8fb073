// Redaction: a process-wide registry of secret values (API keys, AWS secret keys and session
// tokens, webhook URLs, shared secrets) and redact(), which hides every registered value in a
// text. Secrets are registered where they are resolved (the secret resolver, the Alpaca keys,
// the AWS credentials); every log line (support/log.h) and every error message the CLI prints
// passes through redact().
//
// Values shorter than kMinRedactedSecretLength characters are NOT registered: a short value
// ("dev", "1234") would hide unrelated text everywhere it happens to occur, and real secrets
// (keys, tokens, URLs with tokens) are far longer.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace stratus {

inline constexpr std::string_view kRedactedText = "[REDACTED]";
inline constexpr std::size_t kMinRedactedSecretLength = 8;

// Registers `secret` so that redact() hides it, together with its URL-encoded forms (RFC 3986
// percent-encoding, upper- and lower-case hex) and its JSON-escaped form when they differ.
// Returns false (and registers nothing) when `secret` is shorter than kMinRedactedSecretLength.
// Thread-safe; registering a value twice is harmless.
bool register_secret(std::string_view secret);

// `text` with every occurrence of every registered form replaced by kRedactedText (longer forms
// first, so a secret that contains another is hidden whole). Thread-safe. Total.
std::string redact(std::string_view text);

// How many values are registered (tests and diagnostics; never the values).
std::size_t registered_secret_count();

// Forgets every registered value. For tests only.
void clear_registered_secrets_for_testing();

}  // namespace stratus
