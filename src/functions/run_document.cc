#include "functions/run_document.h"

namespace stratus {
namespace {

std::size_t array_size(const Json& doc, const char* key) {
  const auto found = doc.find(key);
  return found != doc.end() && found->is_array() ? found->size() : 0;
}

}  // namespace

Json& RunDocument::json() {
  if (verdicts_) {
    Json signals = Json::array();
    Json passed = Json::array();
    for (const SymbolVerdict& verdict : *verdicts_) {
      (verdict.is_signal() ? signals : passed).push_back(verdict.to_json());
    }
    fields_["signals"] = std::move(signals);
    fields_["passed"] = std::move(passed);
    verdicts_.reset();
  }
  if (declines_) {
    Json declined = Json::array();
    for (const DeclinedPurchase& decline : *declines_) declined.push_back(decline.to_json());
    fields_["declined"] = std::move(declined);
    declines_.reset();
  }
  return fields_;
}

Json RunDocument::take_json() && {
  json();
  return std::move(fields_);
}

void RunDocument::set_verdicts(std::vector<SymbolVerdict> verdicts) {
  if (fields_.is_object()) {
    fields_.erase("signals");
    fields_.erase("passed");
  }
  verdicts_ = std::move(verdicts);
}

void RunDocument::set_declines(std::vector<DeclinedPurchase> declines) {
  if (fields_.is_object()) fields_.erase("declined");
  declines_ = std::move(declines);
}

std::size_t RunDocument::signal_count() const {
  return verdicts_ ? count_signals(*verdicts_) : array_size(fields_, "signals");
}

Status Step::run_in_chain(RunDocument& doc) {
  doc.json();
  return run_on_fields(*this, doc);
}

Status run_on_fields(Step& step, RunDocument& doc) {
  auto result = step.run(std::move(doc.fields()));
  if (!result.ok()) return result.error();  // run(Json&&) left the fields as they were.
  doc.fields() = std::move(result).value();
  return {};
}

Result<Json> DocumentStep::run(const Json& doc) { return run(Json(doc)); }

Result<Json> DocumentStep::run(Json&& doc) {
  RunDocument in_process(std::move(doc));
  const Status status = run_in_chain(in_process);
  if (!status.ok()) {
    doc = std::move(in_process.fields());  // As it was: run_in_chain left it unchanged.
    return status.error();
  }
  return std::move(in_process).take_json();
}

}  // namespace stratus
