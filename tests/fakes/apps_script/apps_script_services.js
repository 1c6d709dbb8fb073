// In-memory emulations of the Apps Script services deploy/sheets/Code.gs uses, from the Apps
// Script reference (developers.google.com/apps-script/reference), for the fake web app
// (fake_apps_script_server.js). Only the methods listed exist; a script calling anything else
// fails as it would on a service that lacks it (TypeError / ReferenceError), so the fake never
// pretends to support what it does not.
//
//   SpreadsheetApp  getActiveSpreadsheet() / getActive(), flush()
//     Spreadsheet   getSheetByName(name) -> Sheet|null, insertSheet(name) (throws when the name
//                   exists), getSheets(), getName()
//     Sheet         getName(), appendRow(values), getLastRow(), getLastColumn(),
//                   getRange(row, column[, numRows[, numColumns]]), getDataRange(),
//                   setFrozenRows(n), getFrozenRows(), hideSheet() (throws when it would hide
//                   the last visible sheet), showSheet(), isSheetHidden(), createTextFinder(text)
//     Range         getValues(), getValue(), setValues(values), setValue(value),
//                   setFontWeight(weight), getRow(), getColumn(), getNumRows(), getNumColumns(),
//                   getSheet()
//     TextFinder    matchCase(bool), matchEntireCell(bool), useRegularExpression(bool),
//                   findNext() -> Range|null, findAll(); on display values, case-insensitive and
//                   partial by default, as documented
//   Values written (appendRow, setValues) are stored as Sheets stores typed input: a string
//   starting with an apostrophe is the text after it; "=..." is a formula; a plain decimal
//   number becomes a number, a date like 2015-08-24 a date, TRUE/FALSE a boolean; other strings
//   stay text. Empty cells read as "".
//   LockService     getScriptLock() -> Lock: waitLock(ms) (throws "Lock timeout: ..." when
//                   another execution holds it), tryLock(ms), releaseLock(), hasLock(); released
//                   when the execution ends
//   PropertiesService getScriptProperties() -> Properties: getProperty(key) -> string|null,
//                   setProperty(key, value), getProperties(), setProperties(obj[, deleteOthers]),
//                   deleteProperty(key), deleteAllProperties(), getKeys(); values are strings,
//                   at most 9 KB each and 500 KB in all (the documented quotas)
//   ContentService  createTextOutput([content]) -> TextOutput: getContent(), setContent(),
//                   append(), getMimeType(), setMimeType(ContentService.MimeType.X) (throws for
//                   anything else); MimeType: ATOM, CSV, ICAL, JAVASCRIPT, JSON, RSS, TEXT,
//                   VCARD, XML
//   Logger          log(format, ...values), getLog(), clear()
'use strict';

const MIME_TYPES = {
  ATOM: 'application/atom+xml', CSV: 'text/csv', ICAL: 'text/calendar',
  JAVASCRIPT: 'application/javascript', JSON: 'application/json', RSS: 'application/rss+xml',
  TEXT: 'text/plain', VCARD: 'text/vcard', XML: 'text/xml',
};

const PROPERTY_VALUE_LIMIT = 9 * 1024;
const PROPERTY_STORE_LIMIT = 500 * 1024;

function isDate(value) {
  return Object.prototype.toString.call(value) === '[object Date]';
}

function exception(message) {
  return new Error('Exception: ' + message);
}

// A cell as Sheets stores typed input (see the file comment).
function storedCell(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || isDate(value)) return value;
  const text = String(value);
  if (text.startsWith("'")) return {text: text.substring(1)};
  if (text.startsWith('=')) return {formula: text};
  if (/^\s*-?\d+(\.\d+)?\s*$/.test(text)) return Number(text);
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(text)) return new Date(text + 'T00:00:00Z');
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  return {text: text};
}

