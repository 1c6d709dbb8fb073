// Deferred ports: a Ledger and a Broker that open their real adapter on first use, so a step
// that rejects its input (or never needs them) leaves no database file behind and needs no
// broker credentials.
#pragma once

#include <functional>
#include <string>

#include "ports/broker.h"
#include "ports/calendar_witness.h"
#include "ports/ledger.h"

namespace stratus {

// Opens a T on first use (the opener owns it and must keep it alive) and keeps the pointer. A
// failed opening is tried again on the next call.
template <typename T>
class Deferred {
 public:
  using Opener = std::function<Result<T*>()>;
  explicit Deferred(Opener open) : open_(std::move(open)) {}

  Result<T*> get() {
    if (value_ == nullptr) {
      STRATUS_ASSIGN_OR_RETURN(value_, open_());
    }
    return value_;
  }

 private:
  Opener open_;
  T* value_ = nullptr;
};

class DeferredLedger final : public Ledger {
 public:
  explicit DeferredLedger(Deferred<Ledger>::Opener open) : inner_(std::move(open)) {}

  Result<ReservationOutcome> reserve(const ReservationRequest& request) override {
    STRATUS_ASSIGN_OR_RETURN(Ledger * ledger, inner_.get());
    return ledger->reserve(request);
  }
  Result<OrderRecord> update(std::string_view client_order_id, const OrderUpdate& update) override {
    STRATUS_ASSIGN_OR_RETURN(Ledger * ledger, inner_.get());
    return ledger->update(client_order_id, update);
  }
  Result<std::optional<OrderRecord>> find(std::string_view client_order_id) override {
    STRATUS_ASSIGN_OR_RETURN(Ledger * ledger, inner_.get());
    return ledger->find(client_order_id);
  }
  Result<std::vector<OrderRecord>> orders(const OrderFilter& filter) override {
    STRATUS_ASSIGN_OR_RETURN(Ledger * ledger, inner_.get());
    return ledger->orders(filter);
  }
  Result<CapUsage> usage(std::string_view symbol, std::string_view month) override {
    STRATUS_ASSIGN_OR_RETURN(Ledger * ledger, inner_.get());
    return ledger->usage(symbol, month);
  }

 private:
  Deferred<Ledger> inner_;
};

// A second calendar opened on first use: a run on a closed market never resolves its keys.
class DeferredWitness final : public CalendarWitness {
 public:
  DeferredWitness(std::string_view name, Deferred<CalendarWitness>::Opener open)
      : name_(name), inner_(std::move(open)) {}

  std::string_view name() const override { return name_; }
  Result<WitnessedDay> day(Date date) override {
    STRATUS_ASSIGN_OR_RETURN(CalendarWitness * witness, inner_.get());
    return witness->day(date);
  }

 private:
  std::string name_;
  Deferred<CalendarWitness> inner_;
};

class DeferredBroker final : public Broker {
 public:
  DeferredBroker(std::string_view name, Deferred<Broker>::Opener open)
      : name_(name), inner_(std::move(open)) {}

  std::string_view name() const override { return name_; }
  Result<BrokerOrder> submit(const OrderRequest& request) override {
    STRATUS_ASSIGN_OR_RETURN(Broker * broker, inner_.get());
    return broker->submit(request);
  }
  Result<std::optional<BrokerOrder>> find_by_client_order_id(
      std::string_view client_order_id) override {
    STRATUS_ASSIGN_OR_RETURN(Broker * broker, inner_.get());
    return broker->find_by_client_order_id(client_order_id);
  }
  Result<std::optional<Money>> available_buying_power() override {
    STRATUS_ASSIGN_OR_RETURN(Broker * broker, inner_.get());
    return broker->available_buying_power();
  }

 private:
  std::string name_;
  Deferred<Broker> inner_;
};

}  // namespace stratus
