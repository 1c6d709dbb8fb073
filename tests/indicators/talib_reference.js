#!/usr/bin/env node
// Reference values from TA-Lib 0.4.0 (the C library built by the npm package `talib`) for the
// indicator agreement test (talib_agreement_test.cc).
//
// Usage: node talib_reference.js <bars.csv[.gz]> <out.bin> <path of the talib package>
//
// Input: a CSV (gzip or plain) in the layout `date,open,high,low,close,volume,Name`; rows of one
// symbol in date order. An empty open/high/low takes that row's close and an empty volume is 0,
// as stratus::indicators::to_columns and CsvMarketData do.
//
// Output: for each symbol (ascending byte order) and each indicator output (names as in
// src/domain/indicators/indicator_suite.h), one record, little-endian:
//   u32 length, then that many bytes of "SYMBOL NAME" (ASCII)
//   i32 begIndex   TA-Lib's outBegIdx (the first row with a value)
//   u32 count      TA-Lib's outNBElement (0 when the series is shorter than the warm-up)
//   count x f64    the values of rows begIndex .. begIndex + count - 1
// Exit status: 0 on success, 2 when the talib package cannot be loaded, 1 on any other error.
'use strict';

const fs = require('fs');
const zlib = require('zlib');

if (process.argv.length !== 5) {
  console.error('usage: talib_reference.js <bars.csv[.gz]> <out.bin> <talib package path>');
  process.exit(1);
}
const [csvPath, outPath, talibPath] = process.argv.slice(2);

let talib;
try {
  talib = require(talibPath);
} catch (e) {
  console.error(`cannot load the talib package at ${talibPath} (run \`make test\` or ` +
                `\`npm ci --prefix tests/tools\`): ${e.message}`);
  process.exit(2);
}

// ---- CSV --------------------------------------------------------------------------------------

function readBars(path) {
  let raw = fs.readFileSync(path);
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) raw = zlib.gunzipSync(raw);
  const lines = raw.toString('latin1').split(/\r?\n/);
  const header = lines[0].replace(/^\ufeff|^\xef\xbb\xbf/, '');
  if (header !== 'date,open,high,low,close,volume,Name') {
    throw new Error(`${path}: unexpected header ${JSON.stringify(header)}`);
  }
  const bySymbol = new Map();
  for (let i = 1; i < lines.length; ++i) {
    const line = lines[i];
    if (line === '') continue;
    const f = line.split(',');
    if (f.length !== 7) throw new Error(`${path}:${i + 1}: expected 7 fields`);
    const close = Number(f[4]);
    const cell = (s) => (s === '' ? close : Number(s));
    let s = bySymbol.get(f[6]);
    if (!s) {
      s = { open: [], high: [], low: [], close: [], volume: [] };
      bySymbol.set(f[6], s);
    }
    s.open.push(cell(f[1]));
    s.high.push(cell(f[2]));
    s.low.push(cell(f[3]));
    s.close.push(close);
    s.volume.push(f[5] === '' ? 0 : Number(f[5]));
  }
  return bySymbol;
}

// ---- TA-Lib calls -----------------------------------------------------------------------------

function call(name, inputs, options) {
  const n = (inputs.inReal || inputs.close).length;
  const r = talib.execute(Object.assign({ name, startIdx: 0, endIdx: n - 1 }, inputs, options));
  if (r.error) throw new Error(`${name}: ${r.error}`);
  return r;
}

function fmt(k) {
  return String(k);  // 2 -> "2", 1.5 -> "1.5": the C++ side names them the same way.
}

