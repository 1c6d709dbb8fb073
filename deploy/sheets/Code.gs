/**
 * Stratus -> Google Sheets: the Apps Script web app that receives Stratus's audit events
 * (the "sheets" sink, src/adapters/webhook/sheets_sink.h) and appends them to this spreadsheet.
 * Setup: deploy/sheets/README.md. Runtime: V8.
 *
 * Request: POST application/json {"secret": "...", "event": {event_id, type, severity, at,
 * run_id, profile, data}}. The secret must equal the script property STRATUS_SECRET.
 * Answer (JSON; Apps Script always answers 200, through its 302 to the echo URL):
 *   {"ok": true}                     appended
 *   {"ok": true, "duplicate": true}  this event id was stored before: nothing appended
 *   {"ok": false, "error": "..."}    refused (wrong secret, malformed event); nothing appended
 *   {"ok": false, "error": "...", "retry": true}   could not be done now (busy): send it again
 *
 * Sheets (created with a bold, frozen header row on first use):
 *   Trades    order and order_update events
 *   Runs      run_summary events
 *   Events    every other event type
 *   EventIds  (hidden) every event id stored, so a repeat is dropped; searched with a
 *             TextFinder, which stays quick with many thousands of rows
 * Cells are written as text (a leading apostrophe) except counts and prices, which are numbers,
 * so nothing in an event can become a formula or a date.
 */

var SECRET_PROPERTY = 'STRATUS_SECRET';
var LOCK_WAIT_MS = 20000;
var MAX_CELL_CHARS = 50000;  // A Sheets cell holds at most 50,000 characters.

var TRADES = 'Trades';
var RUNS = 'Runs';
var EVENTS = 'Events';
var EVENT_IDS = 'EventIds';

var HEADERS = {
  Trades: ['time', 'run', 'event id', 'symbol', 'qty', 'price', 'state', 'fill qty',
           'avg price', 'client order id', 'reason'],
  Runs: ['time', 'run id', 'profile', 'outcome', 'signals', 'orders', 'placed', 'rejected',
         'declined', 'skipped / failure'],
  Events: ['time', 'type', 'severity', 'event id', 'data'],
  EventIds: ['event id', 'stored at']
};

function doPost(e) {
  var request;
  try {
    request = JSON.parse(e && e.postData ? e.postData.contents : '');
  } catch (err) {
    return answer_({ok: false, error: 'the request body is not JSON'});
  }
  if (!request || typeof request !== 'object') {
    return answer_({ok: false, error: 'the request body is not a JSON object'});
  }
  var expected = PropertiesService.getScriptProperties().getProperty(SECRET_PROPERTY);
  if (!expected) {
    return answer_({ok: false, error: 'the script property ' + SECRET_PROPERTY + ' is not set'});
  }
  if (!sameSecret_(request.secret, expected)) {
    Logger.log('refused a request with a wrong secret');
    return answer_({ok: false, error: 'wrong secret'});
  }
  var event = request.event;
  if (!event || typeof event !== 'object' || typeof event.event_id !== 'string' ||
      event.event_id === '' || typeof event.type !== 'string' || event.type === '') {
    return answer_({ok: false, error: 'expected "event" with a non-empty event_id and type'});
  }

  var lock = LockService.getScriptLock();
  try {
    lock.waitLock(LOCK_WAIT_MS);
  } catch (err) {
    return answer_({ok: false, error: 'busy: another delivery held the lock', retry: true});
  }
  try {
    var book = SpreadsheetApp.getActiveSpreadsheet();
    var ids = sheet_(book, EVENT_IDS);
    if (!ids.isSheetHidden()) ids.hideSheet();
    var seen = ids.createTextFinder(event.event_id).matchCase(true).matchEntireCell(true)
                   .findNext();
    if (seen) return answer_({ok: true, duplicate: true});
    var target = targetSheet_(event.type);
    // The row first, then its id: a failure in between repeats a row on the next delivery
    // rather than losing one.
    sheet_(book, target).appendRow(rowFor_(target, event));
    ids.appendRow([text_(event.event_id), text_(new Date().toISOString())]);
    SpreadsheetApp.flush();
    return answer_({ok: true});
  } catch (err) {
    return answer_({ok: false, error: 'could not store the event: ' + err, retry: true});
  } finally {
    lock.releaseLock();
  }
}

function answer_(body) {
  return ContentService.createTextOutput(JSON.stringify(body))
      .setMimeType(ContentService.MimeType.JSON);
}

// Compares every character whatever the first difference, so the time taken says little.
function sameSecret_(given, expected) {
  if (typeof given !== 'string') return false;
  var diff = given.length ^ expected.length;
  for (var i = 0; i < expected.length; i++) {
    var c = i < given.length ? given.charCodeAt(i) : 0;
    diff |= c ^ expected.charCodeAt(i);
  }
  return diff === 0;
}

function targetSheet_(type) {
  if (type === 'order' || type === 'order_update') return TRADES;
  if (type === 'run_summary') return RUNS;
  return EVENTS;
}

// The sheet called `name`, created with its header row when missing.
function sheet_(book, name) {
  var sheet = book.getSheetByName(name);
  if (sheet) return sheet;
  sheet = book.insertSheet(name);
  var header = HEADERS[name];
  sheet.appendRow(header.map(text_));
  sheet.getRange(1, 1, 1, header.length).setFontWeight('bold');
  sheet.setFrozenRows(1);
  return sheet;
}

function rowFor_(target, event) {
  var data = event.data && typeof event.data === 'object' ? event.data : {};
  if (target === TRADES) {
    var fill = data.fill && typeof data.fill === 'object' ? data.fill : {};
    var reason = data.reason;
    if (data.error && typeof data.error === 'object') {
      reason = [data.error.code, data.error.message].filter(Boolean).join(': ');
    }
    return [text_(event.at), text_(event.run_id), text_(event.event_id), text_(data.symbol),
            number_(data.qty), number_(data.price), text_(data.state), number_(fill.qty),
            number_(fill.avg_price), text_(data.client_order_id), text_(reason)];
  }
  if (target === RUNS) {
    var why = data.skipped;
    if (data.failed && typeof data.failed === 'object') {
      why = [data.failed.step, data.failed.code, data.failed.message].filter(Boolean).join(': ');
    }
    return [text_(event.at), text_(event.run_id), text_(event.profile), text_(data.outcome),
            number_(data.signals), number_(data.orders), number_(data.placed),
            number_(data.rejected), number_(data.declined), text_(why)];
  }
  return [text_(event.at), text_(event.type), text_(event.severity), text_(event.event_id),
          text_(JSON.stringify(event.data === undefined ? null : event.data))];
}

// A cell that Sheets keeps as the text it is: never a number, date or formula.
function text_(value) {
  if (value === undefined || value === null) return '';
  var s = typeof value === 'string' ? value : JSON.stringify(value);
  if (s.length > MAX_CELL_CHARS) s = s.substring(0, MAX_CELL_CHARS - 3) + '...';
  return s === '' ? '' : "'" + s;
}

// A number when `value` is one (prices travel as decimal strings), else the text it is.
function number_(value) {
  if (typeof value === 'number' && isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return text_(value);
}
