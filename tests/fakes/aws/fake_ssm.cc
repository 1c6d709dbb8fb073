// FakeSsm (see fake_ssm.h).
#include "fakes/aws/fake_ssm.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <utility>

#include "adapters/aws/sigv4_verifier.h"

namespace stratus::fakes {
namespace {

constexpr const char* kContentType = "application/x-amz-json-1.1";
constexpr const char* kAccount = "123456789012";
constexpr const char* kTokenPrefix = "fake-ssm-token:";
constexpr std::size_t kMaxNameLength = 2048;
constexpr std::size_t kMaxStandardValue = 4096;
constexpr int kMaxLevels = 15;

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

nlohmann::json error_body(const std::string& type, const std::string& message) {
  return {{"__type", type}, {"message", message}};
}

bool is_name_character(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-' || c == '/';
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// "" when `name` is a valid parameter name, else the ValidationException message.
std::string name_problem(const std::string& name) {
  if (name.empty() || name.size() > kMaxNameLength) {
    return "Parameter name: must be 1-2048 characters";
  }
  if (!std::all_of(name.begin(), name.end(), is_name_character)) {
    return "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive) and "
           "must only contain letters, numbers, and the symbols _.-/";
  }
  if (name.find('/') != std::string::npos && name.front() != '/') {
    return "Parameter name must be a fully qualified name: it must begin with '/'";
  }
  const std::string first = lower(name.substr(name.front() == '/' ? 1 : 0, 3));
  if (first == "aws" || first == "ssm") {
    return "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive).";
  }
  return "";
}

int levels(const std::string& name) {
  return static_cast<int>(std::count(name.begin(), name.end(), '/'));
}

}  // namespace

std::map<std::string, std::string> fake_ssm_client_environment(const std::string& endpoint) {
  return {{"AWS_ACCESS_KEY_ID", kFakeAwsCredentials.access_key_id},
          {"AWS_SECRET_ACCESS_KEY", kFakeAwsCredentials.secret_access_key},
          {"AWS_REGION", "us-east-1"},
          {"AWS_ENDPOINT_URL_SSM", endpoint},
          {"AWS_CONFIG_FILE", "/nonexistent/stratus-test/config"},
          {"AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/stratus-test/credentials"}};
}

std::string fake_ssm_ciphertext(const std::string& value) { return "AQICAHciphertext:" + value; }

FakeSsm::FakeSsm(AwsCredentials known, std::string region)
    : FakeService("the fake SSM"), known_(std::move(known)), region_(std::move(region)) {
  server().Post("/", [this](const httplib::Request& req, httplib::Response& res) {
    std::string error_type;
    if (!req.has_header("Authorization")) {
      error_type = "MissingAuthenticationTokenException";
    } else {
      error_type = verify_signature(req, known_);
    }
    Answer answer;
    if (!error_type.empty()) {
      answer = {400, error_body(error_type,
                                error_type == "UnrecognizedClientException"
                                    ? "The security token included in the request is invalid."
                                    : "The request signature we calculated does not match the "
                                      "signature you provided. Check your AWS Secret Access "
                                      "Key and signing method.")};
    } else if (req.get_header_value("Content-Type") != kContentType) {
      answer = {400, error_body("SerializationException",
                                "expected Content-Type application/x-amz-json-1.1")};
    } else {
      answer = handle(req.get_header_value("X-Amz-Target"), req.body);
    }
    res.status = answer.status;
    {
      std::lock_guard lock(mutex_);
      res.set_header("x-amzn-RequestId", "fake-ssm-" + std::to_string(++request_counter_));
    }
    res.set_content(answer.body.dump(), kContentType);
  });
  server().Get("/__admin/parameters", [this](const httplib::Request&, httplib::Response& res) {
    res.set_content(state().dump(), "application/json");
  });
  server().Get("/__admin/requests", [this](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(mutex_);
    nlohmann::json operations = nlohmann::json::object();
    for (const auto& [name, count] : calls_) operations[name] = count;
    res.set_content(nlohmann::json{{"requests", requests_}, {"operations", operations}}.dump(),
                    "application/json");
  });
}

FakeSsm::~FakeSsm() { stop(); }

void FakeSsm::set(const std::string& name, const std::string& value, const std::string& type) {
  std::lock_guard lock(mutex_);
  auto [it, created] = stored_.try_emplace(name);
  FakeSsmParameter& p = it->second;
  p.name = name;
  p.value = value;
  p.type = type;
  p.version = created ? 1 : p.version + 1;
  p.last_modified = now_seconds();
}

Status FakeSsm::seed(const nlohmann::json& parameters) {
  const nlohmann::json& list = parameters.is_object() && parameters.contains("parameters")
                                   ? parameters["parameters"]
                                   : parameters;
  if (!list.is_array()) {
    return Error::invalid_input("seed: expected an array of {\"Name\", \"Value\", \"Type\"}");
  }
  for (const auto& entry : list) {
    if (!entry.is_object() || !entry.contains("Name") || !entry["Name"].is_string() ||
        !entry.contains("Value") || !entry["Value"].is_string() ||
        (entry.contains("Type") && !entry["Type"].is_string())) {
      return Error::invalid_input("seed entry " + entry.dump() +
                                  ": expected string Name and Value, and an optional string Type");
    }
    const std::string name = entry["Name"].get<std::string>();
    if (const std::string problem = name_problem(name); !problem.empty()) {
      return Error::invalid_input("seed entry " + entry.dump() + ": " + problem);
    }
    set(name, entry["Value"].get<std::string>(), entry.value("Type", std::string("String")));
  }
  return {};
}

std::optional<FakeSsmParameter> FakeSsm::find(const std::string& name) const {
  std::lock_guard lock(mutex_);
  auto it = stored_.find(name);
  if (it == stored_.end()) return std::nullopt;
  return it->second;
}

std::vector<FakeSsmParameter> FakeSsm::parameters() const {
  std::lock_guard lock(mutex_);
  std::vector<FakeSsmParameter> out;
  for (const auto& [_, p] : stored_) out.push_back(p);
  return out;
}

nlohmann::json FakeSsm::state() const {
  std::lock_guard lock(mutex_);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [_, p] : stored_) list.push_back(describe(p, true));
  return {{"parameters", list}};
}

void FakeSsm::throttle_next(int count) {
  std::lock_guard lock(mutex_);
  throttle_left_ = count;
}

int FakeSsm::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

int FakeSsm::calls(const std::string& operation) const {
  std::lock_guard lock(mutex_);
  auto it = calls_.find(operation);
  return it == calls_.end() ? 0 : it->second;
}

nlohmann::json FakeSsm::describe(const FakeSsmParameter& p, bool decrypt) const {
  const bool plain = p.type != "SecureString" || decrypt;
  return {{"Name", p.name},
          {"Type", p.type},
          {"Value", plain ? p.value : fake_ssm_ciphertext(p.value)},
          {"Version", p.version},
          {"LastModifiedDate", static_cast<double>(p.last_modified)},
          {"ARN", "arn:aws:ssm:" + region_ + ":" + kAccount + ":parameter" +
                      (p.name.front() == '/' ? "" : "/") + p.name},
          {"DataType", "text"}};
}

FakeSsm::Answer FakeSsm::handle(const std::string& target, const std::string& body_text) {
  std::lock_guard lock(mutex_);
  ++requests_;
  const std::string prefix = "AmazonSSM.";
  const std::string operation =
      target.rfind(prefix, 0) == 0 ? target.substr(prefix.size()) : std::string();
  ++calls_[operation.empty() ? target : operation];
  if (throttle_left_ > 0) {
    --throttle_left_;
    return {400, error_body("ThrottlingException", "Rate exceeded")};
  }
  const auto body = nlohmann::json::parse(body_text, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return {400, error_body("SerializationException", "the body is not a JSON object")};
  }
  if (operation == "GetParametersByPath") return get_parameters_by_path(body);
  if (operation == "GetParameter") return get_parameter(body);
  if (operation == "PutParameter") return put_parameter(body);
  return {400, error_body("UnknownOperationException", "unknown operation " + target)};
}

FakeSsm::Answer FakeSsm::get_parameters_by_path(const nlohmann::json& body) {
  const nlohmann::json path_node = body.value("Path", nlohmann::json());
  if (!path_node.is_string() || path_node.get<std::string>().empty()) {
    return {400, error_body("ValidationException",
                            "1 validation error detected: Value null at 'path' failed to "
                            "satisfy constraint: Member must not be null")};
  }
  const std::string path = path_node.get<std::string>();
  if (path.front() != '/') {
    return {400, error_body("ValidationException",
                            "The parameter doesn't meet the parameter name requirements. The "
                            "parameter name must begin with a forward slash \"/\".")};
  }
  const nlohmann::json max_node = body.value("MaxResults", nlohmann::json(10));
  if (!max_node.is_number_integer() || max_node.get<int>() < 1 || max_node.get<int>() > 10) {
    return {400, error_body("ValidationException",
                            "1 validation error detected: Value at 'maxResults' failed to "
                            "satisfy constraint: Member must have value less than or equal to "
                            "10 and greater than or equal to 1")};
  }
  const auto max_results = static_cast<std::size_t>(max_node.get<int>());
  const bool recursive = body.value("Recursive", false);
  const bool decrypt = body.value("WithDecryption", false);
  std::string after;  // Names sort after this one on the next page.
  if (body.contains("NextToken")) {
    const std::string token =
        body["NextToken"].is_string() ? body["NextToken"].get<std::string>() : std::string();
    if (token.rfind(kTokenPrefix, 0) != 0) {
      return {400, error_body("ValidationException", "The specified token is not valid.")};
    }
    after = token.substr(std::string(kTokenPrefix).size());
  }
  const std::string under = path.back() == '/' ? path : path + "/";
  nlohmann::json parameters = nlohmann::json::array();
  std::string last;
  bool more = false;
  for (auto it = after.empty() ? stored_.lower_bound(under) : stored_.upper_bound(after);
       it != stored_.end(); ++it) {
    const std::string& name = it->first;
    if (name.rfind(under, 0) != 0) break;
    if (!recursive && name.find('/', under.size()) != std::string::npos) continue;
    if (parameters.size() == max_results) {
      more = true;
      break;
    }
    parameters.push_back(describe(it->second, decrypt));
    last = name;
  }
  nlohmann::json answer = {{"Parameters", parameters}};
  if (more) answer["NextToken"] = kTokenPrefix + last;
  return {200, answer};
}

FakeSsm::Answer FakeSsm::get_parameter(const nlohmann::json& body) {
  const std::string name = body.value("Name", std::string());
  if (name.empty()) {
    return {400, error_body("ValidationException",
                            "1 validation error detected: Value null at 'name' failed to "
                            "satisfy constraint: Member must not be null")};
  }
  auto it = stored_.find(name);
  if (it == stored_.end()) return {400, error_body("ParameterNotFound", "")};
  return {200, {{"Parameter", describe(it->second, body.value("WithDecryption", false))}}};
}

FakeSsm::Answer FakeSsm::put_parameter(const nlohmann::json& body) {
  const std::string name = body.value("Name", std::string());
  if (const std::string problem = name_problem(name); !problem.empty()) {
    return {400, error_body("ValidationException", problem)};
  }
  if (levels(name) > kMaxLevels) {
    return {400, error_body("HierarchyLevelLimitExceededException",
                            "A hierarchy can have a maximum of 15 levels.")};
  }
  const std::string value = body.value("Value", std::string());
  if (value.empty()) {
    return {400, error_body("ValidationException",
                            "1 validation error detected: Value at 'value' failed to satisfy "
                            "constraint: Member must have length greater than or equal to 1")};
  }
  const std::string tier = body.value("Tier", std::string("Standard"));
  if (tier != "Standard" && tier != "Advanced" && tier != "Intelligent-Tiering") {
    return {400, error_body("ValidationException",
                            "1 validation error detected: Value '" + tier +
                                "' at 'tier' failed to satisfy constraint: Member must satisfy "
                                "enum value set: [Advanced, Intelligent-Tiering, Standard]")};
  }
  if (tier == "Standard" && value.size() > kMaxStandardValue) {
    return {400, error_body("ValidationException",
                            "Standard tier parameters support a maximum parameter value of 4096 "
                            "characters.")};
  }
  auto existing = stored_.find(name);
  std::string type = body.value("Type", std::string());
  if (type.empty()) {
    if (existing == stored_.end()) {
      return {400, error_body("ValidationException",
                              "A parameter type is required when you create a parameter.")};
    }
    type = existing->second.type;
  }
  if (type != "String" && type != "StringList" && type != "SecureString") {
    return {400, error_body("ValidationException",
                            "1 validation error detected: Value '" + type +
                                "' at 'type' failed to satisfy constraint: Member must satisfy "
                                "enum value set: [SecureString, StringList, String]")};
  }
  if (existing != stored_.end() && !body.value("Overwrite", false)) {
    return {400, error_body("ParameterAlreadyExists",
                            "The parameter already exists. To overwrite this value, set the "
                            "overwrite option in the request to true.")};
  }
  FakeSsmParameter& p = stored_[name];
  const bool created = p.name.empty();
  p.name = name;
  p.value = value;
  p.type = type;
  p.tier = tier == "Intelligent-Tiering" ? "Standard" : tier;
  p.version = created ? 1 : p.version + 1;
  p.last_modified = now_seconds();
  return {200, {{"Version", p.version}, {"Tier", p.tier}}};
}

}  // namespace stratus::fakes
