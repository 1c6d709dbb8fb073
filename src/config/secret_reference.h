// Secret references: config names where a secret lives ("env:NAME", "ssm:/path"), never the
// secret itself. The SecretStore port resolves them at run time.
#pragma once

#include <array>
#include <string_view>

namespace stratus {

enum class SecretReferenceShape {
  kValid,      // "env:NAME" (NAME = [A-Za-z_][A-Za-z0-9_]*) or "ssm:/path" ([A-Za-z0-9_.-/]).
  kMalformed,  // Starts with "env:" or "ssm:" but the rest is not a valid name or path.
  kLiteral,    // Anything else: looks like a secret value written into the config.
};

// Classifies `text` as a secret reference. Total: never fails.
SecretReferenceShape classify_secret_reference(std::string_view text);

// Config keys (dotted paths) outside [secrets] whose value is "" or a secret reference, because
// what they name holds a token: the webhook URLs and the Sheets shared secret.
inline constexpr std::array<std::string_view, 3> kSecretReferenceKeys = {
    "slack.webhook_url", "sheets.url", "sheets.secret"};

}  // namespace stratus
