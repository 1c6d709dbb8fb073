// Validation of a merged config table into a typed Config.
#include "config/config_validate.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <limits>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "config/base_url.h"
#include "config/rule_setting.h"
#include "config/secret_reference.h"
#include "config/toml_text.h"
#include "domain/decimal.h"
#include "domain/money.h"
#include "domain/percent.h"
#include "domain/quantity.h"
#include "domain/time.h"

namespace stratus {
namespace {

// Every key the schema knows, by the table that holds it. "evaluate.tiers[]" is each tier.
// limits.symbol_caps and secrets hold free-form keys (symbols, secret names).
struct KnownKey {
  std::string_view table;
  std::string_view key;
};

constexpr std::string_view kTierTable = "evaluate.tiers[]";

constexpr KnownKey kSchema[] = {
    {"", "strategy"},
    {"", "watchlist"},
    {"", "market"},
    {"", "evaluate"},
    {"", "limits"},
    {"", "broker"},
    {"", "data"},
    {"", "ledger"},
    {"", "audit"},
    {"", "secrets"},
    {"", "alpaca"},
    {"", "http"},
    {"", "alerts"},
    {"", "slack"},
    {"", "sheets"},
    {"", "outbox"},
    {"", "backtest"},
    {"market", "calendar"},
    {"market", "window_minutes_before_close"},
    {"market", "run_times"},
    {"market", "cross_check"},
    {"evaluate", "high_basis"},
    {"evaluate", "price"},
    {"evaluate", "window_sessions"},
    {"evaluate", "min_sessions"},
    {"evaluate", "tiers"},
    {"evaluate", "filter"},
    {"evaluate", "indicator_sessions"},
    {kTierTable, "drop"},
    {kTierTable, "qty"},
    {kTierTable, "when"},
    {"limits", "trading_enabled"},
    {"limits", "monthly_share_cap"},
    {"limits", "on_exceed"},
    {"limits", "symbol_caps"},
    {"limits", "monthly_budget_per_symbol"},
    {"limits", "monthly_budget_total"},
    {"limits", "max_order_notional"},
    {"limits", "check_buying_power"},
    {"broker", "kind"},
    {"broker", "slippage_bps"},
    {"broker", "commission_per_order"},
    {"data", "kind"},
    {"data", "path"},
    {"data", "layout"},
    {"ledger", "kind"},
    {"ledger", "path"},
    {"ledger", "table"},
    {"audit", "path"},
    {"alpaca", "environment"},
    {"alpaca", "trading_url"},
    {"alpaca", "data_url"},
    {"alpaca", "feed"},
    {"alpaca", "adjustment"},
    {"alpaca", "cache_path"},
    {"alpaca", "order_type"},
    {"alpaca", "limit_offset_bps"},
    {"alpaca", "time_in_force"},
    {"http", "connect_timeout_ms"},
    {"http", "total_timeout_ms"},
    {"http", "max_attempts"},
    {"http", "base_delay_ms"},
    {"http", "max_delay_ms"},
    {"http", "max_total_delay_ms"},
    {"http", "breaker_failure_threshold"},
    {"alerts", "sns_topic_arn"},
    {"alerts", "on"},
    {"alerts", "min_severity"},
    {"slack", "webhook_url"},
    {"slack", "events"},
    {"slack", "min_severity"},
    {"sheets", "url"},
    {"sheets", "secret"},
    {"sheets", "events"},
    {"sheets", "min_severity"},
    {"outbox", "retry_base_seconds"},
    {"outbox", "retry_max_seconds"},
    {"outbox", "max_per_sink"},
    {"outbox", "lease_seconds"},
    {"backtest", "starting_cash"},
    {"backtest", "monthly_contribution"},
    {"backtest", "contribution_day"},
    {"backtest", "fill"},
    {"backtest", "slippage_bps"},
    {"backtest", "commission_per_order"},
    {"backtest", "commission_per_share"},
    {"backtest", "risk_free_rate"},
};

constexpr std::size_t kMaxSuggestionDistance = 2;
// The audit event type that stays in the local audit log: never routed to a sink.
constexpr std::string_view kLocalOnlyEventType = "delivery";
constexpr std::int64_t kMaxWindowSessions = 5000;
constexpr std::int64_t kMaxInt64 = std::numeric_limits<std::int64_t>::max();

constexpr std::string_view kMoneyExpected =
    "expected a dollar amount >= 0 with at most 4 decimals, as a string like \"12.50\" or a "
    "whole number";
constexpr std::string_view kDropExpected =
    "expected a percentage above 0 and below 100, as a string like \"12.5\" or a whole number";
constexpr std::string_view kRateExpected =
    "expected an annual percentage from 0 to below 100, as a string like \"4.25\" or a whole "
    "number";
constexpr std::string_view kTierExample = "{ drop = \"10\", qty = 1 }";
constexpr std::string_view kSymbolExpected =
    "expected a symbol of 1-10 characters: an upper-case letter, then upper-case letters, "
    "digits or '.' (e.g. \"AAPL\", \"BRK.B\")";
constexpr std::string_view kPathExpected =
    "expected a non-empty path; the only placeholder allowed is {profile}";
constexpr std::string_view kTableExpected =
    "expected a DynamoDB table name of 3-255 letters, digits, '_', '-' or '.'; the only "
    "placeholder allowed is {profile}";

// `raw` with every "{profile}" replaced by `profile`.
std::string substitute_profile(std::string_view raw, std::string_view profile) {
  constexpr std::string_view kPlaceholder = "{profile}";
  std::string text;
  for (std::size_t i = 0; i < raw.size();) {
    if (raw.substr(i).starts_with(kPlaceholder)) {
      text += profile;
      i += kPlaceholder.size();
    } else {
      text += raw[i++];
    }
  }
  return text;
}

bool is_table_name(std::string_view text) {
  return text.size() >= 3 && text.size() <= 255 &&
         std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '-' || c == '.';
         });
}

bool is_symbol(std::string_view text) {
  if (text.empty() || text.size() > 10 || text.front() < 'A' || text.front() > 'Z') return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.';
  });
}

bool is_name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// A strategy name goes into every client_order_id: short, and safe in ids and file names.
bool is_strategy_name(std::string_view text) {
  return !text.empty() && text.size() <= 24 && text.front() != '-' && text.front() != '_' &&
         std::all_of(text.begin(), text.end(), is_name_char);
}

// Reads values out of the merged table, producing errors that say where a value came from.
class Checker {
 public:
  Checker(const OriginMap& origins, std::string_view fallback_context)
      : origins_(origins), fallback_context_(fallback_context) {}

  // "<label> <path> = <value>: <expected> (line N)".
  Error bad_value(const KeyPath& path, const toml::node& value, std::string_view expected) const {
    return make_error(path, &value, " = " + describe_toml_value(value), expected);
  }

