#!/usr/bin/env bash
# `stratus indicators` from the command line: a CSV of date and values over a symbol's whole
# history, its numbers equal to TA-Lib's own (the npm talib package in tests/tools, which builds
# TA-Lib's C library) to 1e-9 relative, warm-up rows empty exactly where TA-Lib has no output;
# conditions print true/false; and bad input (an expression that does not parse, an unknown
# symbol, bad dates) is exit 2 with a message naming the position, token and what was expected.
# Usage: indicators_cli_test.sh path/to/stratus (cwd: the repository root)
set -uo pipefail
stratus=$1
tmp=$(mktemp -d)
source tests/lib/cli_test_lib.sh
trap '[[ -n ${KEEP_TMP:-} ]] && echo "kept $tmp" || rm -rf "$tmp"' EXIT
isolate_environment
data=data/bars/sp500-16.csv.gz

# --- Bad input ------------------------------------------------------------------------------------
expect bad_token 2 'line 1, column 14, at "adn"' -- \
  "$stratus" indicators --data "$data" --symbol AAPL --expr "rsi(14) < 35 adn close > 1"
grep -qF '                 ^^^' "$tmp/all" && ok || { fail "bad_token: no caret under adn"; cat "$tmp/all"; }
expect unknown_indicator 2 'did you mean "rsi"' -- \
  "$stratus" indicators --data "$data" --symbol AAPL --expr "rsl(14)"
expect arity 2 'rsi' -- "$stratus" indicators --data "$data" --symbol AAPL --expr "rsi(14, close, 2)"
expect period_range 2 'from 2 to 100000' -- \
  "$stratus" indicators --data "$data" --symbol AAPL --expr "sma(1)"
expect end_of_rule 2 'end of rule' -- "$stratus" indicators --data "$data" --symbol AAPL --expr "close >"
expect unknown_symbol 2 'ZZZZ' -- "$stratus" indicators --data "$data" --symbol ZZZZ --expr "close"
expect bad_from 2 '--from' -- "$stratus" indicators --data "$data" --symbol AAPL --expr close --from 2017-13-01
expect from_after_to 2 '--from 2017-02-01 is after --to 2017-01-01' -- \
  "$stratus" indicators --data "$data" --symbol AAPL --expr close --from 2017-02-01 --to 2017-01-01
expect no_expr 2 '--expr is required' -- "$stratus" indicators --data "$data" --symbol AAPL
expect missing_file 2 "$tmp/none.csv" -- "$stratus" indicators --data "$tmp/none.csv" --symbol AAPL --expr close

# --- Values against TA-Lib --------------------------------------------------------------------------
exprs=("rsi(14)" "sma(20)" "ema(12)" "wma(10)" "macd(12, 26, 9)" "macd_signal(12, 26, 9)"
       "macd_hist(12, 26, 9)" "bb_upper(20, 2)" "bb_lower(20, 2)" "atr(14)" "highest(252)"
       "lowest(52, close)" "roc(10)" "avg_volume(20)" "drop(252)")
args=()
for e in "${exprs[@]}"; do args+=(--expr "$e"); done
if "$stratus" indicators --data "$data" --symbol AAPL "${args[@]}" > "$tmp/aapl.csv" 2> "$tmp/err"; then
  ok
else
  fail "indicators AAPL:"; cat "$tmp/err"
fi
node - "$data" "$tmp/aapl.csv" <<'JS' && ok || fail "stratus indicators disagrees with TA-Lib"
const fs = require("fs"), zlib = require("zlib"), path = require("path");
const talib = require(path.resolve("tests/tools/node_modules/talib"));
const [dataPath, csvPath] = process.argv.slice(2);
const bars = zlib.gunzipSync(fs.readFileSync(dataPath)).toString().trim().split("\n").slice(1)
  .map((l) => l.split(",")).filter((f) => f[6] === "AAPL");
