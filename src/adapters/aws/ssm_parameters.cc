// SsmParameterStore (see ssm_parameters.h). Shapes from the SSM API reference:
// GetParametersByPath {Path, Recursive, WithDecryption, MaxResults, NextToken} ->
// {Parameters: [{Name, Type, Value, ...}], NextToken}; GetParameter {Name, WithDecryption} ->
// {Parameter: {Name, Type, Value, ...}}; PutParameter {Name, Value, Type,
// Overwrite} -> {Version, Tier}.
#include "adapters/aws/ssm_parameters.h"

#include <utility>

namespace stratus {
namespace {

constexpr int kMaxResults = 10;  // SSM's limit for GetParametersByPath.

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

bool has_string_fields(const nlohmann::json& p) {
  return p.is_object() && p.contains("Name") && p["Name"].is_string() && p.contains("Value") &&
         p["Value"].is_string() && p.contains("Type") && p["Type"].is_string();
}

}  // namespace

AwsJsonClientOptions ssm_json_client_options(const AwsSettings& settings, RetryPolicy retry) {
  AwsJsonClientOptions options;
  options.service_name = "SSM";
  options.endpoint = settings.endpoint;
  options.scope = {settings.region, settings.signing_service.empty() ? std::string("ssm")
                                                                     : settings.signing_service};
  options.target_prefix = "AmazonSSM";
  options.content_type = "application/x-amz-json-1.1";
  options.retry = retry;
  return options;
}

SsmParameterStore::SsmParameterStore(AwsJsonClient& client) : client_(client) {}

Result<std::vector<SsmParameter>> SsmParameterStore::get_parameters_by_path(std::string_view path,
                                                                            bool recursive,
                                                                            bool with_decryption) {
  if (path.empty() || path.front() != '/') {
    return Error::invalid_input("SSM parameter path " + quoted(path) +
                                ": expected a path starting with '/', e.g. \"/stratus/prod\"");
  }
  std::vector<SsmParameter> out;
  std::string next_token;
  do {
    nlohmann::json request = {{"Path", std::string(path)},
                              {"Recursive", recursive},
                              {"WithDecryption", with_decryption},
                              {"MaxResults", kMaxResults}};
    if (!next_token.empty()) request["NextToken"] = next_token;
    STRATUS_ASSIGN_OR_RETURN(nlohmann::json answer,
                             client_.call("GetParametersByPath", request, true));
    const auto parameters = answer.find("Parameters");
    if (parameters == answer.end() || !parameters->is_array()) {
      return Error::internal("SSM GetParametersByPath of " + quoted(path) +
                             ": expected a Parameters array in the answer");
    }
    for (const auto& p : *parameters) {
      if (!has_string_fields(p)) {
        return Error::internal("SSM GetParametersByPath of " + quoted(path) +
                               ": expected string Name, Value and Type in each parameter "
                               "(answer not shown: it may hold a secret)");
      }
      out.push_back({p["Name"].get<std::string>(), p["Value"].get<std::string>(),
                     p["Type"].get<std::string>()});
    }
    const auto token = answer.find("NextToken");
    next_token = token != answer.end() && token->is_string() ? token->get<std::string>() : "";
  } while (!next_token.empty());
  return out;
}

Result<SsmParameter> SsmParameterStore::get_parameter(std::string_view name, bool with_decryption) {
  if (name.empty() || name.front() != '/') {
    return Error::invalid_input("SSM parameter name " + quoted(name) +
                                ": expected a path starting with '/'");
  }
  const nlohmann::json request = {{"Name", std::string(name)}, {"WithDecryption", with_decryption}};
  STRATUS_ASSIGN_OR_RETURN(nlohmann::json answer, client_.call("GetParameter", request, true));
  const auto parameter = answer.find("Parameter");
  if (parameter == answer.end() || !has_string_fields(*parameter)) {
    return Error::internal("SSM GetParameter of " + quoted(name) +
                           ": expected a Parameter with string Name, Value and Type in the "
                           "answer (answer not shown: it may hold a secret)");
  }
  return SsmParameter{(*parameter)["Name"].get<std::string>(),
                      (*parameter)["Value"].get<std::string>(),
                      (*parameter)["Type"].get<std::string>()};
}

Status SsmParameterStore::put_parameter(std::string_view name, std::string_view value,
                                        std::string_view type, bool overwrite) {
  if (name.empty() || name.front() != '/') {
    return Error::invalid_input("SSM parameter name " + quoted(name) +
                                ": expected a path starting with '/'");
  }
  if (value.empty()) {
    return Error::invalid_input("SSM parameter " + quoted(name) +
                                ": expected a non-empty value (SSM refuses empty ones)");
  }
  if (type != "String" && type != "SecureString") {
    return Error::invalid_input("SSM parameter " + quoted(name) + " type " + quoted(type) +
                                ": expected \"String\" or \"SecureString\"");
  }
  const nlohmann::json request = {{"Name", std::string(name)},
                                  {"Value", std::string(value)},
                                  {"Type", std::string(type)},
                                  {"Overwrite", overwrite}};
  // With Overwrite a repeat has the effect of once; without, a repeat of a write that did land
  // would be refused as already existing, so it is not retried when the outcome is unknown.
  STRATUS_ASSIGN_OR_RETURN(AwsJsonAnswer answer,
                           client_.exchange("PutParameter", request, overwrite));
  if (!answer.error) return {};
  Error error = aws_error(*answer.error, "SSM PutParameter " + std::string(name));
  if (answer.error->type == "ParameterAlreadyExists") error.code = ErrorCode::kConflict;
  return error;
}

}  // namespace stratus