  // Like bad_value, but never shows the value (it may be a secret).
  Error bad_hidden_value(const KeyPath& path, const toml::node& value,
                         std::string_view expected) const {
    return make_error(path, &value, " = (value hidden)", expected);
  }

  // The key at `path` is absent from `parent` (the table that should hold it).
  Error missing(const KeyPath& path, const toml::table& parent, std::string_view expected) const {
    return make_error(path, &parent, "", "missing; " + std::string(expected));
  }

  // Rejects any key of `table` (at `path`) that the schema does not list for `schema_table`.
  Status check_keys(const toml::table& table, const KeyPath& path,
                    std::string_view schema_table) const {
    for (const auto& [key, value] : table) {
      std::string_view name = key.str();
      bool known = std::any_of(std::begin(kSchema), std::end(kSchema), [&](const KnownKey& k) {
        return k.table == schema_table && k.key == name;
      });
      if (known) continue;
      std::string what = "unknown key";
      if (auto suggestion = suggest(name, path, schema_table)) {
        what += "; did you mean " + *suggestion + "?";
      }
      return make_error(child_path(path, name), &value, "", what);
    }
    return {};
  }

  // The member `key` of `table`, which must exist.
  Result<const toml::node*> member(const toml::table& table, const KeyPath& at,
                                   std::string_view key, std::string_view expected) const {
    const toml::node* node = table.get(key);
    if (node == nullptr) return missing(child_path(at, key), table, expected);
    return node;
  }

  Result<const toml::table*> subtable(const toml::table& parent, const KeyPath& at,
                                      std::string_view key) const {
    std::string expected = "expected a table ([" + format_key_path(child_path(at, key)) + "])";
    STRATUS_ASSIGN_OR_RETURN(const toml::node* node, member(parent, at, key, expected));
    if (const toml::table* t = node->as_table()) return t;
    return bad_value(child_path(at, key), *node, expected);
  }

  Result<std::int64_t> integer(const toml::table& parent, const KeyPath& at, std::string_view key,
                               std::int64_t low, std::int64_t high) const {
    std::string expected = integer_expectation(low, high);
    STRATUS_ASSIGN_OR_RETURN(const toml::node* node, member(parent, at, key, expected));
    return integer_value(*node, child_path(at, key), low, high, expected);
  }

  Result<std::int64_t> integer_value(const toml::node& node, const KeyPath& path, std::int64_t low,
                                     std::int64_t high, std::string_view expected) const {
    const auto* value = node.as_integer();
    if (value == nullptr || value->get() < low || value->get() > high) {
      return bad_value(path, node, expected);
    }
    return value->get();
  }

  Result<bool> boolean(const toml::table& parent, const KeyPath& at, std::string_view key) const {
    constexpr std::string_view kExpected = "expected true or false";
    STRATUS_ASSIGN_OR_RETURN(const toml::node* node, member(parent, at, key, kExpected));
    if (const auto* value = node->as_boolean()) return value->get();
    return bad_value(child_path(at, key), *node, kExpected);
  }

  // A string member; `valid` (when given) must accept it.
  Result<std::string> text(const toml::table& parent, const KeyPath& at, std::string_view key,
                           std::string_view expected,
                           bool (*valid)(std::string_view) = nullptr) const {
    STRATUS_ASSIGN_OR_RETURN(const toml::node* node, member(parent, at, key, expected));
    const auto* value = node->as_string();
    if (value == nullptr || (valid != nullptr && !valid(value->get()))) {
      return bad_value(child_path(at, key), *node, expected);
    }
    return value->get();
  }

  // A string member that must be one of `allowed`.
  Result<std::string> choice(const toml::table& parent, const KeyPath& at, std::string_view key,
                             std::initializer_list<std::string_view> allowed) const {
    std::string expected = "expected ";
    std::size_t i = 0;
    for (std::string_view option : allowed) {
      if (i > 0) expected += (i + 1 == allowed.size()) ? " or " : ", ";
      expected += toml_quote(option);
      ++i;
    }
    STRATUS_ASSIGN_OR_RETURN(const toml::node* node, member(parent, at, key, expected));
    const auto* value = node->as_string();
    if (value == nullptr ||
        std::find(allowed.begin(), allowed.end(), value->get()) == allowed.end()) {
      return bad_value(child_path(at, key), *node, expected);
    }
    return value->get();
  }

  // A non-negative amount of money: a decimal string or a whole number of dollars.
  Result<Money> money(const toml::node& node, const KeyPath& path) const {
    if (node.is_floating_point()) return float_rejection(node, path);
    if (const auto* whole = node.as_integer()) {
      if (whole->get() < 0 || whole->get() > kMaxInt64 / Money::kUnitsPerDollar) {
        return bad_value(path, node, kMoneyExpected);
      }
      return Money::from_dollars(whole->get());
    }
    if (const auto* decimal = node.as_string()) {
      Result<Money> parsed = Money::parse(decimal->get());
      if (parsed.ok() && parsed->units() >= 0) return *parsed;
    }
    return bad_value(path, node, kMoneyExpected);
  }

  Result<std::optional<Money>> optional_money(const toml::table& parent, const KeyPath& at,
                                              std::string_view key) const {
    const toml::node* node = parent.get(key);
    if (node == nullptr) return std::optional<Money>();
    STRATUS_ASSIGN_OR_RETURN(Money amount, money(*node, child_path(at, key)));
    return std::optional<Money>(amount);
  }

  // A tier's drop: strictly between 0 and 100 percent.
  Result<Percent> drop(const toml::node& node, const KeyPath& path) const {
    if (node.is_floating_point()) return float_rejection(node, path);
    if (const auto* whole = node.as_integer()) {
      if (whole->get() > 0 && whole->get() < 100) return Percent::from_whole(whole->get());
    } else if (const auto* decimal = node.as_string()) {
      Result<Percent> parsed = Percent::parse(decimal->get());
      if (parsed.ok() && *parsed > Percent() && *parsed < Percent::from_whole(100)) {
        return *parsed;
      }
    }
    return bad_value(path, node, kDropExpected);
  }

  // An annual rate in percent: from 0 to below 100.
  Result<Percent> rate(const toml::node& node, const KeyPath& path) const {
    if (node.is_floating_point()) return float_rejection(node, path);
    if (const auto* whole = node.as_integer()) {
      if (whole->get() >= 0 && whole->get() < 100) return Percent::from_whole(whole->get());
    } else if (const auto* decimal = node.as_string()) {
      Result<Percent> parsed = Percent::parse(decimal->get());
      if (parsed.ok() && *parsed >= Percent() && *parsed < Percent::from_whole(100)) {
        return *parsed;
      }
    }
    return bad_value(path, node, kRateExpected);
  }

