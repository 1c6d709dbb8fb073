// Credentials, region and endpoint resolution from an environment map and real files in a
// temporary HOME, in the AWS CLI's order.
#include "adapters/aws/aws_environment.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace stratus {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

class AwsEnvironmentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "stratus-aws-env-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    home_ = pattern;
    fs::create_directories(home_ / ".aws");
    env_["HOME"] = home_.string();
  }
  void TearDown() override { fs::remove_all(home_); }

  void write(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
  }
  fs::path credentials_path() const { return home_ / ".aws/credentials"; }
  fs::path config_path() const { return home_ / ".aws/config"; }

  fs::path home_;
  Environment env_;
};

TEST_F(AwsEnvironmentTest, EnvironmentKeysComeFirst) {
  write(credentials_path(), "[default]\naws_access_key_id = FROMFILE\naws_secret_access_key = x\n");
  env_["AWS_ACCESS_KEY_ID"] = "AKIDENV";
  env_["AWS_SECRET_ACCESS_KEY"] = kSecret;
  env_["AWS_SESSION_TOKEN"] = "token";
  const auto resolved = resolve_aws_credentials(env_);
  ASSERT_TRUE(resolved.ok()) << resolved.error().to_string();
  EXPECT_EQ(resolved->credentials.access_key_id, "AKIDENV");
  EXPECT_EQ(resolved->credentials.secret_access_key, kSecret);
  EXPECT_EQ(resolved->credentials.session_token, "token");
  EXPECT_EQ(resolved->source, "environment (AWS_ACCESS_KEY_ID)");
}

