// CommandTable: which parsed subcommand runs which action. Each group of subcommands registers
// itself with one call from main.cc (e.g. add_deploy_commands(app, global, table)), so a new
// command is one new file plus one line in main.cc.
#pragma once

#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

namespace stratus {

class CommandTable {
 public:
  // `action` runs when `command` was given on the command line; it returns the exit code. It
  // may read option variables bound to `command`: they are filled in by the time it runs.
  void add(CLI::App* command, std::function<int()> action) {
    entries_.emplace_back(command, std::move(action));
  }

  // The exit code of the action of the parsed command registered first; nullopt if none was
  // parsed. Call after CLI::App::parse.
  std::optional<int> dispatch() const {
    for (const auto& [command, action] : entries_) {
      if (command->parsed()) return action();
    }
    return std::nullopt;
  }

 private:
  std::vector<std::pair<CLI::App*, std::function<int()>>> entries_;
};

}  // namespace stratus