  // A rule-language condition (evaluate.filter, a tier's `when`): nullopt when blank. A rule
  // that does not parse is reported at its line, column and token, with a caret excerpt.
  Result<std::optional<rules::Rule>> condition(const toml::node& node, const KeyPath& path) const {
    const auto* text = node.as_string();
    if (text == nullptr) {
      return bad_value(path, node,
                       "expected a condition as a string, like \"rsi(14) < 35\", or \"\" for none");
    }
    RuleSetting setting = read_rule_setting(text->get());
    if (!setting.problem.empty()) {
      Error error = bad_value(path, node, setting.problem);
      if (!setting.excerpt.empty()) error.message += "\n" + setting.excerpt;
      return error;
    }
    return std::move(setting.rule);
  }

  // The rule at `path` must have enough history in `sessions` for every indicator it uses.
  Status enough_history(const std::optional<rules::Rule>& rule, const KeyPath& path,
                        const toml::node& node, int sessions) const {
    if (!rule || rule->sessions_needed() <= sessions) return {};
    const auto& uses = rule->uses();
    const auto longest = std::max_element(
        uses.begin(), uses.end(), [](const rules::IndicatorUse& a, const rules::IndicatorUse& b) {
          return a.lookback < b.lookback;
        });
    return bad_value(path, node,
                     longest->key + " needs " + std::to_string(rule->sessions_needed()) +
                         " sessions of history, more than evaluate.indicator_sessions (" +
                         std::to_string(sessions) + "); raise indicator_sessions (up to " +
                         std::to_string(kMaxWindowSessions) + ") or shorten the indicator");
  }

  // A path member with {profile} substituted, joined to `base_dir` when relative.
  Result<std::string> path(const toml::table& parent, const KeyPath& at, std::string_view key,
                           const std::string& profile, const std::string& base_dir) const {
    STRATUS_ASSIGN_OR_RETURN(std::string raw, text(parent, at, key, kPathExpected));
    const std::string text = substitute_profile(raw, profile);
    if (text.empty() || text.find_first_of("{}") != std::string::npos) {
      return bad_value(child_path(at, key), *parent.get(key), kPathExpected);
    }
    std::filesystem::path resolved(text);
    if (resolved.is_relative() && !base_dir.empty()) {
      resolved = std::filesystem::path(base_dir) / resolved;
    }
    return resolved.lexically_normal().string();
  }

  // A DynamoDB table name member with {profile} substituted.
  Result<std::string> table_name(const toml::table& parent, const KeyPath& at, std::string_view key,
                                 const std::string& profile) const {
    STRATUS_ASSIGN_OR_RETURN(std::string raw, text(parent, at, key, kTableExpected));
    std::string name = substitute_profile(raw, profile);
    if (!is_table_name(name))
      return bad_value(child_path(at, key), *parent.get(key), kTableExpected);
    return name;
  }

  // A base URL member (see parse_base_url), normalised; "" too when `allow_empty`.
  Result<std::string> base_url(const toml::table& parent, const KeyPath& at, std::string_view key,
                               bool allow_empty) const {
    const std::string expected =
        allow_empty ? "expected \"\" or an http:// or https:// base URL (e.g. "
                      "\"https://paper-api.alpaca.markets\"), no path but an optional \"/v2\""
                    : std::string(kBaseUrlExpected);
    STRATUS_ASSIGN_OR_RETURN(const toml::node* node, member(parent, at, key, expected));
    const auto* value = node->as_string();
    if (value == nullptr) return bad_value(child_path(at, key), *node, expected);
    if (allow_empty && value->get().empty()) return std::string();
    Result<BaseUrl> parsed = parse_base_url(value->get());
    if (parsed.ok()) return parsed->url;
    const std::string what = expected + "; " + parsed.error().message;
    // User information may hold a password: never echo such a value.
    if (value->get().find('@') != std::string::npos) {
      return bad_hidden_value(child_path(at, key), *node, what);
    }
    return bad_value(child_path(at, key), *node, what);
  }

  // An audit event severity: "debug", "info", "warning" or "error".
  Result<Severity> severity(const toml::table& parent, const KeyPath& at,
                            std::string_view key) const {
    STRATUS_ASSIGN_OR_RETURN(std::string name,
                             choice(parent, at, key, {"debug", "info", "warning", "error"}));
    return parse_severity(name);
  }

  // "" or a secret reference ("env:NAME", "ssm:/path") to `what` (e.g. "the Slack webhook URL").
  // The value itself is a secret: anything else is refused without showing it (a malformed
  // reference is shown unless it looks like it holds a URL or credentials).
  Result<std::string> secret_reference(const toml::table& parent, const KeyPath& at,
                                       std::string_view key, std::string_view what) const {
    const std::string expected = "expected \"\" (off) or a reference to " + std::string(what) +
                                 ": \"env:NAME\" (an environment variable, NAME of letters, "
                                 "digits and _) or \"ssm:/path\" (an SSM parameter)";
    STRATUS_ASSIGN_OR_RETURN(const toml::node* node, member(parent, at, key, expected));
    const KeyPath path = child_path(at, key);
    const auto* value = node->as_string();
    if (value == nullptr) return bad_hidden_value(path, *node, expected);
    const std::string& text = value->get();
    if (text.empty()) return text;
    switch (classify_secret_reference(text)) {
      case SecretReferenceShape::kValid:
        return text;
      case SecretReferenceShape::kMalformed:
        if (text.find("//") != std::string::npos || text.find('@') != std::string::npos ||
            text.find('?') != std::string::npos) {
          return bad_hidden_value(path, *node, expected);
        }
        return bad_value(path, *node, expected);
      case SecretReferenceShape::kLiteral:
        break;
    }
    return bad_hidden_value(
        path, *node,
        std::string(what) +
            " is a secret and goes by reference, never by value: keep it in an "
            "environment variable or an SSM SecureString and write \"env:NAME\" or \"ssm:/path\"");
  }

