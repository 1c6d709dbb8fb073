// How an order entry of the run document ("orders" or "reconciled") ended, as the audit trail
// and the alerts tell it. Pure.
#pragma once

#include "functions/step.h"

namespace stratus {

// The broker took it: state submitted, partially_filled or filled, and no "error".
bool order_placed(const Json& order);

// The broker refused it (state rejected), or it could not be sent (it carries an "error").
bool order_refused(const Json& order);

// Refused, or canceled after it was placed: worth a warning.
bool order_went_wrong(const Json& order);

}  // namespace stratus
