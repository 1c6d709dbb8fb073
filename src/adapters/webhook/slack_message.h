// The Slack message for one audit event (domain/audit_event.h, built by functions/audit_events.h):
// Block Kit, readable on a phone. Pure.
//
//   section   what happened in one line, an emoji first, then a detail line (a reason, an error):
//             ":white_check_mark: *Bought 2 AAPL at ~105.76*", ":x: *Order rejected: 2 AAPL*",
//             ":no_entry: *Cap reached: 2 AAPL not bought*", ":rotating_light: *Run failed at
//             execute: broker down*"
//   section   fields, when the event has them: symbol, qty, price, state, fill, month cap
//             used/limit, ... (counts for a run summary; price, high and drop for a signal)
//   section   preformatted text when the event carries some (an alert's message, the data of an
//             event type this file does not know)
//   context   profile, run id, event id and the run's time (UTC)
// plus "text", the plain fallback notifications show: always set.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace stratus {

// Slack's documented Block Kit limits for messages, which slack_message() keeps to.
inline constexpr std::size_t kSlackMaxBlocks = 50;
inline constexpr std::size_t kSlackMaxSectionText = 3000;  // Characters.
inline constexpr std::size_t kSlackMaxHeaderText = 150;
inline constexpr std::size_t kSlackMaxFields = 10;
inline constexpr std::size_t kSlackMaxFieldText = 2000;
inline constexpr std::size_t kSlackMaxContextElements = 10;

// `text` with &, < and > escaped as Slack's mrkdwn requires.
std::string slack_escape(std::string_view text);

// What happened, in one line of plain text without emoji ("Bought 2 AAPL at ~105.76"). Total:
// any JSON value gives a line (unknown types: "Event: <type>").
std::string slack_headline(const nlohmann::json& event);

// {"text": fallback, "blocks": [...]} as the file comment says. Total: any JSON value gives a
// valid message (missing members are left out). Guarantees: "text" is non-empty; at most
// kSlackMaxBlocks blocks; section texts, field texts and header texts within the limits above
// (counted in Unicode characters, after escaping), at most kSlackMaxFields fields and
// kSlackMaxContextElements context elements; every interpolated value escaped.
nlohmann::json slack_message(const nlohmann::json& event);

}  // namespace stratus
