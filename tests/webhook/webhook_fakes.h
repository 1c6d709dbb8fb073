// The two webhook fakes as the socket tests start them, with the secrets they are set up with
// (which no error, outbox row or message may ever show). Test support only.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "node_fake.h"

namespace stratus::webhook_test {

inline constexpr const char* kSheetsSecret = "stratus-sheets-s3cret-7f1d2c9a";
inline constexpr const char* kDeploymentId = "AKfycbzStratusTestDeployment7Q2xW9vR4mN";
inline constexpr const char* kSlackTeam = "T0STRATUS";
inline constexpr const char* kSlackBot = "B0WEBHOOK";
inline constexpr const char* kSlackToken = "xoxWebhookToken9a8b7c6d5e4f";

// The fake Apps Script web app running deploy/sheets/Code.gs with STRATUS_SECRET set;
// `extra` are more options (--script, --echo-location, --seed).
inline std::unique_ptr<NodeFake> start_apps_script(const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {"--deployment-id", kDeploymentId, "--property",
                                   std::string("STRATUS_SECRET=") + kSheetsSecret};
  args.insert(args.end(), extra.begin(), extra.end());
  auto fake = NodeFake::start(STRATUS_SOURCE_DIR,
                              "tests/fakes/apps_script/fake_apps_script_server.js", args);
  if (!fake.ok()) {
    ADD_FAILURE() << fake.error().to_string();
    return nullptr;
  }
  return std::move(fake).value();
}

// The fake Slack with one webhook, kSlackTeam/kSlackBot/kSlackToken.
inline std::unique_ptr<NodeFake> start_slack(const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {"--webhook",
                                   std::string(kSlackTeam) + "/" + kSlackBot + "/" + kSlackToken};
  args.insert(args.end(), extra.begin(), extra.end());
  auto fake = NodeFake::start(STRATUS_SOURCE_DIR, "tests/fakes/slack/fake_slack_server.js", args);
  if (!fake.ok()) {
    ADD_FAILURE() << fake.error().to_string();
    return nullptr;
  }
  return std::move(fake).value();
}

inline std::string sheets_url(const NodeFake& fake) {
  return fake.base_url() + "/macros/s/" + kDeploymentId + "/exec";
}

inline std::string slack_url(const NodeFake& fake) {
  return fake.base_url() + "/services/" + kSlackTeam + "/" + kSlackBot + "/" + kSlackToken;
}

// Every secret the tests set up, and the webhook URLs' secret parts.
inline std::vector<std::string> all_secrets() {
  return {kSheetsSecret, kDeploymentId, kSlackToken,
          std::string("/services/") + kSlackTeam + "/" + kSlackBot};
}

// Fails the test for each secret found in `text` (`what` says where it was).
inline void expect_no_secret(const std::string& text, const std::string& what) {
  for (const std::string& secret : all_secrets()) {
    EXPECT_EQ(text.find(secret), std::string::npos) << what << " holds a secret: " << text;
  }
}

// The rows of sheet `name` in the fake's dump, header included (empty when there is no sheet).
inline nlohmann::json sheet_rows(NodeFake& fake, const std::string& name) {
  auto dump = fake.get_json("/__admin/sheets");
  EXPECT_TRUE(dump.ok()) << dump.error().to_string();
  if (!dump.ok() || !(*dump)["sheets"].contains(name)) return nlohmann::json::array();
  return (*dump)["sheets"][name]["rows"];
}

// The event ids in the context blocks of the messages the fake Slack received, in order.
inline std::vector<std::string> slack_event_ids(NodeFake& fake) {
  auto dump = fake.get_json("/__admin/messages");
  EXPECT_TRUE(dump.ok()) << dump.error().to_string();
  std::vector<std::string> ids;
  if (!dump.ok()) return ids;
  const std::regex event_id("event (\\S+)");
  for (const auto& message : (*dump)["messages"]) {
    for (const auto& block : message["blocks"]) {
      if (block["type"] != "context") continue;
      const std::string text = block["elements"][0]["text"];
      std::smatch match;
      if (std::regex_search(text, match, event_id)) ids.push_back(match[1]);
    }
  }
  return ids;
}

}  // namespace stratus::webhook_test
