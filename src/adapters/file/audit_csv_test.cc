// The audit log as CSV: RFC 4180 quoting, the columns taken from an event, and the export of a
// whole log (CSV rows and JSONL bytes) from a file written by JsonlEventSink.
#include "adapters/file/audit_csv.h"

#include <gtest/gtest.h>

#include <sstream>

#include "adapters/file/audit_export.h"
#include "adapters/file/audit_test_support.h"
#include "adapters/file/jsonl_event_sink.h"
#include "adapters/sqlite/test_temp_dir.h"

namespace stratus {
namespace {

using nlohmann::json;

TEST(AuditCsv, QuotesOnlyFieldsThatNeedIt) {
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("plain text; 43.07"), "plain text; 43.07");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(csv_field("\""), "\"\"\"\"");
}

TEST(AuditCsv, HeaderNamesTheColumns) {
  EXPECT_EQ(audit_csv_header(),
            "seq,event_id,recorded_at,at,run_id,profile,type,severity,symbol,qty,price,state,"
            "client_order_id,details\r\n");
}

TEST(AuditCsv, AnOrderRowHasItsColumnsAndTheRestAsDetails) {
  const json line = {{"seq", 7},
                     {"event_id", "r#6"},
                     {"recorded_at", "2015-08-24T19:45:03Z"},
                     {"at", "2015-08-24T19:45:00Z"},
                     {"run_id", "r"},
                     {"profile", "dev"},
                     {"type", "order"},
                     {"severity", "warning"},
                     {"prev", std::string(64, '0')},
                     {"hash", std::string(64, '1')},
                     {"data",
                      {{"symbol", "MSFT"},
                       {"qty", 2},
                       {"state", "rejected"},
                       {"client_order_id", "dip-MSFT-20150824-1"},
                       {"fill", {{"qty", 0}, {"avg_price", "43.07"}}},
                       {"reason", "insufficient buying power, \"cash\" 10.00"}}}};
  EXPECT_EQ(audit_csv_row(line),
            "7,r#6,2015-08-24T19:45:03Z,2015-08-24T19:45:00Z,r,dev,order,warning,MSFT,2,43.07,"
            "rejected,dip-MSFT-20150824-1,"
            "\"{\"\"fill\"\":{\"\"avg_price\"\":\"\"43.07\"\",\"\"qty\"\":0},"
            "\"\"reason\"\":\"\"insufficient buying power, \\\"\"cash\\\"\" 10.00\"\"}\"\r\n");
}

TEST(AuditCsv, AnEventWithoutTradeColumnsLeavesThemEmpty) {
  const json line = {{"seq", 1},
                     {"type", "run_summary"},
                     {"data", {{"outcome", "no_signal"}, {"skipped", nullptr}}}};
  EXPECT_EQ(audit_csv_row(line),
            "1,,,,,,run_summary,,,,,,,\"{\"\"outcome\"\":\"\"no_signal\"\",\"\"skipped\"\":null}\""
            "\r\n");
  EXPECT_EQ(audit_csv_row({{"seq", 2}, {"data", {{"symbol", "XOM"}}}}), "2,,,,,,,,XOM,,,,,\r\n");
  EXPECT_EQ(audit_csv_raw_row("not, json"), ",,,,,,,,,,,,,\"not, json\"\r\n");
}

TEST(AuditExport, WritesOneRowOrLinePerLineUpToTheLimit) {
  TestTempDir dir("export");
  const std::string path = dir.file("audit.jsonl").string();
  JsonlEventSink sink(path);
  for (int n = 1; n <= 3; ++n) {
    ASSERT_TRUE(sink.append({{"type", "signal"}, {"data", {{"symbol", "A,B"}, {"qty", n}}}}).ok());
  }
  std::ostringstream csv;
  auto rows = export_audit_log(path, AuditExportFormat::kCsv, 100, csv);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, 3u);
  EXPECT_EQ(csv.str(), audit_csv_header() + "1,,,,,,signal,,\"A,B\",1,,,,\r\n" +
                           "2,,,,,,signal,,\"A,B\",2,,,,\r\n" + "3,,,,,,signal,,\"A,B\",3,,,,\r\n");

  std::ostringstream jsonl;
  auto lines = export_audit_log(path, AuditExportFormat::kJsonl, 2, jsonl);
  ASSERT_TRUE(lines.ok());
  EXPECT_EQ(*lines, 2u);
  const auto all = audit_testing::read_lines(path);
  EXPECT_EQ(jsonl.str(), all[0] + "\n" + all[1] + "\n");
}

}  // namespace
}  // namespace stratus