  // An array of distinct audit event types (domain/audit_event.h) other than "delivery" (which
  // is local only). May be empty (the sink is sent nothing).
  Result<std::vector<std::string>> event_types(const toml::table& parent, const KeyPath& at,
                                               std::string_view key) const {
    std::string expected = "expected an array of distinct audit event types from ";
    bool first = true;
    for (std::string_view type : kAuditEventTypes) {
      if (type == kLocalOnlyEventType) continue;
      expected += (first ? "" : ", ") + toml_quote(type);
      first = false;
    }
    STRATUS_ASSIGN_OR_RETURN(const toml::node* node, member(parent, at, key, expected));
    const KeyPath path = child_path(at, key);
    const toml::array* types = node->as_array();
    if (types == nullptr) return bad_value(path, *node, expected);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < types->size(); ++i) {
      const toml::node& element = *types->get(i);
      const auto* type = element.as_string();
      if (type != nullptr && type->get() == kLocalOnlyEventType) {
        return bad_value(index_path(path, i), element,
                         "\"delivery\" events are local only (the outbox's own report) and are "
                         "never sent to a sink; " +
                             expected);
      }
      const bool known = type != nullptr &&
                         std::find(kAuditEventTypes.begin(), kAuditEventTypes.end(), type->get()) !=
                             kAuditEventTypes.end();
      if (!known) return bad_value(index_path(path, i), element, expected);
      if (std::find(out.begin(), out.end(), type->get()) != out.end()) {
        return bad_value(index_path(path, i), element, "duplicate event type; list each type once");
      }
      out.push_back(type->get());
    }
    return out;
  }

 private:
  static std::string integer_expectation(std::int64_t low, std::int64_t high) {
    if (high == kMaxInt64) return "expected a whole number >= " + std::to_string(low);
    return "expected a whole number from " + std::to_string(low) + " to " + std::to_string(high);
  }

  Error float_rejection(const toml::node& node, const KeyPath& path) const {
    return bad_value(path, node,
                     "write decimals as strings, e.g. \"" + describe_toml_value(node) +
                         "\" (TOML floats are inexact)");
  }

  Error make_error(const KeyPath& path, const toml::node* value, const std::string& shown,
                   std::string_view what) const {
    const ValueOrigin* origin = origins_.find(path);
    std::string message;
    if (origin != nullptr && !origin->label.empty()) message += origin->label + " ";
    message += format_key_path(path) + shown + ": " + std::string(what);
    if (origin != nullptr && origin->has_lines && value != nullptr &&
        value->source().begin.line > 0) {
      message += " (line " + std::to_string(value->source().begin.line) + ")";
    }
    return Error::invalid_input(std::move(message),
                                origin != nullptr ? origin->context : fallback_context_);
  }

  // The known key closest to the unknown `name`: first among its siblings, then anywhere.
  static std::optional<std::string> suggest(std::string_view name, const KeyPath& path,
                                            std::string_view schema_table) {
    // "sheets_url" at the top (e.g. from STRATUS_SHEETS_URL, one '_' short of STRATUS_SHEETS__URL).
    if (schema_table.empty()) {
      for (std::size_t at = name.find('_'); at != std::string_view::npos;
           at = name.find('_', at + 1)) {
        const std::string_view table = name.substr(0, at), key = name.substr(at + 1);
        const bool known =
            std::any_of(std::begin(kSchema), std::end(kSchema),
                        [&](const KnownKey& k) { return k.table == table && k.key == key; });
        if (known) return std::string(table) + "." + std::string(key);
      }
    }
    std::optional<std::string> best;
    std::size_t best_distance = kMaxSuggestionDistance + 1;
    for (const KnownKey& k : kSchema) {
      if (k.table != schema_table) continue;
      std::size_t d = edit_distance(name, k.key);
      if (d < best_distance) {
        best_distance = d;
        best = format_key_path(child_path(path, k.key));
      }
    }
    if (best) return best;
    for (const KnownKey& k : kSchema) {
      if (k.table == schema_table || k.table == kTierTable) continue;
      std::size_t d = edit_distance(name, k.key);
      if (d < best_distance) {
        best_distance = d;
        best =
            k.table.empty() ? std::string(k.key) : std::string(k.table) + "." + std::string(k.key);
      }
    }
    return best;
  }

  const OriginMap& origins_;
  std::string fallback_context_;
};

Result<std::vector<std::string>> read_watchlist(const Checker& check, const toml::table& root) {
  const KeyPath path{"watchlist"};
  constexpr std::string_view kExpected =
      "expected a non-empty array of symbols, e.g. [\"AAPL\", \"MSFT\"]";
  STRATUS_ASSIGN_OR_RETURN(const toml::node* node, check.member(root, {}, "watchlist", kExpected));
  const toml::array* symbols = node->as_array();
  if (symbols == nullptr || symbols->empty()) return check.bad_value(path, *node, kExpected);
  std::vector<std::string> watchlist;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < symbols->size(); ++i) {
    const toml::node& element = *symbols->get(i);
    const auto* symbol = element.as_string();
    if (symbol == nullptr || !is_symbol(symbol->get())) {
      return check.bad_value(index_path(path, i), element, kSymbolExpected);
    }
    if (!seen.insert(symbol->get()).second) {
      return check.bad_value(index_path(path, i), element,
                             "duplicate symbol; list each symbol once");
    }
    watchlist.push_back(symbol->get());
  }
  return watchlist;
}

Result<MarketConfig> read_market(const Checker& check, const toml::table& root) {
  const KeyPath at{"market"};
  STRATUS_ASSIGN_OR_RETURN(const toml::table* t, check.subtable(root, {}, "market"));
  STRATUS_RETURN_IF_ERROR(check.check_keys(*t, at, "market"));
  MarketConfig market;
  STRATUS_ASSIGN_OR_RETURN(market.calendar, check.choice(*t, at, "calendar", {"weekdays", "xnys"}));
  STRATUS_ASSIGN_OR_RETURN(market.cross_check,
                           check.choice(*t, at, "cross_check", {"none", "alpaca"}));
  STRATUS_ASSIGN_OR_RETURN(std::int64_t minutes,
                           check.integer(*t, at, "window_minutes_before_close", 1, 390));
  market.window_minutes_before_close = static_cast<int>(minutes);
  constexpr std::string_view kTimesExpected =
      "expected a non-empty array of New York times of day \"HH:MM\" (24-hour), strictly "
      "increasing, e.g. [\"12:45\", \"15:45\"]";
  const KeyPath path = child_path(at, "run_times");
  STRATUS_ASSIGN_OR_RETURN(const toml::node* node,
                           check.member(*t, at, "run_times", kTimesExpected));
  const toml::array* times = node->as_array();
  if (times == nullptr || times->empty()) return check.bad_value(path, *node, kTimesExpected);
  market.run_times.clear();
  for (std::size_t i = 0; i < times->size(); ++i) {
    const toml::node& element = *times->get(i);
    const auto* text = element.as_string();
    Result<TimeOfDay> parsed =
        text != nullptr ? parse_time_of_day(text->get()) : Result<TimeOfDay>(Error::internal(""));
    if (!parsed.ok()) return check.bad_value(index_path(path, i), element, kTimesExpected);
    if (!market.run_times.empty() && *parsed <= market.run_times.back()) {
      return check.bad_value(index_path(path, i), element, kTimesExpected);
    }
    market.run_times.push_back(*parsed);
  }
  return market;
}

