// Opens the HTML backtest report in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) at a laptop and a phone size, and checks the RENDERED page against the result
// document it was rendered from: every chart is laid out with a size; the equity chart has one
// point per session of result.equity.sessions for each account and for the money paid in, the
// drawdown chart one per session for each account; each symbol chart (in result.charts' order)
// has one point per chart session and one buy marker per buy of result.charts[i].buys, inside
// the chart; with --sweep, the heat map has rows x columns cells. No console error, no request
// but the file itself, no script; no visible label of an axis, a legend or the heat map over
// another or outside the page; no sideways scrolling on the phone. Takes full-page screenshots
// (backtest-laptop.png, backtest-phone.png in --out) whose pixels are not blank and whose
// equity chart holds the three accounts' colours.
//
// Usage: node backtest_render_check.cjs --html FILE --result JSON --out DIR [--sweep JSON]
//          [--chromium /usr/bin/chromium]
'use strict';
const fs = require('fs');
const path = require('path');
const {
  check, measurePage, openPage, checkQuietAndClose, checkScreenshot, elementCensus, runChecks,
} = require('./render_support.cjs');

// Everything the checks need, measured in the page.
function measure({ box, inside, overlaps }) {
  const shown = (e) => {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    for (let n = e; n && n.nodeType === 1; n = n.parentElement) {
      const style = getComputedStyle(n);
      if (style.display === 'none' || style.visibility === 'hidden') return false;
    }
    return true;
  };
  const labels = (root, selector) => [...root.querySelectorAll(selector)].filter(shown)
    .map((e) => ({ text: e.textContent, box: box(e) }));

  const charts = [...document.querySelectorAll('svg.lc')].map((svg) => {
    const figure = svg.closest('figure') || svg.parentElement;
    const frame = box(figure);
    const markers = [...svg.querySelectorAll('circle.buy')];
    const axisLabels = labels(svg, '.axis text');
    const legend = labels(figure, 'ul.legend li');
    return {
      kind: svg.dataset.chart, symbol: svg.dataset.symbol || '', box: box(svg),
      lines: [...svg.querySelectorAll('polyline')].map((p) => ({
        series: p.dataset.series, points: p.points.numberOfItems,
        width: p.getBoundingClientRect().width })),
      buys: markers.length,
      buysOutside: markers.filter((m) => !inside(box(m), frame, 1)).length,
      titles: markers.map((m) => (m.querySelector('title') || {}).textContent || ''),
      xLabels: labels(svg, '.axis.x text').map((l) => l.text),
      yLabels: labels(svg, '.axis.y text').map((l) => l.text),
      labelsOutside: axisLabels.filter((l) => !inside(l.box, frame, 1)).map((l) => l.text),
      overlaps: overlaps(axisLabels, 0.5).concat(overlaps(legend, 0.5)),
    };
  });
  const heatMaps = [...document.querySelectorAll('svg.heat-map')].map((svg) => {
    const frame = box(svg.closest('figure') || svg.parentElement);
    const texts = labels(svg, 'text');
    return {
      box: box(svg), rows: Number(svg.dataset.rows), cols: Number(svg.dataset.cols),
      cells: svg.querySelectorAll('rect.cell').length,
      titled: [...svg.querySelectorAll('rect.cell')].filter((r) => r.querySelector('title')).length,
      overlaps: overlaps(texts, 0.5),
      outside: texts.filter((t) => t.box.left < frame.left - 1 || t.box.right > frame.right + 1)
        .map((t) => t.text),
    };
  });
  const legends = [...document.querySelectorAll('ul.legend, ul.accounts, .hm-scale')]
    .map((e) => overlaps(labels(e, ':scope > *'), 0.5));
  const offPage = [...document.querySelectorAll('svg text, ul.legend li, h1, h2, td, th')]
    .filter(shown).filter((e) => {
      const r = e.getBoundingClientRect();
      // A cell of a table that scrolls sideways in its own box may lie beyond the page.
      if (e.closest('.table-wrap')) return false;
      return r.left < -0.5 || r.right > document.documentElement.clientWidth + 0.5;
    }).map((e) => e.textContent.slice(0, 40));
  return {
    charts, heatMaps, legends, offPage,
    metricsRows: document.querySelectorAll('table.metrics tbody tr').length,
    bestCells: document.querySelectorAll('table.metrics td.best').length,
    positionsRows: document.querySelectorAll('table.positions tbody tr').length,
    rankedRows: document.querySelectorAll('table.ranked tbody tr').length,
    warnings: document.querySelectorAll('.warnings li').length,
    scrollWidth: document.documentElement.scrollWidth,
    viewportWidth: window.innerWidth,
    h1: (document.querySelector('h1') || {}).textContent || '',
    scripts: document.querySelectorAll('script, link, iframe, img, object, embed').length,
  };
}

