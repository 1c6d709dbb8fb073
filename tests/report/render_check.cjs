// Opens the HTML monthly report in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) at a laptop and a phone size, and checks the RENDERED page against figures
// taken elsewhere: per symbol, the chart has a laid-out size, its close and 52-week-high lines
// have one point per session of the bundled CSV in the chart's months, its buy markers are the
// month's filled orders in `stratus history`, and its labels are visible; no console error, no
// request but the file itself, no label or legend item over another, no sideways scrolling on the phone; full-page screenshots (kept in
// --out) whose pixels are not blank, and a chart whose pixels hold its line and marker colours.
//
// Usage: node render_check.cjs --html FILE --bars CSV.gz --history JSON --from YYYY-MM-DD
//          --to YYYY-MM-DD --out DIR [--chromium /usr/bin/chromium]
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const {
  check, measurePage, openPage, checkQuietAndClose, checkScreenshot, elementCensus, runChecks,
} = require('./render_support.cjs');

// Sessions per symbol in [from, to], from the sp500-layout CSV (date,open,high,low,close,volume,Name).
function sessionsPerSymbol(csvPath, from, to) {
  let text = fs.readFileSync(csvPath);
  if (text[0] === 0x1f && text[1] === 0x8b) text = zlib.gunzipSync(text);
  const counts = {};
  for (const line of text.toString('utf8').split('\n').slice(1)) {
    if (!line) continue;
    const fields = line.split(',');
    const date = fields[0], symbol = fields[6];
    if (date >= from && date <= to) counts[symbol] = (counts[symbol] || 0) + 1;
  }
  return counts;
}

// Filled orders per symbol, from `stratus history --format json --month M`.
function buysPerSymbol(historyPath) {
  const counts = {};
  for (const order of JSON.parse(fs.readFileSync(historyPath, 'utf8'))) {
    counts[order.symbol] = counts[order.symbol] || 0;
    if (order.filled_qty > 0) counts[order.symbol]++;
  }
  return counts;
}

// Everything the checks need, measured in the page.
function measure({ box, inside, overlaps }) {
  const charts = [...document.querySelectorAll('svg.chart')].map((svg) => {
    const frame = box(svg);
    const close = svg.querySelector('polyline.close-line');
    const high = svg.querySelector('polyline.high-line');
    const markers = [...svg.querySelectorAll('circle.buy')];
    const items = [...svg.querySelectorAll('text, .legend > *')]
      .map((e) => ({ text: e.textContent, box: box(e) }));
    const texts = [...svg.querySelectorAll('text')].map((t) => {
      const r = box(t);
      const style = getComputedStyle(t);
      return {
        text: t.textContent, width: r.width, height: r.height, inside: inside(r, frame, 1),
        shown: style.visibility === 'visible' && style.display !== 'none' &&
               Number(style.opacity) > 0 && style.fill !== 'none' &&
               style.fill !== 'rgb(255, 255, 255)',
      };
    });
    return {
      symbol: svg.dataset.symbol, width: frame.width, height: frame.height,
      closePoints: close ? close.points.numberOfItems : -1,
      highPoints: high ? high.points.numberOfItems : -1,
      closeWidth: close ? close.getBoundingClientRect().width : 0,
      buys: markers.length,
      buysInside: markers.every((m) => inside(box(m), frame, 1)),
      titles: markers.map((m) => (m.querySelector('title') || {}).textContent || ''),
      texts, overlaps: overlaps(items, 0).length,
    };
  });
  const summaryRows = document.querySelectorAll('table.summary tbody tr').length;
  return {
    charts, summaryRows,
    scrollWidth: document.documentElement.scrollWidth,
    viewportWidth: window.innerWidth,
    h1: (document.querySelector('h1') || {}).textContent || '',
    scripts: document.querySelectorAll('script').length,
  };
}