// Reads evaluate.tiers into evaluate.tiers and evaluate.tier_conditions.
Status read_tiers(const Checker& check, const toml::table& evaluate_table, const KeyPath& at,
                  EvaluateConfig& evaluate) {
  const KeyPath path = child_path(at, "tiers");
  const std::string expected =
      "expected a non-empty array of tiers like [" + std::string(kTierExample) + "]";
  STRATUS_ASSIGN_OR_RETURN(const toml::node* node,
                           check.member(evaluate_table, at, "tiers", expected));
  const toml::array* tiers = node->as_array();
  if (tiers == nullptr || tiers->empty()) return check.bad_value(path, *node, expected);
  std::vector<Tier> out;
  for (std::size_t i = 0; i < tiers->size(); ++i) {
    const KeyPath tier_path = index_path(path, i);
    const toml::node& element = *tiers->get(i);
    const toml::table* tier = element.as_table();
    if (tier == nullptr) {
      return check.bad_value(tier_path, element,
                             "expected a tier like " + std::string(kTierExample));
    }
    STRATUS_RETURN_IF_ERROR(check.check_keys(*tier, tier_path, kTierTable));
    STRATUS_ASSIGN_OR_RETURN(const toml::node* drop_node,
                             check.member(*tier, tier_path, "drop", kDropExpected));
    STRATUS_ASSIGN_OR_RETURN(Percent drop, check.drop(*drop_node, child_path(tier_path, "drop")));
    STRATUS_ASSIGN_OR_RETURN(std::int64_t qty,
                             check.integer(*tier, tier_path, "qty", 1, kMaxInt64));
    if (!out.empty() && drop <= out.back().min_drop) {
      std::string previous =
          toml_quote(format_scaled_decimal(out.back().min_drop.units(), Percent::kScale, 0));
      std::string what = drop == out.back().min_drop
                             ? "duplicate drop: the previous tier already has " + previous +
                                   "; each tier needs its own drop"
                             : "expected a drop above the previous tier's " + previous +
                                   "; list tiers in increasing order of drop";
      return check.bad_value(child_path(tier_path, "drop"), *drop_node, what);
    }
    std::optional<rules::Rule> when;
    if (const toml::node* when_node = tier->get("when")) {
      STRATUS_ASSIGN_OR_RETURN(when, check.condition(*when_node, child_path(tier_path, "when")));
      STRATUS_RETURN_IF_ERROR(check.enough_history(when, child_path(tier_path, "when"), *when_node,
                                                   evaluate.indicator_sessions));
    }
    out.push_back(Tier{drop, Quantity(qty)});
    evaluate.tier_conditions.push_back(std::move(when));
  }
  evaluate.tiers = std::move(out);
  return {};
}

Result<EvaluateConfig> read_evaluate(const Checker& check, const toml::table& root) {
  const KeyPath at{"evaluate"};
  STRATUS_ASSIGN_OR_RETURN(const toml::table* t, check.subtable(root, {}, "evaluate"));
  STRATUS_RETURN_IF_ERROR(check.check_keys(*t, at, "evaluate"));
  EvaluateConfig evaluate;
  STRATUS_ASSIGN_OR_RETURN(std::string basis,
                           check.choice(*t, at, "high_basis", {"high", "close"}));
  evaluate.high_basis = basis == "high" ? HighBasis::kHigh : HighBasis::kClose;
  STRATUS_ASSIGN_OR_RETURN(std::string price,
                           check.choice(*t, at, "price", {"close", "latest_trade"}));
  evaluate.price = price == "close" ? PriceSource::kClose : PriceSource::kLatestTrade;
  STRATUS_ASSIGN_OR_RETURN(std::int64_t window,
                           check.integer(*t, at, "window_sessions", 1, kMaxWindowSessions));
  evaluate.window_sessions = static_cast<int>(window);
  STRATUS_ASSIGN_OR_RETURN(const toml::node* min_node,
                           check.member(*t, at, "min_sessions", "expected a whole number >= 1"));
  STRATUS_ASSIGN_OR_RETURN(
      std::int64_t min_sessions,
      check.integer_value(*min_node, child_path(at, "min_sessions"), 1, window,
                          "expected a whole number from 1 to evaluate.window_sessions (" +
                              std::to_string(window) + ")"));
  evaluate.min_sessions = static_cast<int>(min_sessions);
  STRATUS_ASSIGN_OR_RETURN(std::int64_t indicator_sessions,
                           check.integer(*t, at, "indicator_sessions", 1, kMaxWindowSessions));
  evaluate.indicator_sessions = static_cast<int>(indicator_sessions);
  STRATUS_ASSIGN_OR_RETURN(
      const toml::node* filter_node,
      check.member(*t, at, "filter",
                   "expected a condition like \"rsi(14) < 35\", or \"\" for none"));
  STRATUS_ASSIGN_OR_RETURN(evaluate.filter,
                           check.condition(*filter_node, child_path(at, "filter")));
  STRATUS_RETURN_IF_ERROR(check.enough_history(evaluate.filter, child_path(at, "filter"),
                                               *filter_node, evaluate.indicator_sessions));
  STRATUS_RETURN_IF_ERROR(read_tiers(check, *t, at, evaluate));
  return evaluate;
}

Result<LimitsConfig> read_limits(const Checker& check, const toml::table& root) {
  const KeyPath at{"limits"};
  STRATUS_ASSIGN_OR_RETURN(const toml::table* t, check.subtable(root, {}, "limits"));
  STRATUS_RETURN_IF_ERROR(check.check_keys(*t, at, "limits"));
  LimitsConfig limits;
  STRATUS_ASSIGN_OR_RETURN(limits.trading_enabled, check.boolean(*t, at, "trading_enabled"));
  STRATUS_ASSIGN_OR_RETURN(std::int64_t cap,
                           check.integer(*t, at, "monthly_share_cap", 0, kMaxInt64));
  limits.monthly_share_cap = Quantity(cap);
  STRATUS_ASSIGN_OR_RETURN(std::string on_exceed,
                           check.choice(*t, at, "on_exceed", {"clip", "skip"}));
  limits.on_exceed = on_exceed == "clip" ? ExceedPolicy::kClip : ExceedPolicy::kSkip;
  STRATUS_ASSIGN_OR_RETURN(limits.check_buying_power, check.boolean(*t, at, "check_buying_power"));
  if (const toml::node* caps_node = t->get("symbol_caps")) {
    const KeyPath caps_path = child_path(at, "symbol_caps");
    const toml::table* caps = caps_node->as_table();
    if (caps == nullptr) {
      return check.bad_value(caps_path, *caps_node,
                             "expected a table of symbol = shares, e.g. { AAPL = 2 }");
    }
    for (const auto& [key, value] : *caps) {
      const KeyPath cap_path = child_path(caps_path, key.str());
      if (!is_symbol(key.str())) return check.bad_value(cap_path, value, kSymbolExpected);
      STRATUS_ASSIGN_OR_RETURN(
          std::int64_t shares,
          check.integer_value(value, cap_path, 0, kMaxInt64, "expected a whole number >= 0"));
      limits.symbol_caps.emplace(std::string(key.str()), Quantity(shares));
    }
  }
  STRATUS_ASSIGN_OR_RETURN(limits.monthly_budget_per_symbol,
                           check.optional_money(*t, at, "monthly_budget_per_symbol"));
  STRATUS_ASSIGN_OR_RETURN(limits.monthly_budget_total,
                           check.optional_money(*t, at, "monthly_budget_total"));
  STRATUS_ASSIGN_OR_RETURN(limits.max_order_notional,
                           check.optional_money(*t, at, "max_order_notional"));
  return limits;
}

