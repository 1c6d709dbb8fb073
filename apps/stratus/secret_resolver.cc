// SecretResolver and the SSM secret sources (see secret_resolver.h).
#include "apps/stratus/secret_resolver.h"

#include <mutex>
#include <utility>

#include "apps/stratus/ssm_connection.h"
#include "config/secret_reference.h"
#include "support/redaction.h"

namespace stratus {
namespace {

constexpr std::string_view kEnvScheme = "env:";
constexpr std::string_view kSsmScheme = "ssm:";

class GetParameterSecrets : public SsmSecretSource {
 public:
  GetParameterSecrets(Environment env, HttpConfig http)
      : env_(std::move(env)), http_(std::move(http)) {}

  Result<std::optional<std::string>> read(const std::string& name) override {
    if (auto known = answers_.find(name); known != answers_.end()) return known->second;
    if (connection_ == nullptr) {
      STRATUS_ASSIGN_OR_RETURN(connection_,
                               SsmConnection::open(env_, http_, "the secret ssm:" + name));
    }
    auto parameter = connection_->store().get_parameter(name, /*with_decryption=*/true);
    if (!parameter.ok()) {
      if (parameter.error().code != ErrorCode::kNotFound) return parameter.error();
      answers_[name] = std::nullopt;
      return std::optional<std::string>();
    }
    answers_[name] = parameter->value;
    return std::optional<std::string>(std::move(parameter->value));
  }

 private:
  Environment env_;
  HttpConfig http_;
  std::unique_ptr<SsmConnection> connection_;
  std::map<std::string, std::optional<std::string>> answers_;
};

struct RememberedParameters {
  std::mutex mutex;
  std::optional<std::pair<std::string, std::map<std::string, std::string>>> parameters;
  // The process's one GetParameter source (made on first use), so each parameter is read from
  // SSM at most once however many resolvers ask.
  std::shared_ptr<SsmSecretSource> get_parameter;
};

// Forwards to the process's shared source; reads are serialised by its mutex.
class SharedSsmSecrets final : public SsmSecretSource {
 public:
  SharedSsmSecrets(std::shared_ptr<SsmSecretSource> source, std::mutex& mutex)
      : source_(std::move(source)), mutex_(mutex) {}
  Result<std::optional<std::string>> read(const std::string& name) override {
    std::lock_guard lock(mutex_);
    return source_->read(name);
  }

 private:
  std::shared_ptr<SsmSecretSource> source_;
  std::mutex& mutex_;
};

std::mutex shared_read_mutex;

RememberedParameters& remembered() {
  static RememberedParameters instance;
  return instance;
}

}  // namespace

PrefetchedSsmSecrets::PrefetchedSsmSecrets(std::string prefix,
                                           std::map<std::string, std::string> values,
                                           std::unique_ptr<SsmSecretSource> fallback)
    : under_(std::move(prefix)), values_(std::move(values)), fallback_(std::move(fallback)) {
  if (under_.empty() || under_.back() != '/') under_ += '/';
}

Result<std::optional<std::string>> PrefetchedSsmSecrets::read(const std::string& name) {
  if (name.starts_with(under_)) {
    auto it = values_.find(name);
    if (it == values_.end()) return std::optional<std::string>();
    return std::optional<std::string>(it->second);
  }
  if (fallback_ == nullptr) {
    return Error::unavailable("the SSM parameter " + name + " is outside " + under_ +
                              " and no other SSM source is configured");
  }
  return fallback_->read(name);
}

std::unique_ptr<SsmSecretSource> make_get_parameter_secrets(Environment env, HttpConfig http) {
  return std::make_unique<GetParameterSecrets>(std::move(env), std::move(http));
}

SecretResolver::SecretResolver(Environment env, std::unique_ptr<SsmSecretSource> ssm)
    : env_(std::move(env)), ssm_(std::move(ssm)) {}

Result<SecretLookup> SecretResolver::resolve(std::string_view reference) {
  if (classify_secret_reference(reference) != SecretReferenceShape::kValid) {
    return Error::invalid_input(
        "a secret reference (not shown): expected \"env:NAME\" or \"ssm:/path\"");
  }
  SecretLookup out;
  const std::string target(reference.substr(kEnvScheme.size()));
  if (reference.starts_with(kEnvScheme)) {
    out.place = "the environment variable " + target;
    auto it = env_.find(target);
    if (it == env_.end()) {
      out.absent = "is not set";
    } else if (it->second.empty()) {
      out.absent = "is empty";
    } else {
      out.value = it->second;
      register_secret(*out.value);
    }
    return out;
  }
  static_assert(kEnvScheme.size() == kSsmScheme.size());
  out.place = "the SSM parameter " + target;
  if (ssm_ == nullptr) {
    return Error::unavailable("SSM is not available to resolve " + std::string(reference));
  }
  STRATUS_ASSIGN_OR_RETURN(out.value, ssm_->read(target));
  if (!out.value) {
    out.absent = "does not exist";
  } else if (out.value->empty()) {
    out.value.reset();
    out.absent = "is empty";
  } else {
    register_secret(*out.value);
  }
  return out;
}

void remember_config_parameters(std::string prefix, std::map<std::string, std::string> values) {
  RememberedParameters& r = remembered();
  std::lock_guard lock(r.mutex);
  r.parameters.emplace(std::move(prefix), std::move(values));
}

std::unique_ptr<SecretResolver> process_secret_resolver(const Environment& env,
                                                        const HttpConfig& http) {
  RememberedParameters& r = remembered();
  std::lock_guard lock(r.mutex);
  if (!r.get_parameter) r.get_parameter = make_get_parameter_secrets(env, http);
  std::unique_ptr<SsmSecretSource> ssm =
      std::make_unique<SharedSsmSecrets>(r.get_parameter, shared_read_mutex);
  if (r.parameters) {
    ssm = std::make_unique<PrefetchedSsmSecrets>(r.parameters->first, r.parameters->second,
                                                 std::move(ssm));
  }
  return std::make_unique<SecretResolver>(env, std::move(ssm));
}

}  // namespace stratus