const num = (s, fallback) => (s === "" ? fallback : Number(s));
const close = bars.map((f) => Number(f[4]));
const open = bars.map((f, i) => num(f[1], close[i]));
const high = bars.map((f, i) => num(f[2], close[i]));
const low = bars.map((f, i) => num(f[3], close[i]));
const volume = bars.map((f) => Number(f[5]));
const n = close.length;
function run(name, inputs, out) {
  const r = talib.execute(Object.assign({ name, startIdx: 0, endIdx: n - 1 }, inputs));
  if (r.error) throw new Error(name + ": " + r.error);
  const full = new Array(n).fill(null);
  r.result[out].forEach((v, i) => { full[r.begIndex + i] = v; });
  return full;
}
const maxHigh = run("MAX", { inReal: high, optInTimePeriod: 252 }, "outReal");
const expected = [
  run("RSI", { inReal: close, optInTimePeriod: 14 }, "outReal"),
  run("SMA", { inReal: close, optInTimePeriod: 20 }, "outReal"),
  run("EMA", { inReal: close, optInTimePeriod: 12 }, "outReal"),
  run("WMA", { inReal: close, optInTimePeriod: 10 }, "outReal"),
  run("MACD", { inReal: close, optInFastPeriod: 12, optInSlowPeriod: 26, optInSignalPeriod: 9 }, "outMACD"),
  run("MACD", { inReal: close, optInFastPeriod: 12, optInSlowPeriod: 26, optInSignalPeriod: 9 }, "outMACDSignal"),
  run("MACD", { inReal: close, optInFastPeriod: 12, optInSlowPeriod: 26, optInSignalPeriod: 9 }, "outMACDHist"),
  run("BBANDS", { inReal: close, optInTimePeriod: 20, optInNbDevUp: 2, optInNbDevDn: 2, optInMAType: 0 }, "outRealUpperBand"),
  run("BBANDS", { inReal: close, optInTimePeriod: 20, optInNbDevUp: 2, optInNbDevDn: 2, optInMAType: 0 }, "outRealLowerBand"),
  run("ATR", { high, low, close, optInTimePeriod: 14 }, "outReal"),
  maxHigh,
  run("MIN", { inReal: close, optInTimePeriod: 52 }, "outReal"),
  run("ROC", { inReal: close, optInTimePeriod: 10 }, "outReal"),
  run("SMA", { inReal: volume, optInTimePeriod: 20 }, "outReal"),
  maxHigh.map((h, i) => (h === null ? null : h === 0 ? 0 : ((h - close[i]) / h) * 100)),
];
const rows = fs.readFileSync(csvPath, "utf8").trim().split("\n");
const header = rows.shift();
if (!header.startsWith("date,rsi(14),sma(20)")) throw new Error("header: " + header);
if (rows.length !== n) throw new Error(`rows: ${rows.length}, bars: ${n}`);
let problems = 0;
rows.forEach((row, i) => {
  // Fields after the date; quoted headers do not occur in data rows.
  const cells = row.split(",");
  if (cells[0] !== bars[i][0]) { problems++; console.error(`row ${i}: date ${cells[0]} vs ${bars[i][0]}`); }
  expected.forEach((col, c) => {
    const got = cells[c + 1], want = col[i];
    if (want === null) {
      if (got !== "") { problems++; console.error(`row ${i} col ${c}: warm-up, got ${got}`); }
      return;
    }
    const g = Number(got);
    const tol = 1e-9 * Math.max(Math.abs(g), Math.abs(want));
    if (got === "" || !(Math.abs(g - want) <= tol)) {
      if (problems++ < 10) console.error(`row ${i} (${bars[i][0]}) col ${c}: got ${got}, TA-Lib ${want}`);
    }
  });
});
if (problems > 0) { console.error(`${problems} disagreements`); process.exit(1); }
JS

# --- Conditions and date range ---------------------------------------------------------------------
expect condition 0 'date,close > sma(200) * 0.9,rsi(14) < 35' -- \
  "$stratus" indicators --data "$data" --symbol AAPL --expr "close > sma(200) * 0.9" \
  --expr "rsi(14) < 35" --from 2017-01-03 --to 2017-01-31
awk -F, 'NR > 1 && !(($2 == "true" || $2 == "false") && ($3 == "true" || $3 == "false")) {bad = 1}
         END {exit bad}' "$tmp/stdout" && ok || { fail "condition: cells not true/false"; cat "$tmp/stdout"; }
[[ $(head -2 "$tmp/stdout" | tail -1 | cut -d, -f1) == 2017-01-03 && $(tail -1 "$tmp/stdout" | cut -d, -f1) == 2017-01-31 ]] \
  && ok || { fail "range: first/last rows"; cat "$tmp/stdout"; }
expect quoted_header 0 'date,"macd(12, 26, 9)"' -- \
  "$stratus" indicators --data "$data" --symbol AAPL --expr "macd(12,26,9)" --to 2013-03-01
expect warmup_unknown 0 '2013-02-08,' -- \
  "$stratus" indicators --data "$data" --symbol AAPL --expr "close < sma(50)" --to 2013-02-08
[[ $(tail -1 "$tmp/stdout") == "2013-02-08," ]] && ok || { fail "warm-up condition is not empty"; cat "$tmp/stdout"; }

echo "indicators CLI: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
