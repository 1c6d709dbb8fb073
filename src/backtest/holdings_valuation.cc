// HoldingsValuation: walks the holdings and the readers, both ascending by symbol, side by side.
#include "backtest/holdings_valuation.h"

#include <optional>

namespace stratus {

Result<Money> HoldingsValuation::value(const std::map<std::string, Holding, std::less<>>& holdings,
                                       Date session) {
  Money value;
  auto reader = readers_.begin();
  for (const auto& [symbol, holding] : holdings) {
    while (reader != readers_.end() && reader->first < symbol) ++reader;
    if (reader == readers_.end() || reader->first != symbol) {  // First valued today.
      reader = readers_.emplace(reader, symbol, data_.close_reader(symbol));
    }
    STRATUS_ASSIGN_OR_RETURN(const std::optional<Money> close, reader->second->read(session));
    if (!close) {
      return Error::internal("no close of " + symbol + " on or before " + format_date(session) +
                             " to value a holding bought by then");
    }
    value += *close * holding.shares.shares();
    ++reader;
  }
  return value;
}

}  // namespace stratus