// What getValues() answers for a stored cell.
function readCell(cell) {
  if (cell === undefined || cell === '') return '';
  if (cell && typeof cell === 'object' && !isDate(cell)) {
    return 'text' in cell ? cell.text : '#ERROR!';  // A formula this fake cannot compute.
  }
  return cell;
}

// The displayed text of a stored cell (what TextFinder matches).
function displayCell(cell) {
  const value = readCell(cell);
  if (isDate(value)) return value.toISOString().substring(0, 10);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

// A stored cell as JSON for the admin dump.
function dumpCell(cell) {
  if (cell === undefined || cell === '') return '';
  if (isDate(cell)) return {date: cell.toISOString()};
  if (cell && typeof cell === 'object') return 'text' in cell ? cell.text : {formula: cell.formula};
  return cell;
}

class Range {
  constructor(sheet, row, column, numRows, numColumns) {
    Object.assign(this, {sheet, row, column, numRows, numColumns});
  }
  getRow() { return this.row; }
  getColumn() { return this.column; }
  getNumRows() { return this.numRows; }
  getNumColumns() { return this.numColumns; }
  getSheet() { return this.sheet; }
  getValues() {
    const out = [];
    for (let r = 0; r < this.numRows; r++) {
      const row = this.sheet.rows[this.row - 1 + r] || [];
      const values = [];
      for (let c = 0; c < this.numColumns; c++) values.push(readCell(row[this.column - 1 + c]));
      out.push(values);
    }
    return out;
  }
  getValue() { return this.getValues()[0][0]; }
  setValues(values) {
    if (!Array.isArray(values) || values.length !== this.numRows ||
        values.some((row) => !Array.isArray(row) || row.length !== this.numColumns)) {
      throw exception('The number of rows or columns in the data does not match the range.');
    }
    values.forEach((row, r) => row.forEach((value, c) => {
      this.sheet.put(this.row + r, this.column + c, storedCell(value));
    }));
    return this;
  }
  setValue(value) {
    this.sheet.put(this.row, this.column, storedCell(value));
    return this;
  }
  setFontWeight(weight) {
    for (let r = this.row; r < this.row + this.numRows; r++) {
      for (let c = this.column; c < this.column + this.numColumns; c++) {
        this.sheet.bold.set(r + ':' + c, weight === 'bold');
      }
    }
    return this;
  }
}

class TextFinder {
  constructor(sheet, text) {
    if (typeof text !== 'string' || text === '') throw exception('Invalid argument: findText');
    Object.assign(this, {sheet, text, caseSensitive: false, entire: false, regex: false});
    this.position = -1;  // Index (row-major) of the current match.
  }
  matchCase(flag) { this.caseSensitive = !!flag; return this; }
  matchEntireCell(flag) { this.entire = !!flag; return this; }
  useRegularExpression(flag) { this.regex = !!flag; return this; }
  matches(display) {
    if (this.regex) {
      const re = new RegExp(this.entire ? '^(?:' + this.text + ')$' : this.text,
                            this.caseSensitive ? '' : 'i');
      return re.test(display);
    }
    const a = this.caseSensitive ? display : display.toLowerCase();
    const b = this.caseSensitive ? this.text : this.text.toLowerCase();
    return this.entire ? a === b : a.includes(b);
  }
  cells() {
    const width = this.sheet.getLastColumn();
    const out = [];
    this.sheet.rows.forEach((row, r) => {
      for (let c = 0; c < width; c++) out.push([r + 1, c + 1, row[c]]);
    });
    return out;
  }
  findNext() {
    const cells = this.cells();
    for (let i = this.position + 1; i < cells.length; i++) {
      if (this.matches(displayCell(cells[i][2]))) {
        this.position = i;
        return new Range(this.sheet, cells[i][0], cells[i][1], 1, 1);
      }
    }
    return null;
  }
  findAll() {
    return this.cells().filter((cell) => this.matches(displayCell(cell[2])))
        .map((cell) => new Range(this.sheet, cell[0], cell[1], 1, 1));
  }
}

class Sheet {
  constructor(book, name) {
    Object.assign(this, {book, name, rows: [], hidden: false, frozenRows: 0, bold: new Map()});
  }
  getName() { return this.name; }
  getLastRow() { return this.rows.length; }
  getLastColumn() { return this.rows.reduce((width, row) => Math.max(width, row.length), 0); }
  put(row, column, cell) {
    while (this.rows.length < row) this.rows.push([]);
    const target = this.rows[row - 1];
    while (target.length < column) target.push('');
    target[column - 1] = cell;
  }
  appendRow(values) {
    if (!Array.isArray(values)) {
      throw exception("The parameters (" + typeof values +
                      ") don't match the method signature for SpreadsheetApp.Sheet.appendRow.");
    }
    this.rows.push(values.map(storedCell));
    return this;
  }
  getRange(row, column, numRows, numColumns) {
    if (typeof row !== 'number' || typeof column !== 'number') {
      throw exception('getRange(row, column[, numRows, numColumns]) is all this fake supports');
    }
    numRows = numRows === undefined ? 1 : numRows;
    numColumns = numColumns === undefined ? 1 : numColumns;
    if (row < 1) throw exception('The starting row of the range is too small.');
    if (column < 1) throw exception('The starting column of the range is too small.');
    if (numRows < 1) throw exception('The number of rows in the range must be at least 1.');
    if (numColumns < 1) throw exception('The number of columns in the range must be at least 1.');
    return new Range(this, row, column, numRows, numColumns);
  }
  getDataRange() {
    return new Range(this, 1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn()));
  }
  setFrozenRows(n) { this.frozenRows = n; return this; }
  getFrozenRows() { return this.frozenRows; }
  hideSheet() {
    if (this.book.sheets.filter((s) => !s.hidden && s !== this).length === 0) {
      throw exception("You can't hide all the sheets in a document.");
    }
    this.hidden = true;
    return this;
  }
  showSheet() { this.hidden = false; return this; }
  isSheetHidden() { return this.hidden; }
  createTextFinder(text) { return new TextFinder(this, text); }
  dump() {
    const bold = [];
    this.bold.forEach((isBold, key) => { if (isBold) bold.push(key); });
    return {hidden: this.hidden, frozen_rows: this.frozenRows, bold_cells: bold,
            rows: this.rows.map((row) => row.map(dumpCell))};
  }
}