TEST_F(AwsEnvironmentTest, HalfAKeyPairInTheEnvironmentIsAnErrorWithoutTheSecret) {
  env_["AWS_SECRET_ACCESS_KEY"] = kSecret;
  auto resolved = resolve_aws_credentials(env_);
  ASSERT_FALSE(resolved.ok());
  EXPECT_EQ(resolved.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(resolved.error().message.find("AWS_ACCESS_KEY_ID is not"), std::string::npos);
  EXPECT_EQ(resolved.error().to_string().find(kSecret), std::string::npos);

  env_.erase("AWS_SECRET_ACCESS_KEY");
  env_["AWS_ACCESS_KEY_ID"] = "AKIDENV";
  resolved = resolve_aws_credentials(env_);
  ASSERT_FALSE(resolved.ok());
  EXPECT_NE(resolved.error().message.find("AWS_SECRET_ACCESS_KEY is not"), std::string::npos);
}

TEST_F(AwsEnvironmentTest, DefaultProfileFromTheSharedCredentialsFile) {
  write(credentials_path(),
        "[other]\naws_access_key_id = OTHER\naws_secret_access_key = o\n"
        "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = " +
            std::string(kSecret) + "\naws_session_token = tok\n");
  const auto resolved = resolve_aws_credentials(env_);
  ASSERT_TRUE(resolved.ok()) << resolved.error().to_string();
  EXPECT_EQ(resolved->credentials.access_key_id, "AKIDFILE");
  EXPECT_EQ(resolved->credentials.secret_access_key, kSecret);
  EXPECT_EQ(resolved->credentials.session_token, "tok");
  EXPECT_EQ(resolved->source, credentials_path().string() + " [default]");
}

TEST_F(AwsEnvironmentTest, NamedProfileFromTheConfigFileAndTheCredentialsFileWins) {
  write(config_path(),
        "[default]\nregion = us-east-1\n"
        "[profile prod]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = c\n"
        "[profile both]\naws_access_key_id = AKIDCONFIG2\naws_secret_access_key = c\n");
  write(credentials_path(),
        "[both]\naws_access_key_id = AKIDCREDS\naws_secret_access_key = k\n"
        "[prod]\nregion = ignored-here\n");
  env_["AWS_PROFILE"] = "prod";
  auto resolved = resolve_aws_credentials(env_);
  ASSERT_TRUE(resolved.ok()) << resolved.error().to_string();
  EXPECT_EQ(resolved->credentials.access_key_id, "AKIDCONFIG");
  EXPECT_EQ(resolved->source, config_path().string() + " [profile prod]");

  env_["AWS_PROFILE"] = "both";
  resolved = resolve_aws_credentials(env_);
  ASSERT_TRUE(resolved.ok()) << resolved.error().to_string();
  EXPECT_EQ(resolved->credentials.access_key_id, "AKIDCREDS");
}

TEST_F(AwsEnvironmentTest, FileLocationsFromTheEnvironmentWithTildeExpansion) {
  write(home_ / "elsewhere/creds", "[ci]\naws_access_key_id = AKIDCI\naws_secret_access_key = s\n");
  write(home_ / "elsewhere/conf", "[profile ci]\nregion = eu-west-1\n");
  env_["AWS_SHARED_CREDENTIALS_FILE"] = "~/elsewhere/creds";
  env_["AWS_CONFIG_FILE"] = (home_ / "elsewhere/conf").string();
  env_["AWS_PROFILE"] = "ci";
  const auto resolved = resolve_aws_credentials(env_);
  ASSERT_TRUE(resolved.ok()) << resolved.error().to_string();
  EXPECT_EQ(resolved->credentials.access_key_id, "AKIDCI");
  const auto region = resolve_aws_region(env_);
  ASSERT_TRUE(region.ok()) << region.error().to_string();
  EXPECT_EQ(*region, "eu-west-1");
}

TEST_F(AwsEnvironmentTest, AnUnknownProfileNamesItAndBothFiles) {
  write(credentials_path(), "[default]\naws_access_key_id = A\naws_secret_access_key = s\n");
  env_["AWS_PROFILE"] = "missing";
  const auto resolved = resolve_aws_credentials(env_);
  ASSERT_FALSE(resolved.ok());
  EXPECT_EQ(resolved.error().code, ErrorCode::kInvalidInput);
  const std::string& m = resolved.error().message;
  EXPECT_NE(m.find("AWS_PROFILE is 'missing'"), std::string::npos) << m;
  EXPECT_NE(m.find(credentials_path().string() + " (no section [missing])"), std::string::npos)
      << m;
  EXPECT_NE(m.find(config_path().string() + " (no such file)"), std::string::npos) << m;
}

TEST_F(AwsEnvironmentTest, NoCredentialsAnywhereIsNotFoundAndSaysWhereItLooked) {
  auto resolved = resolve_aws_credentials(env_);
  ASSERT_FALSE(resolved.ok());
  EXPECT_EQ(resolved.error().code, ErrorCode::kNotFound);
  EXPECT_NE(resolved.error().message.find("AWS_ACCESS_KEY_ID"), std::string::npos);
  EXPECT_NE(resolved.error().message.find(credentials_path().string()), std::string::npos);

  env_.erase("HOME");
  resolved = resolve_aws_credentials(env_);
  ASSERT_FALSE(resolved.ok());
  EXPECT_NE(resolved.error().message.find("neither AWS_SHARED_CREDENTIALS_FILE nor HOME is set"),
            std::string::npos)
      << resolved.error().message;
}

TEST_F(AwsEnvironmentTest, BadFilesAndHalfKeysAreErrorsWithoutSecrets) {
  write(credentials_path(), "[default]\naws_secret_access_key = " + std::string(kSecret) + "\n");
  auto resolved = resolve_aws_credentials(env_);
  ASSERT_FALSE(resolved.ok());
  EXPECT_EQ(resolved.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(resolved.error().message.find("aws_access_key_id is missing"), std::string::npos);
  EXPECT_EQ(resolved.error().to_string().find(kSecret), std::string::npos);

  write(credentials_path(), "[default]\n" + std::string(kSecret) + "\n");
  resolved = resolve_aws_credentials(env_);
  ASSERT_FALSE(resolved.ok());
  EXPECT_EQ(resolved.error().context, credentials_path().string() + ":2");
  EXPECT_EQ(resolved.error().to_string().find(kSecret), std::string::npos);

  write(credentials_path(), "[default]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = a\n");
  resolved = resolve_aws_credentials(env_);
  ASSERT_FALSE(resolved.ok());
  EXPECT_NE(resolved.error().message.find("'role_arn', which Stratus does not support"),
            std::string::npos);

  fs::remove(credentials_path());
  fs::create_directories(credentials_path());  // A directory where the file should be.
  resolved = resolve_aws_credentials(env_);
  ASSERT_FALSE(resolved.ok());
  EXPECT_EQ(resolved.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(resolved.error().context, credentials_path().string());
}

TEST_F(AwsEnvironmentTest, RegionOrder) {
  write(config_path(), "[default]\nregion = ap-southeast-2\n[profile p]\nregion = sa-east-1\n");
  EXPECT_EQ(resolve_aws_region(env_).value(), "ap-southeast-2");
  env_["AWS_PROFILE"] = "p";
  EXPECT_EQ(resolve_aws_region(env_).value(), "sa-east-1");
  env_["AWS_DEFAULT_REGION"] = "eu-central-1";
  EXPECT_EQ(resolve_aws_region(env_).value(), "eu-central-1");
  env_["AWS_REGION"] = "us-west-2";
  EXPECT_EQ(resolve_aws_region(env_).value(), "us-west-2");

  env_["AWS_REGION"] = "US West";
  const auto bad = resolve_aws_region(env_);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("'US West'"), std::string::npos);
  EXPECT_EQ(bad.error().context, "AWS_REGION");
}

TEST_F(AwsEnvironmentTest, MissingRegionSaysWhereItLooked) {
  write(config_path(), "[profile p]\nregion = sa-east-1\n");
  const auto region = resolve_aws_region(env_);
  ASSERT_FALSE(region.ok());
  EXPECT_EQ(region.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(region.error().message.find("AWS_REGION or AWS_DEFAULT_REGION"), std::string::npos);
  EXPECT_NE(region.error().message.find("[default] of " + config_path().string()),
            std::string::npos)
      << region.error().message;
}

TEST_F(AwsEnvironmentTest, MissingRegionWithoutAConfigFileNamesTheSectionItWouldRead) {
  auto region = resolve_aws_region(env_);
  ASSERT_FALSE(region.ok());
  EXPECT_NE(region.error().message.find("section [default] of " + config_path().string() +
                                        " (no such file)"),
            std::string::npos)
      << region.error().message;
  env_["AWS_PROFILE"] = "trading";
  region = resolve_aws_region(env_);
  ASSERT_FALSE(region.ok());
  EXPECT_NE(region.error().message.find("section [profile trading]"), std::string::npos)
      << region.error().message;
}

TEST_F(AwsEnvironmentTest, EndpointOrder) {
  EXPECT_EQ(resolve_aws_endpoint(env_, kDynamoDbService, "eu-west-1").value(),
            "https://dynamodb.eu-west-1.amazonaws.com");
  env_["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4566/";
  EXPECT_EQ(resolve_aws_endpoint(env_, kDynamoDbService, "eu-west-1").value(),
            "http://127.0.0.1:4566");
  EXPECT_EQ(resolve_aws_endpoint(env_, kSnsService, "eu-west-1").value(), "http://127.0.0.1:4566");
  env_["AWS_ENDPOINT_URL_DYNAMODB"] = "http://localhost:8000";
  EXPECT_EQ(resolve_aws_endpoint(env_, kDynamoDbService, "eu-west-1").value(),
            "http://localhost:8000");
  EXPECT_EQ(resolve_aws_endpoint(env_, kSsmService, "eu-west-1").value(), "http://127.0.0.1:4566");
  env_["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true";
  EXPECT_EQ(resolve_aws_endpoint(env_, kDynamoDbService, "eu-west-1").value(),
            "https://dynamodb.eu-west-1.amazonaws.com");
}

TEST_F(AwsEnvironmentTest, EndpointErrors) {
  env_["AWS_ENDPOINT_URL_SSM"] = "localhost:8000";
  auto endpoint = resolve_aws_endpoint(env_, kSsmService, "us-east-1");
  ASSERT_FALSE(endpoint.ok());
  EXPECT_EQ(endpoint.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(endpoint.error().message.find("AWS_ENDPOINT_URL_SSM"), std::string::npos);

  endpoint = resolve_aws_endpoint(env_, kSnsService, "");
  ASSERT_FALSE(endpoint.ok());
  EXPECT_NE(endpoint.error().message.find("region"), std::string::npos);
}

TEST(AwsEndpointVariable, ServiceIdIsUpperCasedWithUnderscores) {
  EXPECT_EQ(endpoint_variable_name("DynamoDB"), "AWS_ENDPOINT_URL_DYNAMODB");
  EXPECT_EQ(endpoint_variable_name("Secrets Manager"), "AWS_ENDPOINT_URL_SECRETS_MANAGER");
}

TEST_F(AwsEnvironmentTest, SettingsTogether) {
  write(config_path(), "[default]\nregion = us-east-2\n");
  write(credentials_path(), "[default]\naws_access_key_id = AKID\naws_secret_access_key = s\n");
  const auto settings = resolve_aws_settings(env_, kDynamoDbService);
  ASSERT_TRUE(settings.ok()) << settings.error().to_string();
  EXPECT_EQ(settings->credentials.credentials.access_key_id, "AKID");
  EXPECT_EQ(settings->region, "us-east-2");
  EXPECT_EQ(settings->endpoint, "https://dynamodb.us-east-2.amazonaws.com");
  EXPECT_EQ(settings->scope().region, "us-east-2");
  EXPECT_EQ(settings->scope().service, "dynamodb");
}

}  // namespace
}  // namespace stratus