async function checkViewport(browser, args, result, sweep, name, viewport) {
  const opened = await openPage(browser, args.html, viewport);
  const page = opened.page;
  const m = await measurePage(page, measure);
  const sessions = result.equity.sessions.length;
  const accounts = result.strategies.length;

  check(m.h1 === result.strategies[0].label, `${name}: heading "${m.h1}"`);
  check(m.scripts === 0, `${name}: ${m.scripts} script/link/iframe/img/object/embed elements`);
  check(m.metricsRows >= 12, `${name}: ${m.metricsRows} metric rows`);
  check(m.bestCells >= 1, `${name}: no best value highlighted`);
  check(m.positionsRows === result.positions.length + 1,
        `${name}: ${m.positionsRows} position rows, expected ${result.positions.length} + total`);
  check(m.warnings === result.data.warnings.length,
        `${name}: ${m.warnings} data warnings, the result has ${result.data.warnings.length}`);

  for (const c of m.charts) {
    const what = `${name} ${c.kind}${c.symbol ? ' ' + c.symbol : ''}`;
    check(c.box.width > 100 && c.box.height > 50,
          `${what}: chart laid out ${c.box.width}x${c.box.height}`);
    check(c.lines.every((l) => l.width > c.box.width * 0.9),
          `${what}: a line does not span the chart: ${JSON.stringify(c.lines)}`);
    check(c.yLabels.length >= 2, `${what}: ${c.yLabels.length} value labels`);
    check(c.xLabels.length >= 2, `${what}: ${c.xLabels.length} date labels ${c.xLabels}`);
    check(c.overlaps.length === 0, `${what}: overlapping labels ${c.overlaps}`);
    check(c.labelsOutside.length === 0, `${what}: labels outside the chart ${c.labelsOutside}`);
  }
  const equity = m.charts.filter((c) => c.kind === 'equity');
  check(equity.length === 1, `${name}: ${equity.length} equity charts`);
  if (equity.length === 1) {
    const names = equity[0].lines.map((l) => l.series).sort();
    const expected = result.strategies.map((s) => s.name).concat(['invested']).sort();
    check(JSON.stringify(names) === JSON.stringify(expected),
          `${name} equity: lines ${names}, expected ${expected}`);
    for (const l of equity[0].lines) {
      check(l.points === sessions,
            `${name} equity: ${l.series} has ${l.points} points, the result ${sessions} sessions`);
    }
  }
  const drawdown = m.charts.filter((c) => c.kind === 'drawdown');
  check(drawdown.length === 1, `${name}: ${drawdown.length} drawdown charts`);
  if (drawdown.length === 1) {
    check(drawdown[0].lines.length === accounts,
          `${name} drawdown: ${drawdown[0].lines.length} lines, ${accounts} accounts`);
    for (const l of drawdown[0].lines) {
      check(l.points === sessions, `${name} drawdown: ${l.series} has ${l.points} points`);
    }
  }
  const symbols = m.charts.filter((c) => c.kind === 'symbol');
  check(symbols.length === result.charts.length,
        `${name}: ${symbols.length} symbol charts, the result has ${result.charts.length}`);
  symbols.forEach((c, i) => {
    const expected = result.charts[i] || { symbol: '?', sessions: [], buys: [] };
    check(c.symbol === expected.symbol, `${name}: symbol chart ${i} is ${c.symbol}`);
    check(c.buys === expected.buys.length,
          `${name} ${c.symbol}: ${c.buys} buy markers, the result has ${expected.buys.length}`);
    check(c.buysOutside === 0, `${name} ${c.symbol}: ${c.buysOutside} markers outside the chart`);
    check(c.titles.every((t) => t.startsWith(`${c.symbol} `) && t.includes(': bought ')),
          `${name} ${c.symbol}: marker tooltips ${JSON.stringify(c.titles.slice(0, 3))}`);
    for (const l of c.lines) {
      check(l.points === expected.sessions.length,
            `${name} ${c.symbol}: ${l.series} has ${l.points} points, ` +
            `expected ${expected.sessions.length}`);
    }
  });

  if (sweep) {
    check(m.heatMaps.length === 1, `${name}: ${m.heatMaps.length} heat maps`);
    const rows = sweep.axes.length >= 2 ? sweep.axes[0].values.length : 1;
    const cols = sweep.axes[sweep.axes.length >= 2 ? 1 : 0].values.length;
    for (const h of m.heatMaps) {
      check(h.box.width > 100 && h.box.height > 50, `${name} heat map: ${h.box.width}x${h.box.height}`);
      check(h.cells === rows * cols && h.titled === h.cells,
            `${name} heat map: ${h.cells} cells (${h.titled} with a tooltip), expected ${rows * cols}`);
      check(h.overlaps.length === 0, `${name} heat map: overlapping labels ${h.overlaps}`);
      check(h.outside.length === 0, `${name} heat map: labels outside its card ${h.outside}`);
    }
    check(m.rankedRows === sweep.results.length,
          `${name}: ${m.rankedRows} ranked rows, the sweep has ${sweep.results.length}`);
  }
  m.legends.forEach((o, i) => check(o.length === 0, `${name}: legend ${i} overlaps ${o}`));
  check(m.offPage.length === 0, `${name}: text beyond the page's width ${m.offPage}`);
  check(m.scrollWidth <= m.viewportWidth,
        `${name}: the page scrolls sideways (${m.scrollWidth} > ${m.viewportWidth})`);

  const shot = await checkScreenshot(page, path.join(args.out, `backtest-${name}.png`), name, 64);
  const census = await elementCensus(page.locator('svg.lc[data-chart=equity]'), {
    strategy: [0x25, 0x63, 0xeb], dca: [0x0d, 0x94, 0x88], buyAndHold: [0xd9, 0x77, 0x06] }, 30);
  for (const [account, pixels] of Object.entries(census.near)) {
    check(pixels >= 50, `${name}: the equity chart has ${pixels} pixels of ${account}'s colour`);
  }

  await checkQuietAndClose(opened, name);
  return shot;
}

runChecks(process.argv.slice(2), ['html', 'result', 'out'], (args) => {
  const result = JSON.parse(fs.readFileSync(args.result, 'utf8'));
  const sweep = args.sweep ? JSON.parse(fs.readFileSync(args.sweep, 'utf8')) : null;
  return (browser, name, viewport) => checkViewport(browser, args, result, sweep, name, viewport);
});
