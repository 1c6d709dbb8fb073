#include "adapters/lambda/step_handler.h"

#include <string>

namespace stratus {

Result<Json> parse_event_json(std::string_view text) {
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& e) {
    return Error::invalid_input("the event is not valid JSON (byte " + std::to_string(e.byte) +
                                "): " + e.what());
  }
}

LambdaHandler step_handler(Step& step) {
  return [&step](const Invocation& invocation, const Environment&) -> Result<std::string> {
    STRATUS_ASSIGN_OR_RETURN(Json doc, parse_event_json(invocation.event));
    auto result = step.run(doc);
    if (!result.ok()) return result.error().within(step.name());
    return result->dump(-1, ' ', false, Json::error_handler_t::replace);
  };
}

}  // namespace stratus
