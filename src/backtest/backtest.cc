#include "backtest/backtest.h"

#include <string_view>

#include "backtest/simulated_world.h"
#include "pipeline/local_runner.h"
#include "pipeline/replay.h"

namespace stratus {
namespace {

int day_of_month(Date d) {
  return static_cast<int>(static_cast<unsigned>(std::chrono::year_month_day(d).day()));
}

std::chrono::year_month month_of(Date d) {
  const std::chrono::year_month_day ymd(d);
  return ymd.year() / ymd.month();
}

// The string at `key` of `object`, without copying it; empty when there is none.
std::string_view text_at(const Json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string()
             ? std::string_view(found->get_ref<const std::string&>())
             : std::string_view();
}

// Adds what one run's document shows to `counts`.
void count_run(const RunDocument& in_process, ChainCounts& counts) {
  const Json& doc = in_process.fields();
  ++counts.runs;
  if (doc.contains("skipped")) ++counts.skipped_runs;
  counts.signals += in_process.signal_count();
  if (const auto* verdicts = in_process.verdicts()) {
    for (const SymbolVerdict& verdict : *verdicts) {
      if (verdict.code == SymbolVerdict::Code::kFilterNotMet ||
          verdict.code == SymbolVerdict::Code::kTierConditionsNotMet) {
        ++counts.filtered;
      }
    }
  } else if (const auto passed = doc.find("passed"); passed != doc.end()) {
    for (const Json& pass : *passed) {
      const std::string_view code = text_at(pass, "code");
      if (code == "filter_not_met" || code == "tier_conditions_not_met") ++counts.filtered;
    }
  }
  if (const auto recorded = doc.find("recorded"); recorded != doc.end()) {
    counts.audit_events += recorded->value("events", std::size_t{0});
  }
  if (const auto* declines = in_process.declines()) {
    for (const DeclinedPurchase& decline : *declines) {
      ++(decline.bound_by() == "buying_power" ? counts.short_of_cash : counts.declined);
    }
  } else if (const auto declined = doc.find("declined"); declined != doc.end()) {
    for (const Json& decline : *declined) {
      ++(text_at(decline, "bound_by") == "buying_power" ? counts.short_of_cash : counts.declined);
    }
  }
  if (const auto orders = doc.find("orders"); orders != doc.end()) {
    for (const Json& order : *orders) {
      if (order.value("already_reserved", false)) continue;
      ++counts.reserved;
      if (order.value("qty", 0) < order.value("requested_qty", 0)) {
        ++(text_at(order, "bound_by") == "buying_power" ? counts.short_of_cash : counts.clipped);
      }
      if (text_at(order, "state") == "rejected") ++counts.rejected;
    }
  }
}

// The document of execute's last run: no new orders, only the reconciliation of open ones.
Json settlement_document(const Config& config, Timestamp at) {
  Json doc = new_run_document(config.profile, at);
  doc["run"]["id"] = doc["run"]["id"].get<std::string>() + "/settlement";
  doc["orders"] = Json::array();
  return doc;
}

}  // namespace

std::vector<Date> monthly_sessions(const std::vector<MarketDay>& sessions, int day) {
  std::vector<Date> out;
  std::optional<std::chrono::year_month> taken;
  for (const MarketDay& s : sessions) {
    const auto month = month_of(s.date);
    if (taken == month || day_of_month(s.date) < day) continue;
    out.push_back(s.date);
    taken = month;
  }
  return out;
}

std::vector<std::pair<Date, Money>> funding_schedule(const std::vector<MarketDay>& sessions,
                                                     const FundingPlan& plan) {
  std::vector<std::pair<Date, Money>> flows;
  if (sessions.empty()) return flows;
  if (plan.starting_cash.is_positive())
    flows.emplace_back(sessions.front().date, plan.starting_cash);
  if (!plan.monthly_contribution.is_positive()) return flows;
  for (const Date d : monthly_sessions(sessions, plan.contribution_day)) {
    // The first month's contribution is part of the start when it falls on the first session.
    if (d == sessions.front().date && plan.starting_cash.is_positive()) {
      flows.front().second += plan.monthly_contribution;
    } else {
      flows.emplace_back(d, plan.monthly_contribution);
    }
  }
  return flows;
}

Result<bool> open_account_day(SimulatedBroker& broker, SettableClock& clock, const MarketDay& day,
                              FundingFlows::const_iterator& next, FundingFlows::const_iterator end,
                              AccountDay& account) {
  account.session = day.date;
  const bool funded = next != end && next->first == day.date;
  if (funded) {
    broker.deposit(next->second);
    account.flow = next->second;
    ++next;
  }
  clock.set(day.open);
  STRATUS_RETURN_IF_ERROR(broker.settle(day.open));
  return funded;
}

Status close_account_day(SimulatedBroker& broker, SettableClock& clock,
                         HoldingsValuation& valuation, const MarketDay& day, AccountDay& account) {
  clock.set(day.close);
  STRATUS_RETURN_IF_ERROR(broker.settle(day.close));
  account.cash = broker.cash();
  STRATUS_ASSIGN_OR_RETURN(account.holdings_value, valuation.value(broker.holdings(), day.date));
  account.equity = account.cash + account.holdings_value;
  return {};
}

Result<BacktestRun> run_backtest(const Config& config, const MarketCalendar& calendar,
                                 MarketData& data, EventSink& audit,
                                 const BacktestSettings& settings, const ProgressFn& progress) {
  if (settings.to < settings.from) {
    return Error::invalid_input("the period ends (" + format_date(settings.to) +
                                ") before it starts (" + format_date(settings.from) + ")");
  }
  BacktestRun run;
  STRATUS_ASSIGN_OR_RETURN(run.sessions, calendar.sessions(settings.from, settings.to));
  if (run.sessions.empty()) {
    return Error::invalid_input("no " + std::string(calendar.name()) + " session from " +
                                format_date(settings.from) + " to " + format_date(settings.to));
  }
  const auto flows = funding_schedule(run.sessions, settings.funding);
  auto next_flow = flows.cbegin();

  SimulatedWorld world(config, calendar, data, audit, settings.fill, run.sessions.front().open);
  SettableClock& clock = world.clock();
  SimulatedBroker& broker = world.broker();
  HoldingsValuation valuation(data);
  const std::size_t total = run.sessions.size();
  for (std::size_t i = 0; i < total; ++i) {
    const MarketDay& day = run.sessions[i];
    AccountDay account;
    STRATUS_RETURN_IF_ERROR(open_account_day(broker, clock, day, next_flow, flows.cend(), account));
    for (const Timestamp at : replay_instants(config.market, day)) {
      clock.set(at);
      RunOutcome outcome = run_chain(world, new_run_document(config.profile, at));
      if (outcome.error) return outcome.error->within("the run at " + format_utc_timestamp(at));
      count_run(outcome.document, run.counts);
    }
    STRATUS_RETURN_IF_ERROR(close_account_day(broker, clock, valuation, day, account));
    run.days.push_back(account);
    ++run.counts.sessions;
    if (progress) progress(i + 1, total);
  }

  // The ledger learns of the last session's fills as the next live run would.
  STRATUS_ASSIGN_OR_RETURN(Step * execute, world.step("execute"));
  auto settled = execute->run(settlement_document(config, run.sessions.back().close));
  if (!settled.ok()) return settled.error().within("the settlement after the last session");

  // The world ends here: its records are moved out, not copied.
  run.orders = world.ledger().release_orders();
  run.broker_orders = broker.release_orders();
  run.fills = broker.release_fills();
  run.holdings = broker.holdings();
  run.cash = broker.cash();
  return run;
}

}  // namespace stratus
