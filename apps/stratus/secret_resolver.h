// SecretResolver: [secrets] references to their values, at run time. A reference is
//   "env:NAME"   the environment variable NAME (from the map main read; never getenv);
//   "ssm:/path"  the SSM parameter /path, decrypted (an SsmSecretSource answers).
// The values are secrets: they are returned to the caller only, never put in an error, a log
// line or `config show`; every value resolved is registered for redaction
// (support/redaction.h), so it is hidden even where a caller's text might carry it. Anything that
// reads [secrets] (alpaca_credentials.cc) goes through here.
//
// For this process (process_secret_resolver): when the config came from SSM
// (`--config ssm:/stratus/prod`), its load already read every parameter under the prefix
// decrypted (remember_config_parameters), so references under that prefix are answered from
// that answer without another call (IAM needs only ssm:GetParametersByPath); any other "ssm:"
// reference is read with GetParameter (WithDecryption) on first use, once per process (the
// answers are shared by every resolver), the SSM connection built from the environment and the
// [http] of the first call.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.h"
#include "domain/result.h"

namespace stratus {

using Environment = std::map<std::string, std::string>;

// The outcome of resolving one reference that is well-formed.
struct SecretLookup {
  std::optional<std::string> value;  // The secret; nullopt when there is none (see `absent`).
  // The place named, safe to show: "the environment variable X", "the SSM parameter /p".
  std::string place;
  std::string absent;  // Without a value: "is not set", "is empty" or "does not exist".
};

// Where "ssm:" references are read.
class SsmSecretSource {
 public:
  virtual ~SsmSecretSource() = default;
  // The decrypted value of the parameter `name`; nullopt when there is no such parameter.
  // Errors: the SSM call's (Rejected for refused credentials, Unavailable, ...), never holding
  // a value.
  virtual Result<std::optional<std::string>> read(const std::string& name) = 0;
};

// Parameters already read and decrypted (a GetParametersByPath answer of the whole tree under
// `prefix`): names under the prefix are answered from `values` (a name not there does not
// exist); any other name goes to `fallback` (nullptr: NotFound is not assumed, Unavailable).
class PrefetchedSsmSecrets : public SsmSecretSource {
 public:
  PrefetchedSsmSecrets(std::string prefix, std::map<std::string, std::string> values,
                       std::unique_ptr<SsmSecretSource> fallback);
  Result<std::optional<std::string>> read(const std::string& name) override;

 private:
  std::string under_;  // The prefix with a trailing '/'.
  std::map<std::string, std::string> values_;
  std::unique_ptr<SsmSecretSource> fallback_;
};

// GetParameter with WithDecryption = true, one call per name (answers kept), the connection
// opened on first use from `env` and `http` (errors of SsmConnection::open then).
std::unique_ptr<SsmSecretSource> make_get_parameter_secrets(Environment env, HttpConfig http);

class SecretResolver {
 public:
  // `ssm` answers "ssm:" references; nullptr: they are Unavailable.
  SecretResolver(Environment env, std::unique_ptr<SsmSecretSource> ssm);

  // Resolves `reference`. Errors: InvalidInput when it is not "env:NAME" or "ssm:/path" (the
  // text is not shown: it may be a secret); the SSM source's errors.
  Result<SecretLookup> resolve(std::string_view reference);

 private:
  Environment env_;
  std::unique_ptr<SsmSecretSource> ssm_;
};

// Records the decrypted parameters under `prefix` read by this process's config load, for
// process_secret_resolver. Called once, by the SSM config source.
void remember_config_parameters(std::string prefix, std::map<std::string, std::string> values);

// A resolver for this process (rules at the top).
std::unique_ptr<SecretResolver> process_secret_resolver(const Environment& env,
                                                        const HttpConfig& http);

}  // namespace stratus
