#!/usr/bin/env bash
# End-to-end entry rules: replays seven months (August 2015 to February 2016) of the stage profile (evaluate.filter =
# "rsi(14) < 45 and close > sma(200) * 0.85", and a third tier only "when rsi(14) < 30") on the
# bundled data through `stratus run --json`, then checks every symbol of every session against
# TA-Lib itself (the npm talib package): the reported rsi(14) and sma(200) equal TA-Lib's over the
# same 500 sessions (evaluate.indicator_sessions) to 1e-9 relative; a symbol whose drop reaches a
# tier buys exactly when the filter computed from TA-Lib's values holds, with the third tier's
# quantity exactly when its condition holds; and the audit log's signal and no_signal events
# carry the values they were judged by.
# Usage: entry_rules_test.sh path/to/stratus   (working directory: the repository root)
set -euo pipefail
stratus=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
source tests/lib/cli_test_lib.sh
isolate_environment
export STRATUS_LEDGER__PATH=$tmp/ledger.sqlite STRATUS_AUDIT__PATH=$tmp/audit.jsonl

"$stratus" --profile stage run --from 2015-08-03 --to 2016-02-29 --json > "$tmp/runs.jsonl"

node - data/bars/sp500-16.csv.gz "$tmp/runs.jsonl" "$tmp/audit.jsonl" <<'JS'
const fs = require("fs"), zlib = require("zlib"), path = require("path");
const talib = require(path.resolve("tests/tools/node_modules/talib"));
const [dataPath, runsPath, auditPath] = process.argv.slice(2);
const bySymbol = {};
for (const line of zlib.gunzipSync(fs.readFileSync(dataPath)).toString().trim().split("\n").slice(1)) {
  const f = line.split(",");
  (bySymbol[f[6]] = bySymbol[f[6]] || []).push({ date: f[0], close: Number(f[4]) });
}
function last(name, inputs) {
  const n = inputs.inReal.length;
  const r = talib.execute(Object.assign({ name, startIdx: 0, endIdx: n - 1 }, inputs));
  return r.nbElement > 0 ? r.result.outReal[r.nbElement - 1] : null;
}
const close = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
let checked = 0, buys = 0, filtered = 0, third = 0, conditioned = 0, problems = 0;
const problem = (text) => { if (problems++ < 20) console.error(text); };
const runs = fs.readFileSync(runsPath, "utf8").trim().split("\n").map((l) => JSON.parse(l));
for (const doc of runs) {
  if (!doc.evaluation) continue;
  const session = doc.evaluation.as_of_session;
  if (doc.evaluation.filter !== "rsi(14) < 45 and close > sma(200) * 0.85") problem(`filter: ${doc.evaluation.filter}`);
  const entries = doc.signals.map((s) => Object.assign({ code: "signal" }, s)).concat(doc.passed);
  for (const e of entries) {
    const bars = bySymbol[e.symbol];
    const end = bars.findIndex((b) => b.date === session);
    const slice = bars.slice(Math.max(0, end - 499), end + 1).map((b) => b.close);
    const rsi = last("RSI", { inReal: slice, optInTimePeriod: 14 });
    const sma = last("SMA", { inReal: slice, optInTimePeriod: 200 });
    const ind = e.indicators || {};
    if (!close(ind["rsi(14)"], rsi) || !close(ind["sma(200)"], sma) || ind.close !== slice[slice.length - 1]) {
      problem(`${session} ${e.symbol}: reported ${JSON.stringify(ind)}, TA-Lib rsi ${rsi} sma ${sma}`);
    }
    const filter = rsi < 45 && slice[slice.length - 1] > sma * 0.85;
    const drop = Number(e.drop_pct);
    checked++;
    if (e.code === "below_first_tier") continue;
    if (e.code === "signal") {
      buys++;
      if (!filter) problem(`${session} ${e.symbol}: bought with the filter false`);
      const want = drop >= 30 && rsi < 30 ? 3 : drop >= 20 ? 2 : 1;
      if (drop !== 30 && drop !== 20 && e.qty !== want) problem(`${session} ${e.symbol}: qty ${e.qty}, expected ${want}`);
      if (e.qty === 3) third++;
      if (e.tier_conditions) conditioned++;
    } else if (e.code === "filter_not_met") {
      filtered++;
      if (filter) problem(`${session} ${e.symbol}: filtered with the filter true`);
      if (e.filter.result !== "false") problem(`${session} ${e.symbol}: result ${e.filter.result}`);
    } else {
      problem(`${session} ${e.symbol}: unexpected code ${e.code}`);
    }
  }
}
// The audit trail: every signal and no_signal event judged by rules carries its values.
let audited = 0;
for (const line of fs.readFileSync(auditPath, "utf8").trim().split("\n")) {
  const event = JSON.parse(line);
  if ((event.type === "signal" || event.type === "no_signal") && event.data.code !== "stale_data") {
    audited++;
    if (!event.data.indicators || event.data.indicators["rsi(14)"] === undefined) {
      problem(`audit ${event.event_id}: no indicator values`);
    }
  }
}
console.log(`entry rules: ${checked} symbol-sessions, ${buys} buys, ${filtered} filtered, ${third} at the third tier, ${conditioned} decided by a tier condition, ${audited} audit events`);
if (checked < 16 * 100 || buys === 0 || filtered === 0 || third === 0 || conditioned <= third || audited < checked) problem("too little was exercised");
process.exit(problems > 0 ? 1 : 0);
JS