Result<BrokerConfig> read_broker(const Checker& check, const toml::table& root) {
  const KeyPath at{"broker"};
  STRATUS_ASSIGN_OR_RETURN(const toml::table* t, check.subtable(root, {}, "broker"));
  STRATUS_RETURN_IF_ERROR(check.check_keys(*t, at, "broker"));
  BrokerConfig broker;
  STRATUS_ASSIGN_OR_RETURN(broker.kind, check.choice(*t, at, "kind", {"paper", "alpaca"}));
  STRATUS_ASSIGN_OR_RETURN(std::int64_t bps, check.integer(*t, at, "slippage_bps", 0, 1000));
  broker.slippage_bps = static_cast<int>(bps);
  STRATUS_ASSIGN_OR_RETURN(const toml::node* commission,
                           check.member(*t, at, "commission_per_order", kMoneyExpected));
  STRATUS_ASSIGN_OR_RETURN(broker.commission_per_order,
                           check.money(*commission, child_path(at, "commission_per_order")));
  return broker;
}

Result<DataConfig> read_data(const Checker& check, const toml::table& root,
                             const std::string& profile, const std::string& base_dir) {
  const KeyPath at{"data"};
  STRATUS_ASSIGN_OR_RETURN(const toml::table* t, check.subtable(root, {}, "data"));
  STRATUS_RETURN_IF_ERROR(check.check_keys(*t, at, "data"));
  DataConfig data;
  STRATUS_ASSIGN_OR_RETURN(data.kind, check.choice(*t, at, "kind", {"csv", "alpaca"}));
  STRATUS_ASSIGN_OR_RETURN(data.path, check.path(*t, at, "path", profile, base_dir));
  STRATUS_ASSIGN_OR_RETURN(data.layout, check.choice(*t, at, "layout", {"sp500", "generic"}));
  return data;
}

// [audit]: a table holding only `path`.
Result<std::string> read_path_section(const Checker& check, const toml::table& root,
                                      std::string_view section, const std::string& profile,
                                      const std::string& base_dir) {
  const KeyPath at{std::string(section)};
  STRATUS_ASSIGN_OR_RETURN(const toml::table* t, check.subtable(root, {}, section));
  STRATUS_RETURN_IF_ERROR(check.check_keys(*t, at, section));
  return check.path(*t, at, "path", profile, base_dir);
}

// [ledger]: `kind`, the SQLite `path` (read whatever the kind: the paper broker keeps its state
// there) and the DynamoDB `table`. Fills config.ledger and config.ledger_path.
Status read_ledger(const Checker& check, const toml::table& root, const std::string& profile,
                   const std::string& base_dir, Config& config) {
  const KeyPath at{"ledger"};
  STRATUS_ASSIGN_OR_RETURN(const toml::table* t, check.subtable(root, {}, "ledger"));
  STRATUS_RETURN_IF_ERROR(check.check_keys(*t, at, "ledger"));
  STRATUS_ASSIGN_OR_RETURN(config.ledger.kind,
                           check.choice(*t, at, "kind", {"sqlite", "dynamodb"}));
  STRATUS_ASSIGN_OR_RETURN(config.ledger_path, check.path(*t, at, "path", profile, base_dir));
  STRATUS_ASSIGN_OR_RETURN(config.ledger.table, check.table_name(*t, at, "table", profile));
  return {};
}

Result<AlpacaConfig> read_alpaca(const Checker& check, const toml::table& root,
                                 const std::string& profile, const std::string& base_dir) {
  const KeyPath at{"alpaca"};
  STRATUS_ASSIGN_OR_RETURN(const toml::table* t, check.subtable(root, {}, "alpaca"));
  STRATUS_RETURN_IF_ERROR(check.check_keys(*t, at, "alpaca"));
  AlpacaConfig alpaca;
  STRATUS_ASSIGN_OR_RETURN(std::string environment,
                           check.choice(*t, at, "environment", {"paper", "live"}));
  alpaca.environment = environment == "live" ? AlpacaEnvironment::kLive : AlpacaEnvironment::kPaper;
  STRATUS_ASSIGN_OR_RETURN(alpaca.trading_url,
                           check.base_url(*t, at, "trading_url", /*allow_empty=*/true));
  STRATUS_ASSIGN_OR_RETURN(alpaca.data_url,
                           check.base_url(*t, at, "data_url", /*allow_empty=*/false));
  STRATUS_ASSIGN_OR_RETURN(alpaca.feed, check.choice(*t, at, "feed", {"iex", "sip"}));
  STRATUS_ASSIGN_OR_RETURN(alpaca.adjustment,
                           check.choice(*t, at, "adjustment", {"raw", "split", "dividend", "all"}));
  STRATUS_ASSIGN_OR_RETURN(alpaca.cache_path, check.path(*t, at, "cache_path", profile, base_dir));
  STRATUS_ASSIGN_OR_RETURN(std::string order_type,
                           check.choice(*t, at, "order_type", {"market", "limit"}));
  alpaca.order_type = order_type == "limit" ? OrderType::kLimit : OrderType::kMarket;
  STRATUS_ASSIGN_OR_RETURN(std::int64_t offset, check.integer(*t, at, "limit_offset_bps", 0, 1000));
  alpaca.limit_offset_bps = static_cast<int>(offset);
  // Only "day" for now: an order that outlives its session would buy on a stale signal.
  STRATUS_RETURN_IF_ERROR(check.choice(*t, at, "time_in_force", {"day"}));
  alpaca.time_in_force = TimeInForce::kDay;
  return alpaca;
}

Result<HttpConfig> read_http(const Checker& check, const toml::table& root) {
  const KeyPath at{"http"};
  STRATUS_ASSIGN_OR_RETURN(const toml::table* t, check.subtable(root, {}, "http"));
  STRATUS_RETURN_IF_ERROR(check.check_keys(*t, at, "http"));
  HttpConfig http;
  struct Field {
    std::string_view key;
    int* out;
    std::int64_t low;
    std::int64_t high;
  };
  constexpr std::int64_t kHour = 3'600'000;
  const Field fields[] = {
      {"connect_timeout_ms", &http.connect_timeout_ms, 1, kHour},
      {"total_timeout_ms", &http.total_timeout_ms, 1, kHour},
      {"max_attempts", &http.max_attempts, 1, 20},
      {"base_delay_ms", &http.base_delay_ms, 0, kHour},
      {"max_delay_ms", &http.max_delay_ms, 0, kHour},
      {"max_total_delay_ms", &http.max_total_delay_ms, 0, kHour},
      {"breaker_failure_threshold", &http.breaker_failure_threshold, 1, 1000},
  };
  for (const Field& field : fields) {
    STRATUS_ASSIGN_OR_RETURN(std::int64_t value,
                             check.integer(*t, at, field.key, field.low, field.high));
    *field.out = static_cast<int>(value);
  }
  if (http.connect_timeout_ms > http.total_timeout_ms) {
    return check.bad_value(child_path(at, "connect_timeout_ms"), *t->get("connect_timeout_ms"),
                           "expected at most http.total_timeout_ms (" +
                               std::to_string(http.total_timeout_ms) +
                               "): the connection is part of the whole exchange");
  }
  return http;
}

