// The Outbox contract suite: behaviour every Outbox implementation must show (SQLite, DynamoDB).
// A backend joins by instantiating the suite with a factory of empty stores:
//
//   INSTANTIATE_TEST_SUITE_P(Sqlite, OutboxContractTest,
//                            ::testing::Values(OutboxBackend{"Sqlite", make_sqlite_store}),
//                            OutboxBackendName());
//
// and linking outbox_contract_test.cc. Each factory call must return a new, empty store; each
// connect() on it a new handle with its own connection to that store (so tests can race them,
// also from several threads at once).
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "ports/outbox.h"

namespace stratus {

class OutboxStore {
 public:
  virtual ~OutboxStore() = default;
  // A new handle on this store, with its own connection. Thread-safe. Null (after reporting a
  // test failure) when it cannot be opened.
  virtual std::shared_ptr<Outbox> connect() = 0;
};

using OutboxStoreFactory = std::function<std::unique_ptr<OutboxStore>()>;

struct OutboxBackend {
  std::string name;  // A GoogleTest-safe name: letters and digits.
  OutboxStoreFactory make;
};

inline void PrintTo(const OutboxBackend& backend, std::ostream* out) { *out << backend.name; }

// Names instantiated tests after the backend.
struct OutboxBackendName {
  std::string operator()(const ::testing::TestParamInfo<OutboxBackend>& info) const {
    return info.param.name;
  }
};

class OutboxContractTest : public ::testing::TestWithParam<OutboxBackend> {
 protected:
  void SetUp() override {
    store_ = GetParam().make();
    ASSERT_NE(store_, nullptr) << "the " << GetParam().name << " factory returned no store";
    outbox_ = store_->connect();
    ASSERT_NE(outbox_, nullptr) << "the " << GetParam().name << " store gave no outbox";
  }

  Outbox& outbox() { return *outbox_; }
  OutboxStore& store() { return *store_; }

 private:
  std::unique_ptr<OutboxStore> store_;
  std::shared_ptr<Outbox> outbox_;
};

}  // namespace stratus
