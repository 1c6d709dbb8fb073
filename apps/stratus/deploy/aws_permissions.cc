// The AWS actions of each function (see aws_permissions.h).
#include "apps/stratus/deploy/aws_permissions.h"

#include <algorithm>
#include <tuple>

namespace stratus::deploy {

const std::vector<LedgerMethodOperations>& dynamo_ledger_operations() {
  using R = AwsResource;
  static const std::vector<LedgerMethodOperations> operations = {
      // open_dynamo_ledger(): checks the table exists before the first use.
      {"open", {{"dynamodb:DescribeTable", R::kLedgerTable}}},
      // Reads the month's cap item and the order item; writes the cap entry (PutItem for the
      // month's first order, else UpdateItem) and the order item (PutItem); a lost order
      // item is written from its cap entry, an outdated entry brought up to date (UpdateItem).
      {"reserve",
       {{"dynamodb:GetItem", R::kLedgerTable},
        {"dynamodb:PutItem", R::kLedgerTable},
        {"dynamodb:UpdateItem", R::kLedgerTable}}},
      // Reads the order item, writes it back conditionally (PutItem), then its cap entry
      // (UpdateItem).
      {"update",
       {{"dynamodb:GetItem", R::kLedgerTable},
        {"dynamodb:PutItem", R::kLedgerTable},
        {"dynamodb:UpdateItem", R::kLedgerTable}}},
      {"find", {{"dynamodb:GetItem", R::kLedgerTable}}},
      // A Query of GSI1 (symbol and month) or GSI2 (every order); never of the table itself.
      {"orders", {{"dynamodb:Query", R::kLedgerIndexes}}},
      {"usage", {{"dynamodb:GetItem", R::kLedgerTable}}},
      // The outbox's items live in the ledger table (adapters/dynamodb/dynamo_outbox.h): an
      // event is queued with a conditional PutItem.
      {"outbox_enqueue", {{"dynamodb:PutItem", R::kLedgerTable}}},
      // A delivery round: the due entries of each sink and the pending count from the sparse
      // indexes (Query), each entry claimed and marked with a conditional UpdateItem; GetItem
      // only when a claim loses a race, to tell a taken entry from a missing one.
      {"outbox_deliver",
       {{"dynamodb:Query", R::kLedgerIndexes},
        {"dynamodb:UpdateItem", R::kLedgerTable},
        {"dynamodb:GetItem", R::kLedgerTable}}},
  };
  return operations;
}

const std::vector<FunctionAccess>& function_access() {
  static const std::vector<FunctionAccess> access = {
      {"market-check", {}, {}, "the XNYS calendar is built in: no AWS calls"},
      {"evaluate", {}, {}, "market data comes from Alpaca or the bundled CSV: no AWS calls"},
      {"check-limits", {"open", "reserve"}, {}, "reserves each purchase in the ledger"},
      {"execute",
       {"open", "find", "update", "orders"},
       {},
       "reads and updates reserved orders; lists the open ones to reconcile"},
      {"record",
       {"open", "outbox_enqueue", "outbox_deliver"},
       {{"sns:Publish", AwsResource::kAlertsTopic}},
       "writes the audit log (/tmp), queues events for the remote sinks in the outbox and "
       "delivers what is due (the run's alert to the topic)"},
  };
  return access;
}

std::vector<AwsAction> function_actions(std::string_view step) {
  std::vector<AwsAction> actions;
  for (const FunctionAccess& f : function_access()) {
    if (f.step != step) continue;
    for (std::string_view method : f.ledger) {
      for (const LedgerMethodOperations& m : dynamo_ledger_operations()) {
        if (m.method == method) actions.insert(actions.end(), m.actions.begin(), m.actions.end());
      }
    }
    actions.insert(actions.end(), f.other.begin(), f.other.end());
  }
  auto key = [](const AwsAction& a) { return std::make_tuple(a.resource, a.action); };
  std::sort(actions.begin(), actions.end(),
            [&](const AwsAction& a, const AwsAction& b) { return key(a) < key(b); });
  actions.erase(
      std::unique(actions.begin(), actions.end(),
                  [&](const AwsAction& a, const AwsAction& b) { return key(a) == key(b); }),
      actions.end());
  return actions;
}

}  // namespace stratus::deploy