async function checkViewport(browser, args, expected, name, viewport) {
  const opened = await openPage(browser, args.html, viewport);
  const page = opened.page;
  const m = await measurePage(page, measure);

  check(m.h1.startsWith('Monthly report: '), `${name}: heading "${m.h1}"`);
  check(m.scripts === 0, `${name}: ${m.scripts} script elements`);
  const symbols = Object.keys(expected.buys).sort();
  check(m.summaryRows === symbols.length + 1,
        `${name}: ${m.summaryRows} summary rows, expected ${symbols.length} symbols + total`);
  check(JSON.stringify(m.charts.map((c) => c.symbol).sort()) === JSON.stringify(symbols),
        `${name}: charts for ${m.charts.map((c) => c.symbol)}, expected ${symbols}`);
  for (const c of m.charts) {
    const sessions = expected.sessions[c.symbol];
    const buys = expected.buys[c.symbol];
    check(c.width > 100 && c.height > 50, `${name} ${c.symbol}: chart laid out ${c.width}x${c.height}`);
    check(c.closePoints === sessions,
          `${name} ${c.symbol}: close line has ${c.closePoints} points, the CSV ${sessions} sessions`);
    check(c.highPoints === sessions,
          `${name} ${c.symbol}: 52-week-high line has ${c.highPoints} points, expected ${sessions}`);
    check(c.closeWidth > c.width * 0.5, `${name} ${c.symbol}: close line spans ${c.closeWidth}px`);
    check(c.buys === buys, `${name} ${c.symbol}: ${c.buys} buy markers, history has ${buys} fills`);
    check(c.buysInside, `${name} ${c.symbol}: a buy marker lies outside the chart`);
    check(c.titles.every((t) => t.startsWith(`${c.symbol} `) && t.includes(': bought ')),
          `${name} ${c.symbol}: marker tooltips ${JSON.stringify(c.titles)}`);
    const labels = c.texts.filter((t) => /^[0-9.]+$/.test(t.text));
    const dates = c.texts.filter((t) => /^[A-Z][a-z]{2}( [0-9]{4})?$/.test(t.text));
    check(labels.length >= 2, `${name} ${c.symbol}: ${labels.length} price labels`);
    check(dates.length >= 5, `${name} ${c.symbol}: ${dates.length} date labels`);
    check(c.overlaps === 0, `${name} ${c.symbol}: ${c.overlaps} overlapping labels or legend items`);
    for (const t of c.texts) {
      check(t.shown && t.width > 0 && t.height >= 6 && t.inside,
            `${name} ${c.symbol}: label "${t.text}" not visible (${JSON.stringify(t)})`);
    }
  }
  check(m.scrollWidth <= m.viewportWidth,
        `${name}: the page scrolls sideways (${m.scrollWidth} > ${m.viewportWidth})`);

  const shot = await checkScreenshot(page, path.join(args.out, `report-${name}.png`), name, 32);
  const census = await elementCensus(page.locator('svg.chart').first(), {
    blue: [0x25, 0x63, 0xeb], amber: [0xd9, 0x77, 0x06], green: [0x15, 0x80, 0x3d] });
  check(census.distinct >= 8, `${name}: the first chart has ${census.distinct} colours`);
  check(census.near.blue >= 100, `${name}: the close line's blue: ${census.near.blue} pixels`);
  check(census.near.amber >= 30, `${name}: the 52-week high's amber: ${census.near.amber} pixels`);
  check(census.near.green >= 20, `${name}: the buy markers' green: ${census.near.green} pixels`);

  await checkQuietAndClose(opened, name);
  return shot;
}

runChecks(process.argv.slice(2), ['html', 'bars', 'history', 'from', 'to', 'out'], (args) => {
  const expected = {
    sessions: sessionsPerSymbol(args.bars, args.from, args.to),
    buys: buysPerSymbol(args.history),
  };
  return (browser, name, viewport) => checkViewport(browser, args, expected, name, viewport);
});
