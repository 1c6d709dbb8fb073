#include "domain/order_id.h"

#include <gtest/gtest.h>

#include <set>

namespace stratus {
namespace {

Date d(const char* s) { return *parse_date(s); }

TEST(DeriveClientOrderId, IsReadableAndDeterministic) {
  EXPECT_EQ(derive_client_order_id("dip", "AAPL", d("2015-08-24"), 1), "dip-AAPL-20150824-1");
  EXPECT_EQ(derive_client_order_id("dip", "AAPL", d("2015-08-24"), 1),
            derive_client_order_id("dip", "AAPL", d("2015-08-24"), 1));
  EXPECT_NE(derive_client_order_id("dip", "AAPL", d("2015-08-24"), 1),
            derive_client_order_id("dip", "AAPL", d("2015-08-25"), 1));
  EXPECT_NE(derive_client_order_id("dip", "BRK.B", d("2015-08-24"), 1),
            derive_client_order_id("dip", "BRK.A", d("2015-08-24"), 1));
}

TEST(DeriveClientOrderId, LongStrategiesStayWithin48CharactersAndDistinct) {
  const std::string a(60, 'a');
  std::string b = a;
  b.back() = 'b';
  const auto ia = derive_client_order_id(a, "GOOGL", d("2015-08-24"), 1);
  const auto ib = derive_client_order_id(b, "GOOGL", d("2015-08-24"), 1);
  EXPECT_LE(ia.size(), kMaxClientOrderIdLength);
  EXPECT_LE(ib.size(), kMaxClientOrderIdLength);
  EXPECT_NE(ia, ib);
  EXPECT_NE(ia.find("-GOOGL-20150824-1"), std::string::npos);
  const auto absurd = derive_client_order_id("x", std::string(60, 'Z'), d("2015-08-24"), 1);
  EXPECT_LE(absurd.size(), kMaxClientOrderIdLength);
}

TEST(SessionOrderIds, WritesWhatDeriveClientOrderIdDerivesIntoAReusedString) {
  const std::string long_strategy(60, 's');
  std::string out = "left over from an earlier, longer id of another symbol";
  for (const std::string_view strategy :
       {std::string_view("dip"), std::string_view(long_strategy)}) {
    const SessionOrderIds ids(strategy, d("2016-02-29"));
    for (const std::string_view symbol :
         {"AAPL", "BRK.B", "A", "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"}) {
      for (const int sequence : {1, 2, 137}) {
        ids.write(symbol, sequence, out);
        EXPECT_EQ(out, derive_client_order_id(strategy, symbol, d("2016-02-29"), sequence))
            << strategy << " " << symbol << " " << sequence;
      }
    }
  }
  // What the ids are, spelled out: derive_client_order_id is built on SessionOrderIds.
  const SessionOrderIds ids("dip", d("2015-08-24"));
  ids.write("AAPL", 1, out);
  EXPECT_EQ(out, "dip-AAPL-20150824-1");
  ids.write("BRK.B", 137, out);
  EXPECT_EQ(out, "dip-BRK.B-20150824-137");
  ids.write("A", 2, out);
  EXPECT_EQ(out, "dip-A-20150824-2");
}

}  // namespace
}  // namespace stratus