// An SNS standard topic ARN: arn:<partition>:sns:<region>:<12-digit account>:<name>, the name
// 1-256 of [A-Za-z0-9_-]. FIFO topics (".fifo") are refused: they need a message group per
// message, which alerts have no use for.
bool is_sns_topic_arn(std::string_view text) {
  static const std::regex kArn(
      "arn:aws(-cn|-us-gov|-iso|-iso-b)?:sns:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}:[A-Za-z0-9_-]{1,"
      "256}");
  return std::regex_match(text.begin(), text.end(), kArn);
}

Result<AlertsConfig> read_alerts(const Checker& check, const toml::table& root) {
  const KeyPath at{"alerts"};
  STRATUS_ASSIGN_OR_RETURN(const toml::table* t, check.subtable(root, {}, "alerts"));
  STRATUS_RETURN_IF_ERROR(check.check_keys(*t, at, "alerts"));
  AlertsConfig alerts;
  STRATUS_ASSIGN_OR_RETURN(
      alerts.sns_topic_arn,
      check.text(*t, at, "sns_topic_arn",
                 "expected \"\" (no SNS alerts) or a standard SNS topic ARN such as "
                 "\"arn:aws:sns:us-east-1:123456789012:stratus-alerts\"",
                 [](std::string_view text) { return text.empty() || is_sns_topic_arn(text); }));

  const KeyPath on_path = child_path(at, "on");
  std::string expected = "expected an array of distinct alert kinds from ";
  for (std::size_t i = 0; i < kAlertKinds.size(); ++i) {
    expected += (i == 0 ? "" : ", ") + toml_quote(kAlertKinds[i]);
  }
  STRATUS_ASSIGN_OR_RETURN(const toml::node* node, check.member(*t, at, "on", expected));
  const toml::array* kinds = node->as_array();
  if (kinds == nullptr) return check.bad_value(on_path, *node, expected);
  alerts.on.clear();
  for (std::size_t i = 0; i < kinds->size(); ++i) {
    const toml::node& element = *kinds->get(i);
    const auto* kind = element.as_string();
    const bool known = kind != nullptr && std::find(kAlertKinds.begin(), kAlertKinds.end(),
                                                    kind->get()) != kAlertKinds.end();
    if (!known) return check.bad_value(index_path(on_path, i), element, expected);
    if (std::find(alerts.on.begin(), alerts.on.end(), kind->get()) != alerts.on.end()) {
      return check.bad_value(index_path(on_path, i), element,
                             "duplicate alert kind; list each kind once");
    }
    alerts.on.push_back(kind->get());
  }
  STRATUS_ASSIGN_OR_RETURN(alerts.min_severity, check.severity(*t, at, "min_severity"));
  return alerts;
}

Result<SlackConfig> read_slack(const Checker& check, const toml::table& root) {
  const KeyPath at{"slack"};
  STRATUS_ASSIGN_OR_RETURN(const toml::table* t, check.subtable(root, {}, "slack"));
  STRATUS_RETURN_IF_ERROR(check.check_keys(*t, at, "slack"));
  SlackConfig slack;
  STRATUS_ASSIGN_OR_RETURN(
      slack.webhook_url,
      check.secret_reference(*t, at, "webhook_url", "the Slack incoming-webhook URL"));
  STRATUS_ASSIGN_OR_RETURN(slack.events, check.event_types(*t, at, "events"));
  STRATUS_ASSIGN_OR_RETURN(slack.min_severity, check.severity(*t, at, "min_severity"));
  return slack;
}

// [sheets]: url and secret go together (the web app refuses a request without its secret).
Result<SheetsConfig> read_sheets(const Checker& check, const toml::table& root) {
  const KeyPath at{"sheets"};
  STRATUS_ASSIGN_OR_RETURN(const toml::table* t, check.subtable(root, {}, "sheets"));
  STRATUS_RETURN_IF_ERROR(check.check_keys(*t, at, "sheets"));
  SheetsConfig sheets;
  STRATUS_ASSIGN_OR_RETURN(sheets.url,
                           check.secret_reference(*t, at, "url", "the Apps Script web app's URL"));
  STRATUS_ASSIGN_OR_RETURN(
      sheets.secret,
      check.secret_reference(*t, at, "secret", "the shared secret the Apps Script checks"));
  // The error names the key that was set (a reference, safe to show), where it was set.
  if (!sheets.url.empty() && sheets.secret.empty()) {
    return check.bad_value(child_path(at, "url"), *t->get("url"),
                           "sheets.secret is not set, and the web app refuses requests without "
                           "its shared secret: set sheets.secret to a reference \"env:NAME\" or "
                           "\"ssm:/path\" too");
  }
  if (sheets.url.empty() && !sheets.secret.empty()) {
    return check.bad_value(child_path(at, "secret"), *t->get("secret"),
                           "sheets.url is not set, so there is no web app to send the secret to: "
                           "set sheets.url to a reference \"env:NAME\" or \"ssm:/path\" to the "
                           "Apps Script web app's URL, or remove sheets.secret");
  }
  STRATUS_ASSIGN_OR_RETURN(sheets.events, check.event_types(*t, at, "events"));
  STRATUS_ASSIGN_OR_RETURN(sheets.min_severity, check.severity(*t, at, "min_severity"));
  return sheets;
}

