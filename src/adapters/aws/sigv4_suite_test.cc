// Every case of AWS's Signature Version 4 test suite (tests/fixtures/aws-sigv4/v4, see its
// SOURCE.md), signed both ways: with an Authorization header and as a presigned URL. For each,
// the canonical request, string to sign, signature and the whole signed request must equal the
// suite's. No case is skipped: one the signer cannot reproduce fails.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "adapters/aws/sigv4.h"

namespace stratus {
namespace {

namespace fs = std::filesystem;

const fs::path kSuite = fs::path(STRATUS_SOURCE_DIR) / "tests/fixtures/aws-sigv4/v4";

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) ADD_FAILURE() << "cannot read " << path;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(kSuite, error)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The suite's raw request text as an HttpRequest on https://<Host header><target>.
struct RawRequest {
  HttpRequest request;
  std::string host;
};

RawRequest parse_request(const std::string& text) {
  RawRequest raw;
  const auto blank = text.find("\n\n");
  std::string head = text.substr(0, blank);
  if (blank != std::string::npos) raw.request.body = text.substr(blank + 2);
  while (!head.empty() && head.back() == '\n') head.pop_back();

  std::istringstream lines(head);
  std::string line;
  std::getline(lines, line);
  const auto first_space = line.find(' ');
  const auto last_space = line.rfind(' ');  // The target itself may contain spaces.
  raw.request.method = line.substr(0, first_space);
  const std::string target = line.substr(first_space + 1, last_space - first_space - 1);
  while (std::getline(lines, line)) {
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
      raw.request.headers.back().second += "\n" + line;  // A folded continuation line.
      continue;
    }
    const auto colon = line.find(':');
    raw.request.headers.emplace_back(line.substr(0, colon), line.substr(colon + 1));
    if (line.substr(0, colon) == "Host") raw.host = line.substr(colon + 1);
  }
  raw.request.url = "https://" + raw.host + target;
  return raw;
}

// The inverse of parse_request: the request as the suite writes a signed one.
std::string format_request(const HttpRequest& request, const std::string& host) {
  const std::string prefix = "https://" + host;
  std::string text = request.method + " " + request.url.substr(prefix.size()) + " HTTP/1.1\n";
  for (const auto& [name, value] : request.headers) text += name + ":" + value + "\n";
  return text + "\n" + request.body;
}

struct Context {
  AwsCredentials credentials;
  SigningScope scope;
  Timestamp at;
  SigningOptions options;
};

Context read_context(const fs::path& dir) {
  const auto json = nlohmann::json::parse(read(dir / "context.json"));
  Context c;
  c.credentials.access_key_id = json.at("credentials").at("access_key_id").get<std::string>();
  c.credentials.secret_access_key =
      json.at("credentials").at("secret_access_key").get<std::string>();
  c.credentials.session_token = json.at("credentials").value("token", "");
  c.scope = {.region = json.at("region").get<std::string>(),
             .service = json.at("service").get<std::string>()};
  c.at = parse_utc_timestamp(json.at("timestamp").get<std::string>()).value();
  c.options.normalize_path = json.at("normalize").get<bool>();
  c.options.add_content_sha256 = json.at("sign_body").get<bool>();
  c.options.sign_session_token = !json.value("omit_session_token", false);
  c.options.expires = std::chrono::seconds{json.at("expiration_in_seconds").get<int>()};
  return c;
}

class SigV4Suite : public ::testing::TestWithParam<std::string> {
 protected:
  fs::path dir() const { return kSuite / GetParam(); }

  // Signs the case one way (`kind` "header" or "query") and compares all four expected files.
  void check(const std::string& kind) {
    const Context c = read_context(dir());
    RawRequest raw = parse_request(read(dir() / "request.txt"));
    const auto result = kind == "header"
                            ? sign_request(raw.request, c.credentials, c.scope, c.at, c.options)
                            : presign_request(raw.request, c.credentials, c.scope, c.at, c.options);
    ASSERT_TRUE(result.ok()) << result.error().to_string();
    EXPECT_EQ(result->canonical_request, read(dir() / (kind + "-canonical-request.txt")));
    EXPECT_EQ(result->string_to_sign, read(dir() / (kind + "-string-to-sign.txt")));
    EXPECT_EQ(result->signature, read(dir() / (kind + "-signature.txt")));
    EXPECT_EQ(format_request(raw.request, raw.host), read(dir() / (kind + "-signed-request.txt")));
  }
};

TEST_P(SigV4Suite, HeaderSigningMatches) { check("header"); }

TEST_P(SigV4Suite, QuerySigningMatches) { check("query"); }

INSTANTIATE_TEST_SUITE_P(AwsV4, SigV4Suite, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

// Guards against a missing or partly copied fixture folder, which would otherwise run fewer
// cases without a failure.
TEST(SigV4SuiteFixtures, AllThirtyEightCasesArePresent) {
  const auto names = case_names();
  EXPECT_EQ(names.size(), 38u) << "in " << kSuite;
  EXPECT_NE(std::find(names.begin(), names.end(), "get-vanilla"), names.end());
}

}  // namespace
}  // namespace stratus
