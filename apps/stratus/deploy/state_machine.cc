// The trading-day state machine (see state_machine.h).
#include "apps/stratus/deploy/state_machine.h"

#include "apps/stratus/deploy/logical_ids.h"
#include "pipeline/chain.h"

namespace stratus::deploy {
namespace {

using Json = nlohmann::ordered_json;

// The first step after index `i` that always runs (record): where a skipped or failed chain goes.
std::string_view closing_step_after(std::size_t i) {
  for (std::size_t j = i + 1; j < kTradingDayChain.size(); ++j) {
    if (kTradingDayChain[j].always_runs) return kTradingDayChain[j].name;
  }
  return {};
}

Json task(const ChainStep& step) {
  Json retried = Json::array();
  for (std::string_view e : kRetriedErrors) retried.push_back(e);
  return {{"Type", "Task"},
          {"Comment", step.purpose},
          {"Resource", "arn:${Partition}:states:::lambda:invoke"},
          {"Parameters",
           {{"FunctionName", "${" + function_arn_variable(step.name) + "}"}, {"Payload.$", "$"}}},
          {"OutputPath", "$.Payload"},
          {"TimeoutSeconds", 900},
          {"Retry", Json::array({{{"ErrorEquals", retried},
                                  {"IntervalSeconds", 2},
                                  {"MaxAttempts", 4},
                                  {"BackoffRate", 2.0}}})}};
}

}  // namespace

std::string skip_choice_state(std::string_view step) { return std::string(step) + ": skipped?"; }
std::string failed_pass_state(std::string_view step) { return std::string(step) + " failed"; }

std::string function_arn_variable(std::string_view step) {
  return function_logical_id(step) + "Arn";
}

Json state_machine_definition() {
  Json states = Json::object();
  for (std::size_t i = 0; i < kTradingDayChain.size(); ++i) {
    const ChainStep& step = kTradingDayChain[i];
    Json state = task(step);
    if (step.always_runs) {
      // Its failure ends the execution: nothing after it could record it.
      state["Catch"] = Json::array({{{"ErrorEquals", {"States.ALL"}},
                                     {"ResultPath", "$.failed"},
                                     {"Next", kRecordFailedState}}});
      state["Next"] = i + 1 < kTradingDayChain.size() ? std::string(kTradingDayChain[i + 1].name)
                                                      : std::string(kRunFailedChoice);
      states[std::string(step.name)] = std::move(state);
      continue;
    }
    const std::string closing(closing_step_after(i));
    state["Catch"] = Json::array({{{"ErrorEquals", {"States.ALL"}},
                                   {"ResultPath", "$.failed"},
                                   {"Next", failed_pass_state(step.name)}}});
    const std::string next(kTradingDayChain[i + 1].name);
    if (kTradingDayChain[i + 1].always_runs) {
      state["Next"] = next;
    } else {
      state["Next"] = skip_choice_state(step.name);
    }
    states[std::string(step.name)] = std::move(state);
    if (!kTradingDayChain[i + 1].always_runs) {
      states[skip_choice_state(step.name)] = {
          {"Type", "Choice"},
          {"Choices",
           Json::array({{{"Variable", "$.skipped"}, {"IsPresent", true}, {"Next", closing}}})},
          {"Default", next}};
    }
    // The Catch left {Error, Cause} in $.failed; record expects {step, code, message}.
    states[failed_pass_state(step.name)] = {
        {"Type", "Pass"},
        {"Comment", "the run failed in " + std::string(step.name) + ": record says so"},
        {"Parameters",
         {{"step", step.name}, {"code.$", "$.failed.Error"}, {"message.$", "$.failed.Cause"}}},
        {"ResultPath", "$.failed"},
        {"Next", closing}};
  }
  states[std::string(kRunFailedChoice)] = {
      {"Type", "Choice"},
      {"Choices",
       Json::array({{{"Variable", "$.failed"}, {"IsPresent", true}, {"Next", kRunFailedState}}})},
      {"Default", kDoneState}};
  states[std::string(kRunFailedState)] = {
      {"Type", "Fail"},
      {"Error", "Stratus.RunFailed"},
      {"Cause", "a step failed; the audit log's run_failed event names it and why"}};
  states[std::string(kRecordFailedState)] = {
      {"Type", "Fail"},
      {"Error", "Stratus.RecordFailed"},
      {"Cause", "the run's decisions could not be recorded; see the record function's log"}};
  states[std::string(kDoneState)] = {{"Type", "Succeed"}};

  return {{"Comment",
           "Stratus trading day: generated from kTradingDayChain by "
           "`stratus deploy template`"},
          {"StartAt", kTradingDayChain.front().name},
          {"States", std::move(states)}};
}

}  // namespace stratus::deploy
