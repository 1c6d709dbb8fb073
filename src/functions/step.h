// Step: one function of the trading-day chain. JSON document in, enriched document out.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "domain/result.h"

namespace stratus {

using Json = nlohmann::json;

class RunDocument;

class Step {
 public:
  virtual ~Step() = default;
  // The step's name in the chain ("market-check", ...).
  virtual std::string_view name() const = 0;
  // Validates `doc` (InvalidInput naming the field when it is malformed) and returns it enriched
  // with this step's output. A document that carries "skipped" passes through unchanged, except
  // through record, which records it. Business outcomes are data in the document, not errors.
  virtual Result<Json> run(const Json& doc) = 0;
  // The same step, taking the document over instead of copying it.
  // On success the result is what run(const Json&) would return, built from `doc`'s storage; on
  // an error `doc` is left as it was, so the caller can record the failure in it. The default
  // copies; a step whose document is large overrides it.
  virtual Result<Json> run(Json&& doc) { return run(static_cast<const Json&>(doc)); }
  // The chain runner's path: the same step on the document in process, in place. Afterwards
  // doc.json() is what run(Json&&) would have returned; on an error `doc` is left as it was.
  // The default writes any verdicts held as values into the JSON and runs run(Json&&) on it; a
  // step overrides it to take the verdicts as values, or to leave them aside (run_document.h).
  virtual Status run_in_chain(RunDocument& doc);
};

}  // namespace stratus