// Every output for one symbol, as [name, begIndex, values] in the order of indicator_suite.h.
function referenceFor(s) {
  const out = [];
  const n = s.close.length;
  const single = (label, fn, inputs, options, key = 'outReal') => {
    if (n === 0) return out.push([label, 0, []]);
    const r = call(fn, inputs, options);
    out.push([label, r.begIndex, r.result[key].slice(0, r.nbElement)]);
  };
  for (const p of [2, 20, 200]) single(`SMA(${p})`, 'SMA', { inReal: s.close }, { optInTimePeriod: p });
  for (const p of [2, 12, 200]) single(`EMA(${p})`, 'EMA', { inReal: s.close }, { optInTimePeriod: p });
  for (const p of [2, 10, 50]) single(`WMA(${p})`, 'WMA', { inReal: s.close }, { optInTimePeriod: p });
  for (const p of [2, 14, 30]) single(`RSI(${p})`, 'RSI', { inReal: s.close }, { optInTimePeriod: p });
  for (const [fast, slow, signal] of [[12, 26, 9], [5, 35, 5], [3, 10, 1]]) {
    const label = `MACD(${fast},${slow},${signal})`;
    let r = { begIndex: 0, nbElement: 0, result: { outMACD: [], outMACDSignal: [], outMACDHist: [] } };
    if (n > 0 && signal >= 2) {
      r = call('MACD', { inReal: s.close },
               { optInFastPeriod: fast, optInSlowPeriod: slow, optInSignalPeriod: signal });
    } else if (n > 0) {
      // TA_MACD 0.4.0 with signal period 1 reads outside its buffer (TA_EMA_Lookback(1) is -1).
      // TA_MACDEXT with EMA for all three averages is TA_MACD for signal >= 2, bit for bit, and
      // its TA_MA with period 1 is the line itself.
      r = call('MACDEXT', { inReal: s.close },
               { optInFastPeriod: fast, optInFastMAType: 1, optInSlowPeriod: slow,
                 optInSlowMAType: 1, optInSignalPeriod: signal, optInSignalMAType: 1 });
    }
    out.push([`${label}.line`, r.begIndex, r.result.outMACD.slice(0, r.nbElement)]);
    out.push([`${label}.signal`, r.begIndex, r.result.outMACDSignal.slice(0, r.nbElement)]);
    out.push([`${label}.hist`, r.begIndex, r.result.outMACDHist.slice(0, r.nbElement)]);
  }
  for (const [p, up, dn] of [[5, 2, 2], [20, 2, 2], [20, 1.5, 2.5], [10, 1, 1]]) {
    const label = `BBANDS(${p},${fmt(up)},${fmt(dn)})`;
    let r = { begIndex: 0, nbElement: 0, result: { outRealUpperBand: [], outRealMiddleBand: [], outRealLowerBand: [] } };
    if (n > 0) {
      r = call('BBANDS', { inReal: s.close },
               { optInTimePeriod: p, optInNbDevUp: up, optInNbDevDn: dn, optInMAType: 0 });
    }
    out.push([`${label}.upper`, r.begIndex, r.result.outRealUpperBand.slice(0, r.nbElement)]);
    out.push([`${label}.middle`, r.begIndex, r.result.outRealMiddleBand.slice(0, r.nbElement)]);
    out.push([`${label}.lower`, r.begIndex, r.result.outRealLowerBand.slice(0, r.nbElement)]);
  }
  const hlc = { high: s.high, low: s.low, close: s.close };
  for (const p of [1, 14, 30]) single(`ATR(${p})`, 'ATR', hlc, { optInTimePeriod: p });
  for (const p of [2, 52, 252]) {
    single(`MAX(${p})`, 'MAX', { inReal: s.close }, { optInTimePeriod: p });
    single(`MIN(${p})`, 'MIN', { inReal: s.close }, { optInTimePeriod: p });
    single(`MAXHIGH(${p})`, 'MAX', { inReal: s.high }, { optInTimePeriod: p });
    single(`MINLOW(${p})`, 'MIN', { inReal: s.low }, { optInTimePeriod: p });
  }
  for (const p of [1, 10, 250]) single(`ROC(${p})`, 'ROC', { inReal: s.close }, { optInTimePeriod: p });
  for (const p of [20, 50]) single(`SMAVOL(${p})`, 'SMA', { inReal: s.volume }, { optInTimePeriod: p });
  // Drop from the N-session high: H = TA_MAX of the highs (the high itself for N = 1), then
  // (H - close) / H * 100, 0 when H is 0.
  for (const p of [1, 20, 252]) {
    let beg = 0;
    let highs = s.high.slice();
    if (p >= 2 && n > 0) {
      const r = call('MAX', { inReal: s.high }, { optInTimePeriod: p });
      beg = r.begIndex;
      highs = r.result.outReal.slice(0, r.nbElement);
    } else if (p >= 2) {
      highs = [];
    }
    const values = highs.map((h, j) => (h !== 0 ? (h - s.close[beg + j]) / h * 100 : 0));
    out.push([`DROP(${p})`, beg, values]);
  }
  return out;
}

// ---- Output -----------------------------------------------------------------------------------

function main() {
  const bySymbol = readBars(csvPath);
  const symbols = [...bySymbol.keys()].sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1));
  const fd = fs.openSync(outPath, 'w');
  for (const symbol of symbols) {
    const chunks = [];
    for (const [name, beg, values] of referenceFor(bySymbol.get(symbol))) {
      const label = Buffer.from(`${symbol} ${name}`, 'latin1');
      const head = Buffer.alloc(12);
      head.writeUInt32LE(label.length, 0);
      chunks.push(head.subarray(0, 4), label);
      head.writeInt32LE(beg, 4);
      head.writeUInt32LE(values.length, 8);
      chunks.push(head.subarray(4, 12));
      chunks.push(Buffer.from(Float64Array.from(values).buffer));
    }
    fs.writeSync(fd, Buffer.concat(chunks));
  }
  fs.closeSync(fd);
}

try {
  main();
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