Result<OutboxConfig> read_outbox(const Checker& check, const toml::table& root) {
  const KeyPath at{"outbox"};
  STRATUS_ASSIGN_OR_RETURN(const toml::table* t, check.subtable(root, {}, "outbox"));
  STRATUS_RETURN_IF_ERROR(check.check_keys(*t, at, "outbox"));
  OutboxConfig outbox;
  constexpr std::int64_t kDay = 86'400;
  STRATUS_ASSIGN_OR_RETURN(std::int64_t base, check.integer(*t, at, "retry_base_seconds", 1, kDay));
  outbox.retry_base_seconds = static_cast<int>(base);
  STRATUS_ASSIGN_OR_RETURN(const toml::node* max_node,
                           check.member(*t, at, "retry_max_seconds", "expected a whole number"));
  STRATUS_ASSIGN_OR_RETURN(
      std::int64_t max,
      check.integer_value(*max_node, child_path(at, "retry_max_seconds"), base, 7 * kDay,
                          "expected a whole number from outbox.retry_base_seconds (" +
                              std::to_string(base) + ") to 604800 (a week)"));
  outbox.retry_max_seconds = static_cast<int>(max);
  STRATUS_ASSIGN_OR_RETURN(std::int64_t per_sink, check.integer(*t, at, "max_per_sink", 1, 10'000));
  outbox.max_per_sink = static_cast<int>(per_sink);
  STRATUS_ASSIGN_OR_RETURN(std::int64_t lease, check.integer(*t, at, "lease_seconds", 1, 3'600));
  outbox.lease_seconds = static_cast<int>(lease);
  return outbox;
}

Result<BacktestConfig> read_backtest(const Checker& check, const toml::table& root) {
  const KeyPath at{"backtest"};
  STRATUS_ASSIGN_OR_RETURN(const toml::table* t, check.subtable(root, {}, "backtest"));
  STRATUS_RETURN_IF_ERROR(check.check_keys(*t, at, "backtest"));
  BacktestConfig backtest;
  const auto money = [&](std::string_view key) -> Result<Money> {
    STRATUS_ASSIGN_OR_RETURN(const toml::node* node, check.member(*t, at, key, kMoneyExpected));
    return check.money(*node, child_path(at, key));
  };
  STRATUS_ASSIGN_OR_RETURN(backtest.starting_cash, money("starting_cash"));
  STRATUS_ASSIGN_OR_RETURN(backtest.monthly_contribution, money("monthly_contribution"));
  STRATUS_ASSIGN_OR_RETURN(std::int64_t day, check.integer(*t, at, "contribution_day", 1, 28));
  backtest.contribution_day = static_cast<int>(day);
  STRATUS_ASSIGN_OR_RETURN(backtest.fill, check.choice(*t, at, "fill", {"close", "next_open"}));
  STRATUS_ASSIGN_OR_RETURN(std::int64_t bps, check.integer(*t, at, "slippage_bps", 0, 1000));
  backtest.slippage_bps = static_cast<int>(bps);
  STRATUS_ASSIGN_OR_RETURN(backtest.commission_per_order, money("commission_per_order"));
  STRATUS_ASSIGN_OR_RETURN(backtest.commission_per_share, money("commission_per_share"));
  STRATUS_ASSIGN_OR_RETURN(const toml::node* rate,
                           check.member(*t, at, "risk_free_rate", kRateExpected));
  STRATUS_ASSIGN_OR_RETURN(backtest.risk_free_rate,
                           check.rate(*rate, child_path(at, "risk_free_rate")));
  return backtest;
}

Result<std::map<std::string, std::string>> read_secrets(const Checker& check,
                                                        const toml::table& root) {
  std::map<std::string, std::string> secrets;
  const toml::node* node = root.get("secrets");
  if (node == nullptr) return secrets;
  const KeyPath at{"secrets"};
  const toml::table* t = node->as_table();
  if (t == nullptr) {
    return check.bad_hidden_value(at, *node,
                                  "expected a table of name = \"env:NAME\" or \"ssm:/path\"");
  }
  for (const auto& [key, value] : *t) {
    const KeyPath path = child_path(at, key.str());
    if (key.str().empty() || !std::all_of(key.str().begin(), key.str().end(), is_name_char)) {
      return check.bad_hidden_value(path, value,
                                    "expected a secret name of letters, digits, '-' or '_'");
    }
    const auto* text = value.as_string();
    SecretReferenceShape shape =
        text != nullptr ? classify_secret_reference(text->get()) : SecretReferenceShape::kLiteral;
    if (shape == SecretReferenceShape::kMalformed) {
      return check.bad_value(path, value,
                             "expected a reference \"env:NAME\" (NAME of letters, digits and _) "
                             "or \"ssm:/path\" (an SSM parameter name)");
    }
    if (shape == SecretReferenceShape::kLiteral) {
      return check.bad_hidden_value(
          path, value,
          "secrets go by reference, never by value: write \"env:NAME\" (an environment "
          "variable) or \"ssm:/path\" (an SSM parameter) and keep the secret itself there");
    }
    secrets.emplace(std::string(key.str()), text->get());
  }
  return secrets;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment distance, three rolling rows.
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

bool is_valid_profile_name(std::string_view profile) {
  return !profile.empty() && profile.size() <= 32 &&
         std::all_of(profile.begin(), profile.end(), is_name_char);
}

Result<Config> validate_config_table(const toml::table& merged, const std::string& profile,
                                     const std::string& base_dir, const OriginMap& origins,
                                     std::string_view fallback_context) {
  if (!is_valid_profile_name(profile)) {
    return Error::invalid_input(
        "profile " + toml_quote(profile) + ": expected a name of 1-32 letters, digits, '-' or '_'",
        std::string(fallback_context));
  }
  const Checker check(origins, fallback_context);
  STRATUS_RETURN_IF_ERROR(check.check_keys(merged, {}, ""));
  Config config;
  config.profile = profile;
  STRATUS_ASSIGN_OR_RETURN(
      config.strategy,
      check.text(merged, {}, "strategy",
                 "expected a strategy name of 1-24 letters, digits, '-' or '_', starting with "
                 "a letter or digit (it is part of every client_order_id)",
                 is_strategy_name));
  STRATUS_ASSIGN_OR_RETURN(config.watchlist, read_watchlist(check, merged));
  STRATUS_ASSIGN_OR_RETURN(config.market, read_market(check, merged));
  STRATUS_ASSIGN_OR_RETURN(config.evaluate, read_evaluate(check, merged));
  STRATUS_ASSIGN_OR_RETURN(config.limits, read_limits(check, merged));
  STRATUS_ASSIGN_OR_RETURN(config.broker, read_broker(check, merged));
  STRATUS_ASSIGN_OR_RETURN(config.data, read_data(check, merged, profile, base_dir));
  STRATUS_RETURN_IF_ERROR(read_ledger(check, merged, profile, base_dir, config));
  STRATUS_ASSIGN_OR_RETURN(config.audit_path,
                           read_path_section(check, merged, "audit", profile, base_dir));
  STRATUS_ASSIGN_OR_RETURN(config.alpaca, read_alpaca(check, merged, profile, base_dir));
  STRATUS_ASSIGN_OR_RETURN(config.http, read_http(check, merged));
  STRATUS_ASSIGN_OR_RETURN(config.alerts, read_alerts(check, merged));
  STRATUS_ASSIGN_OR_RETURN(config.slack, read_slack(check, merged));
  STRATUS_ASSIGN_OR_RETURN(config.sheets, read_sheets(check, merged));
  STRATUS_ASSIGN_OR_RETURN(config.outbox, read_outbox(check, merged));
  STRATUS_ASSIGN_OR_RETURN(config.backtest, read_backtest(check, merged));
  STRATUS_ASSIGN_OR_RETURN(config.secrets, read_secrets(check, merged));
  return config;
}

}  // namespace stratus
