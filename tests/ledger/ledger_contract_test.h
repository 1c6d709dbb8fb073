// The Ledger contract suite: behaviour every Ledger implementation must show (SQLite now,
// DynamoDB later). An implementation joins by instantiating the suite with a factory:
//
//   INSTANTIATE_TEST_SUITE_P(Sqlite, LedgerContractTest,
//                            ::testing::Values(LedgerBackend{"Sqlite", make_sqlite_ledger}),
//                            LedgerBackendName());
//
// and linking ledger_contract_test.cc. Each factory call must return an empty ledger.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "ports/ledger.h"

namespace stratus {

using LedgerFactory = std::function<std::unique_ptr<Ledger>()>;

struct LedgerBackend {
  std::string name;  // A GoogleTest-safe name: letters and digits.
  LedgerFactory make;
};

inline void PrintTo(const LedgerBackend& backend, std::ostream* out) { *out << backend.name; }

// Names instantiated tests after the backend.
struct LedgerBackendName {
  std::string operator()(const ::testing::TestParamInfo<LedgerBackend>& info) const {
    return info.param.name;
  }
};

class LedgerContractTest : public ::testing::TestWithParam<LedgerBackend> {
 protected:
  void SetUp() override {
    ledger_ = GetParam().make();
    ASSERT_NE(ledger_, nullptr) << "the " << GetParam().name << " factory returned no ledger";
  }

  Ledger& ledger() { return *ledger_; }

 private:
  std::unique_ptr<Ledger> ledger_;
};

}  // namespace stratus