class Spreadsheet {
  constructor(name) {
    this.name = name;
    this.sheets = [new Sheet(this, 'Sheet1')];  // A new spreadsheet has one sheet.
  }
  getName() { return this.name; }
  getSheets() { return this.sheets.slice(); }
  getSheetByName(name) { return this.sheets.find((s) => s.name === name) || null; }
  insertSheet(name) {
    if (name === undefined) name = 'Sheet' + (this.sheets.length + 1);
    if (this.getSheetByName(name)) {
      throw exception('A sheet with the name "' + name +
                      '" already exists. Please enter another name.');
    }
    const sheet = new Sheet(this, String(name));
    this.sheets.push(sheet);
    return sheet;
  }
  dump() {
    const out = {};
    this.sheets.forEach((s) => { out[s.name] = s.dump(); });
    return out;
  }
}

class Properties {
  constructor(initial) { this.values = new Map(Object.entries(initial || {})); }
  size() {
    let total = 0;
    this.values.forEach((v, k) => { total += k.length + v.length; });
    return total;
  }
  getProperty(key) { return this.values.has(key) ? this.values.get(key) : null; }
  setProperty(key, value) {
    const text = String(value);
    if (text.length > PROPERTY_VALUE_LIMIT) {
      throw exception('Argument too large: value');
    }
    const before = this.values.get(key);
    this.values.set(String(key), text);
    if (this.size() > PROPERTY_STORE_LIMIT) {
      if (before === undefined) this.values.delete(key); else this.values.set(key, before);
      throw exception('You have exceeded the property storage quota. Please remove some ' +
                      'properties and try again.');
    }
    return this;
  }
  getProperties() { return Object.fromEntries(this.values.entries()); }
  setProperties(properties, deleteAllOthers) {
    if (deleteAllOthers) this.values.clear();
    Object.entries(properties).forEach(([k, v]) => this.setProperty(k, v));
    return this;
  }
  deleteProperty(key) { this.values.delete(key); return this; }
  deleteAllProperties() { this.values.clear(); return this; }
  getKeys() { return Array.from(this.values.keys()); }
}

