// What the headless-Chromium page checks (render_check.cjs, backtest_render_check.cjs) share:
// their arguments, the passed/failed counter, the browser and its two viewports, opening a page
// that may not reach the network, measuring it, its screenshots and their pixels. Test support.
'use strict';
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const { chromium } = require('playwright-core');
const { decodePng, colourCensus } = require('./png_pixels.cjs');

// The viewports every page is checked at, in order: [name, {width, height}].
const VIEWPORTS = [['laptop', { width: 1280, height: 800 }],
                   ['phone', { width: 390, height: 844 }]];

// Parses `--name value` pairs into {name: value}, with chromium defaulting to /usr/bin/chromium.
// Throws on an argument without `--` or without a value, and when a name of `required` is absent.
function parseArgs(argv, required) {
  const args = { chromium: '/usr/bin/chromium' };
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) {
      throw new Error(`bad argument ${argv[i]}`);
    }
    args[argv[i].slice(2)] = argv[i + 1];
  }
  for (const name of required) {
    if (!args[name]) throw new Error(`--${name} is required`);
  }
  return args;
}

let passed = 0;
let failed = 0;
// Counts one check: passed when `ok`, else failed, printing `FAIL what`.
function check(ok, what) {
  if (ok) {
    passed++;
  } else {
    failed++;
    console.log(`FAIL ${what}`);
  }
}

// Helpers for the measure functions that run in the page (see measurePage). They are serialised
// into the page, so they use nothing outside themselves.
function pageHelpers() {
  // An element's box in page coordinates (the viewport's plus the vertical scroll):
  // {left, right, top, bottom, width, height}.
  const box = (e) => {
    const r = e.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY,
             width: r.width, height: r.height };
  };
  // Whether box `inner` lies within box `outer`, give or take `slack` pixels on every side.
  const inside = (inner, outer, slack) =>
    inner.left >= outer.left - slack && inner.right <= outer.right + slack &&
    inner.top >= outer.top - slack && inner.bottom <= outer.bottom + slack;
  // The pairs of `items` ({text, box}) whose boxes overlap by more than `slack` pixels each way,
  // as `"text" / "text"` strings.
  const overlaps = (items, slack) => {
    const out = [];
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const a = items[i].box, b = items[j].box;
        if (a.left < b.right - slack && b.left < a.right - slack &&
            a.top < b.bottom - slack && b.top < a.bottom - slack) {
          out.push(`"${items[i].text}" / "${items[j].text}"`);
        }
      }
    }
    return out;
  };
  return { box, inside, overlaps };
}

// Runs `measure({box, inside, overlaps})` (pageHelpers) in the page and returns what it returns,
// which must survive JSON. `measure` is serialised: it may use only its argument and the page.
async function measurePage(page, measure) {
  return page.evaluate(`(${measure})((${pageHelpers})())`);
}

// Opens the file `html` in a new offline browser context of `viewport` (device scale 1) and
// waits for it to load. Returns {context, page, requests, errors}: the URLs of every request but
// the file's own, and every console error and uncaught page error, as they happen.
async function openPage(browser, html, viewport) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, offline: true });
  const page = await context.newPage();
  const fileUrl = pathToFileURL(path.resolve(html)).href;
  const requests = [];
  const errors = [];
  page.on('request', (request) => {
    if (request.url() !== fileUrl) requests.push(request.url());
  });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(fileUrl, { waitUntil: 'load' });
  return { context, page, requests, errors };
}

// The last checks of a page opened by openPage: it made no request and logged no error. Then
// closes its context.
async function checkQuietAndClose(opened, name) {
  const { requests, errors } = opened;
  check(requests.length === 0, `${name}: network requests ${JSON.stringify(requests)}`);
  check(errors.length === 0, `${name}: console errors ${JSON.stringify(errors)}`);
  await opened.context.close();
}

// Writes a full-page screenshot of `page` to `file` and checks it holds at least `minColours`
// distinct colours (fewer: a blank page). Returns `file`.
async function checkScreenshot(page, file, name, minColours) {
  await page.screenshot({ path: file, fullPage: true });
  const whole = colourCensus(decodePng(fs.readFileSync(file)), {});
  check(whole.distinct >= minColours,
        `${name}: the screenshot has ${whole.distinct} colours (blank?)`);
  return file;
}

// Screenshots the element of `locator` and returns png_pixels' colourCensus of it: its distinct
// colours, and its pixels near each of `wanted` ({name: [r, g, b]}) within `tolerance`.
async function elementCensus(locator, wanted, tolerance) {
  return colourCensus(decodePng(await locator.screenshot()), wanted, tolerance);
}

// A check script's whole run: parses its arguments (`required` names), creates --out, calls
// `setup(args)` for its viewport check, launches --chromium headless (no sandbox) and awaits
// `checkViewport(browser, name, viewport)` for each of VIEWPORTS, printing the screenshot path
// each returns. Then prints `N passed, M failed` and exits 0 only when none failed; an exception
// anywhere prints `FAIL` with its stack and exits 1.
function runChecks(argv, required, setup) {
  const main = async () => {
    const args = parseArgs(argv, required);
    fs.mkdirSync(args.out, { recursive: true });
    const checkViewport = setup(args);
    const browser = await chromium.launch({
      executablePath: args.chromium, headless: true, args: ['--no-sandbox'] });
    try {
      for (const [name, viewport] of VIEWPORTS) {
        const shot = await checkViewport(browser, name, viewport);
        console.log(`screenshot ${shot}`);
      }
    } finally {
      await browser.close();
    }
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed === 0 ? 0 : 1);
  };
  main().catch((error) => {
    console.log(`FAIL ${error.stack || error}`);
    process.exit(1);
  });
}

module.exports = {
  check, measurePage, openPage, checkQuietAndClose, checkScreenshot, elementCensus, runChecks,
};
