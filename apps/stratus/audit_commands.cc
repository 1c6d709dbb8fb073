// `stratus audit verify` and `stratus audit export` (see audit_commands.h).
#include "apps/stratus/audit_commands.h"

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "adapters/file/audit_chain.h"
#include "adapters/file/audit_export.h"

namespace stratus {
namespace {

namespace fs = std::filesystem;

struct AuditOptions {
  std::string file;            // Empty: the profile's audit.path.
  std::string format = "csv";  // export: csv | jsonl.
  std::string output;          // export: empty or "-": stdout.
  bool no_verify = false;      // export: skip verification.
};

// Prints the error; a file that is missing or unreadable is bad usage (exit 2), like bad input.
int report_audit_error(const Error& error) {
  if (error.code == ErrorCode::kNotFound) {
    return report_error(Error::invalid_input(error.message, error.context));
  }
  return report_error(error);
}

// The log to read: FILE, else audit.path of the effective config.
Result<std::string> audit_log_path(const GlobalOptions& global, const AuditOptions& options) {
  if (!options.file.empty()) return options.file;
  STRATUS_ASSIGN_OR_RETURN(Config config, load_effective_config(global, read_environment()));
  if (config.audit_path.empty()) {
    return Error::invalid_input("audit.path is empty: name the log as FILE");
  }
  return config.audit_path;
}

std::string location(const std::string& path, const ChainBreak& broken) {
  return fmt::format("{}:{}: {}", path, broken.line, broken.message);
}

int audit_verify_command(const GlobalOptions& global, const AuditOptions& options) {
  auto path = audit_log_path(global, options);
  if (!path.ok()) return report_audit_error(path.error());
  auto verdict = verify_audit_log(*path);
  if (!verdict.ok()) return report_audit_error(verdict.error());
  const ChainState& intact = verdict->intact;
  if (verdict->broken) {
    fmt::print("{}\n", location(*path, *verdict->broken));
    if (intact.lines > 0) {
      fmt::print("{}: lines 1-{} are intact (last seq {}, hash {}); the chain breaks at line {}\n",
                 *path, intact.lines, intact.last_seq, intact.last_hash, verdict->broken->line);
    }
    std::fflush(stdout);
    return kExitFailure;
  }
  if (intact.lines == 0) {
    fmt::print("{}: 0 lines, chain intact (an empty log)\n", *path);
  } else {
    fmt::print("{}: {} lines, chain intact (last seq {}, hash {})\n", *path, intact.lines,
               intact.last_seq, intact.last_hash);
    if (!intact.last_event_id.empty()) {
      fmt::print("last event {} recorded at {}\n", intact.last_event_id,
                 intact.last_recorded_at.empty() ? "?" : intact.last_recorded_at);
    }
    fmt::print(
        "note: lines cut from the end of the log cannot be seen in the file alone; compare the "
        "last seq and hash (or the last event) with a copy kept elsewhere, e.g. the Google Sheet "
        "or a backup\n");
  }
  return std::fflush(stdout) == 0 ? kExitOk : kExitFailure;
}

// --output must be a file whose directory exists, and not the log itself.
Status check_output(const std::string& output, const std::string& log) {
  std::error_code ec;
  if (fs::is_directory(output, ec)) {
    return Error::invalid_input("\"" + output + "\" is a directory; expected a file name",
                                "--output");
  }
  const fs::path parent = fs::path(output).parent_path();
  if (!parent.empty() && !fs::is_directory(parent, ec)) {
    return Error::invalid_input(
        "the directory \"" + parent.string() + "\" of \"" + output + "\" does not exist",
        "--output");
  }
  if (fs::exists(output, ec) && fs::equivalent(output, log, ec)) {
    return Error::invalid_input("\"" + output + "\" is the audit log itself", "--output");
  }
  return {};
}

// Exports to `output` through a temporary file renamed into place.
Status export_to_file(const std::string& log, AuditExportFormat format, std::uint64_t lines,
                      const std::string& output) {
  const std::string temporary = output + ".tmp-" + std::to_string(::getpid());
  Result<std::uint64_t> exported = std::uint64_t{0};
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return Error::unavailable("cannot create \"" + temporary + "\"", "--output");
    exported = export_audit_log(log, format, lines, out);
    out.close();
    if (exported.ok() && !out) exported = Error::unavailable("cannot write \"" + temporary + "\"");
  }
  std::error_code ec;
  if (!exported.ok()) {
    fs::remove(temporary, ec);
    return exported.error();
  }
  fs::rename(temporary, output, ec);
  if (ec) {
    fs::remove(temporary, ec);
    return Error::unavailable("cannot write \"" + output + "\": " + ec.message(), "--output");
  }
  return {};
}

int audit_export_command(const GlobalOptions& global, const AuditOptions& options) {
  AuditExportFormat format = AuditExportFormat::kCsv;
  if (options.format == "jsonl") {
    format = AuditExportFormat::kJsonl;
  } else if (options.format != "csv") {
    return report_error(
        Error::invalid_input("--format \"" + options.format + "\": expected csv or jsonl"));
  }
  auto path = audit_log_path(global, options);
  if (!path.ok()) return report_audit_error(path.error());
  const bool to_stdout = options.output.empty() || options.output == "-";
  if (!to_stdout) {
    if (auto checked = check_output(options.output, *path); !checked.ok()) {
      return report_error(checked.error());
    }
  }

  std::uint64_t lines = std::numeric_limits<std::uint64_t>::max();
  if (!options.no_verify) {
    auto verdict = verify_audit_log(*path);
    if (!verdict.ok()) return report_audit_error(verdict.error());
    if (verdict->broken) {
      fmt::print(stderr, "{}\n", location(*path, *verdict->broken));
      fmt::print(stderr,
                 "stratus: audit export: the chain is broken, nothing exported (--no-verify "
                 "exports it as it is)\n");
      return kExitFailure;
    }
    lines = verdict->intact.lines;  // Not lines appended since.
  }

  if (to_stdout) {
    std::ios::sync_with_stdio(false);
    auto exported = export_audit_log(*path, format, lines, std::cout);
    if (!exported.ok()) return report_audit_error(exported.error());
    return kExitOk;
  }
  if (auto written = export_to_file(*path, format, lines, options.output); !written.ok()) {
    return report_audit_error(written.error());
  }
  return kExitOk;
}

}  // namespace

void add_audit_commands(CLI::App& app, const GlobalOptions& global, CommandTable& table) {
  auto verify_options = std::make_shared<AuditOptions>();
  auto export_options = std::make_shared<AuditOptions>();
  auto* audit = app.add_subcommand("audit", "check or export the tamper-evident audit log");
  audit->require_subcommand(1);

  auto* verify = audit->add_subcommand(
      "verify", "check the audit log's hash chain; name the first line that breaks it");
  verify->add_option("file", verify_options->file, "the log (default: the profile's audit.path)")
      ->type_name("FILE");
  table.add(verify,
            [&global, verify_options] { return audit_verify_command(global, *verify_options); });

  auto* exp = audit->add_subcommand(
      "export", "write the audit log as CSV (spreadsheets) or JSONL, after verifying it");
  exp->add_option("file", export_options->file, "the log (default: the profile's audit.path)")
      ->type_name("FILE");
  exp->add_option("--format", export_options->format, "csv (default) or jsonl");
  exp->add_option("--output", export_options->output, "write to this file instead of stdout")
      ->type_name("PATH");
  exp->add_flag("--no-verify", export_options->no_verify, "export even when the chain is broken");
  table.add(exp,
            [&global, export_options] { return audit_export_command(global, *export_options); });
}

}  // namespace stratus