class TextOutput {
  constructor(content) { this.content = content === undefined ? '' : String(content); this.mime = MIME_TYPES.TEXT; }
  getContent() { return this.content; }
  setContent(content) { this.content = String(content); return this; }
  append(addedContent) { this.content += String(addedContent); return this; }
  getMimeType() { return this.mime; }
  setMimeType(mimeType) {
    if (!Object.values(MIME_TYPES).includes(mimeType)) {
      throw exception('Invalid argument: mimeType');
    }
    this.mime = mimeType;
    return this;
  }
}

class Lock {
  constructor(state, execution) { Object.assign(this, {state, execution}); }
  tryLock() {
    if (this.state.holder !== null && this.state.holder !== this.execution) return false;
    this.state.holder = this.execution;
    return true;
  }
  waitLock(timeoutInMillis) {
    if (typeof timeoutInMillis !== 'number') throw exception('Invalid argument: timeoutInMillis');
    // One execution runs at a time here, so a held lock is never released while waiting.
    if (!this.tryLock()) {
      throw exception('Lock timeout: another process was holding the lock for too long.');
    }
  }
  releaseLock() { if (this.state.holder === this.execution) this.state.holder = null; }
  hasLock() { return this.state.holder === this.execution; }
}

// The state of one web app (its spreadsheet, script properties, lock, log) across executions.
class AppsScriptProject {
  constructor(properties) {
    this.spreadsheet = new Spreadsheet('Stratus audit');
    this.properties = new Properties(properties);
    this.lock = {holder: null};
    this.log = [];
    this.executions = 0;
  }

  // Holds the script lock for another execution until release() (to test a busy script).
  holdLockElsewhere() { this.lock.holder = 'elsewhere'; }
  releaseLockElsewhere() { if (this.lock.holder === 'elsewhere') this.lock.holder = null; }

  // The globals of one execution of the script.
  globals() {
    const execution = ++this.executions;
    const project = this;
    const logLines = [];
    const format = (args) => {
      const [first, ...rest] = args;
      let text = String(first);
      rest.forEach((value, i) => { text = text.split('{' + i + '}').join(String(value)); });
      return text;
    };
    return {
      execution,
      globals: {
        SpreadsheetApp: {
          getActiveSpreadsheet: () => project.spreadsheet,
          getActive: () => project.spreadsheet,
          flush: () => {},
        },
        LockService: {getScriptLock: () => new Lock(project.lock, execution)},
        PropertiesService: {getScriptProperties: () => project.properties},
        ContentService: {
          createTextOutput: (content) => new TextOutput(content),
          MimeType: Object.freeze(Object.assign({}, MIME_TYPES)),
        },
        Logger: {
          log: (...args) => { const line = format(args); logLines.push(line); project.log.push(line); },
          getLog: () => logLines.join('\n'),
          clear: () => { logLines.length = 0; },
        },
        console: {
          log: (...args) => project.log.push(args.map(String).join(' ')),
          info: (...args) => project.log.push(args.map(String).join(' ')),
          warn: (...args) => project.log.push(args.map(String).join(' ')),
          error: (...args) => project.log.push(args.map(String).join(' ')),
        },
      },
    };
  }

  // Ends execution `execution`: Apps Script releases a lock the script still holds.
  endExecution(execution) {
    if (this.lock.holder === execution) this.lock.holder = null;
  }
}

module.exports = {AppsScriptProject, TextOutput, MIME_TYPES};
