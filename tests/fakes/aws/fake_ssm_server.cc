// fake_ssm_server: the fake SSM Parameter Store (fake_ssm.h) as a process, for whole-process
// tests of `stratus`. Prints the port it listens on (one line) and serves until SIGINT or
// SIGTERM. Without --access-key-id / --secret-access-key it accepts kFakeAwsCredentials
// (AKIDSTRATUSFAKE / stratus-fake-secret/key+0123456789). Its state: GET /__admin/parameters.
//
//   fake_ssm_server [--host 127.0.0.1] [--port 0] [--access-key-id ID]
//                   [--secret-access-key KEY] [--region us-east-1] [--seed FILE]
//
// --seed FILE: JSON, an array of {"Name", "Value", "Type"} (or {"parameters": [...]}, the form
// /__admin/parameters answers with), stored before serving.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

#include "fakes/aws/fake_ssm.h"

namespace {

int usage(const std::string& problem) {
  std::cerr << "fake_ssm_server: " << problem
            << "\nusage: fake_ssm_server [--host H] [--port P] [--access-key-id ID] "
               "[--secret-access-key KEY] [--region R] [--seed FILE]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  stratus::fakes::FakeServerOptions options;
  std::string region = "us-east-1", seed_path;
  const std::string problem = stratus::fakes::parse_fake_server_args(
      argc, argv, options, [&](std::string_view name, const std::string& value) -> std::string {
        if (name == "--region") {
          region = value;
        } else if (name == "--seed") {
          seed_path = value;
        } else {
          return "unknown option " + std::string(name);
        }
        return "";
      });
  if (!problem.empty()) return usage(problem);
  stratus::fakes::FakeSsm ssm(options.known, region);
  if (!seed_path.empty()) {
    std::ifstream in(seed_path, std::ios::binary);
    if (!in) return usage("cannot read the seed file " + seed_path);
    std::ostringstream text;
    text << in.rdbuf();
    const auto parsed = nlohmann::json::parse(text.str(), nullptr, false);
    if (parsed.is_discarded()) return usage("the seed file " + seed_path + " is not JSON");
    if (auto seeded = ssm.seed(parsed); !seeded.ok()) return usage(seeded.error().to_string());
  }

  return stratus::fakes::serve_until_signalled(ssm, options.host, options.port, "fake_ssm_server");
}
