// `stratus broker check`: which broker the profile uses and, for Alpaca, whether the keys are
// accepted and the account can trade. Exit 0: ready (or the simulated paper broker); 1: the
// account is blocked or not active, Alpaca is unreachable or refused the keys; 2: missing keys
// or bad configuration (nothing is sent then).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "adapters/clock/system_clock.h"
#include "apps/stratus/alpaca_credentials.h"
#include "apps/stratus/commands.h"
#include "apps/stratus/wiring.h"
#include "support/redaction.h"

namespace stratus {
namespace {

using Json = nlohmann::json;

// Why an account that answered cannot trade; empty when it can.
std::string blocked_reason(const AlpacaAccount& account) {
  std::string reason;
  auto add = [&](const std::string& part) { reason += (reason.empty() ? "" : ", ") + part; };
  if (account.status != "ACTIVE") add("status is " + account.status + ", not ACTIVE");
  if (account.trading_blocked) add("trading_blocked");
  if (account.account_blocked) add("account_blocked");
  if (account.trade_suspended_by_user) add("trade_suspended_by_user");
  return reason;
}

Json account_json(const AlpacaAccount& a) {
  Json j = {{"id", a.id},
            {"account_number", a.account_number},
            {"status", a.status},
            {"currency", a.currency},
            {"cash", a.cash.to_string()},
            {"buying_power", a.buying_power.to_string()},
            {"trading_blocked", a.trading_blocked},
            {"account_blocked", a.account_blocked},
            {"trade_suspended_by_user", a.trade_suspended_by_user},
            {"transfers_blocked", a.transfers_blocked}};
  j["equity"] = a.equity ? Json(a.equity->to_string()) : Json(nullptr);
  return j;
}

void print_account(const AlpacaAccount& a) {
  fmt::print("account:       {}{}\n", a.id,
             a.account_number.empty() ? "" : " (" + a.account_number + ")");
  fmt::print("status:        {}\n", a.status);
  fmt::print("currency:      {}\n", a.currency);
  fmt::print("cash:          {}\n", a.cash.to_string());
  fmt::print("buying power:  {}\n", a.buying_power.to_string());
  fmt::print("equity:        {}\n", a.equity ? a.equity->to_string() : "(not reported)");
  fmt::print("blocked:       trading_blocked={} account_blocked={} trade_suspended_by_user={}\n",
             a.trading_blocked, a.account_blocked, a.trade_suspended_by_user);
}

// Reports `error` (stderr, and as JSON on stdout with --json) and returns `exit_code`.
int fail(const Error& error, int exit_code, bool json, Json out) {
  fmt::print(stderr, "stratus: broker check: {}\n", redact(error.to_string()));
  if (json) {
    out["ok"] = false;
    out["error"] = {{"code", error_code_name(error.code)}, {"message", redact(error.to_string())}};
    fmt::print("{}\n", out.dump(2));
  }
  return exit_code;
}

}  // namespace

int broker_check_command(const GlobalOptions& global, const BrokerCheckOptions& options) {
  const auto env = read_environment();
  auto config = load_effective_config(global, env);
  if (!config.ok()) return report_error(config.error());

  Json out = {{"profile", config->profile}, {"broker", config->broker.kind}};
  if (config->broker.kind != "alpaca") {
    out["ok"] = true;
    out["note"] = "the simulated paper broker needs no credentials";
    if (options.json) {
      fmt::print("{}\n", out.dump(2));
    } else {
      fmt::print("broker:        {} (simulated fills)\n", config->broker.kind);
      fmt::print("OK: the simulated paper broker needs no credentials\n");
    }
    return kExitOk;
  }

  auto url = resolve_alpaca_trading_url(*config, env);
  if (!url.ok()) return fail(url.error(), kExitBadInput, options.json, out);
  out["trading_url"] = url->url;
  out["environment"] = alpaca_trading_kind_name(url->kind);
  out["url_source"] = url->source;
  if (!options.json) {
    fmt::print("broker:        alpaca\n");
    fmt::print("trading URL:   {} ({}, from {})\n", url->url, alpaca_trading_kind_name(url->kind),
               url->source);
  }

  SystemClock clock;
  Wiring wiring(*config, clock, env);
  auto broker = wiring.alpaca_broker();
  if (!broker.ok()) {
    const int code = broker.error().code == ErrorCode::kInvalidInput ? kExitBadInput : kExitFailure;
    return fail(broker.error(), code, options.json, out);
  }
  // Whatever goes wrong from here happened at or beyond Alpaca: a run-time failure.
  auto account = (*broker)->account();
  if (!account.ok()) return fail(account.error(), kExitFailure, options.json, out);

  out["account"] = account_json(*account);
  const std::string blocked = blocked_reason(*account);
  out["can_trade"] = blocked.empty();
  if (!options.json) print_account(*account);
  if (!blocked.empty()) {
    return fail(Error::rejected("the account cannot trade: " + blocked), kExitFailure, options.json,
                out);
  }
  if (options.json) {
    out["ok"] = true;
    fmt::print("{}\n", out.dump(2));
  } else {
    fmt::print("OK: the keys are accepted and the account can trade\n");
  }
  return kExitOk;
}

}  // namespace stratus
