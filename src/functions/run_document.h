// RunDocument: the run document as the chain hands it from step to step inside one process. It
// is the JSON document, except that its bulkiest sections may be held as values beside it:
// evaluate's per-symbol verdicts ("signals" and "passed", one entry per watched symbol and run)
// and the purchases check-limits declined ("declined"). A step that reads them takes the values,
// and their JSON entries are made only when someone asks for the whole document. Whatever the
// steps do, json() is the document the JSON path (Step::run) would have produced.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "functions/declined_purchase.h"
#include "functions/step.h"
#include "functions/symbol_verdict.h"

namespace stratus {

class RunDocument {
 public:
  RunDocument() = default;
  explicit RunDocument(Json doc) : fields_(std::move(doc)) {}

  // The whole document, the sections held as values written into it first.
  Json& json();
  // The whole document, taken over; this one is left empty.
  Json take_json() &&;

  // The document without the sections held as values (all of it when none are): every member a
  // step reads or writes other than "signals" and "passed" while verdicts() is set, and other
  // than "declined" while declines() is set.
  const Json& fields() const { return fields_; }
  Json& fields() { return fields_; }

  // Evaluate's verdicts in watchlist order, when they are held as values; nullptr when the
  // document's "signals" and "passed" (if any) are JSON members.
  const std::vector<SymbolVerdict>* verdicts() const { return verdicts_ ? &*verdicts_ : nullptr; }
  // Holds `verdicts` as the document's "signals" and "passed", replacing any such members.
  void set_verdicts(std::vector<SymbolVerdict> verdicts);

  // Check-limits' declined purchases in order, when they are held as values; nullptr when the
  // document's "declined" (if any) is a JSON member.
  const std::vector<DeclinedPurchase>* declines() const {
    return declines_ ? &*declines_ : nullptr;
  }
  // Holds `declines` as the document's "declined", replacing any such member.
  void set_declines(std::vector<DeclinedPurchase> declines);

  // How many entries "signals" has (0 for a missing or malformed member).
  std::size_t signal_count() const;

 private:
  Json fields_;
  std::optional<std::vector<SymbolVerdict>> verdicts_;
  std::optional<std::vector<DeclinedPurchase>> declines_;
};

// A step whose work is done on the document in process (run_in_chain): its JSON path (run) runs
// that on a RunDocument made of the given document, and returns the whole of it.
class DocumentStep : public Step {
 public:
  Result<Json> run(const Json& doc) final;
  Result<Json> run(Json&& doc) final;
};

// Runs `step`'s JSON path (Step::run(Json&&)) on `doc`'s fields, leaving the sections held as
// values aside. For a step that reads none of "signals", "passed" and "declined". On an error
// `doc` is left as it was.
Status run_on_fields(Step& step, RunDocument& doc);

}  // namespace stratus
