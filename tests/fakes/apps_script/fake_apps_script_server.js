#!/usr/bin/env node
// fake_apps_script_server: a local Google Apps Script web app for tests of the "sheets" sink. It
// loads deploy/sheets/Code.gs UNCHANGED into a fresh vm context per request (as Apps Script runs
// each request as a new execution) with the in-memory services of apps_script_services.js, and
// answers the way script.google.com does:
//   POST /macros/s/<deployment>/exec   runs doPost(e) (e.postData.contents/type/length,
//                                      e.parameter, e.parameters, e.queryString,
//                                      e.contentLength) and answers 302 to
//                                      http://<host>:<port>/macros/echo?user_content_key=<random>,
//                                      which answers the script's output once (then 404), with
//                                      its MIME type; an exception in doPost is Google's HTML
//                                      error page (200) naming it; no TextOutput returned is
//                                      "The script completed but did not return anything."
//   GET /macros/s/<deployment>/exec    doGet(e) the same way if the script defines it, else
//                                      Google's "Script function not found: doGet" page
//   another deployment id              404 HTML ("Sorry, unable to open the file at this time.")
// With --echo-location relative the 302's Location is an absolute path (/macros/echo?...), as
// RFC 9110 allows, instead of an absolute URL.
// Failure modes (tests/fakes/node_common/fake_http_server.js): POST /__admin/fail?mode=up|half|
// down, lock_busy (the script lock is held by another execution, so waitLock times out) and
// rate_limited[&retry_after=S] (429 with Retry-After: S, default 30, before the script runs).
// Admin: GET /__admin/sheets -> {"sheets": {<name>: {hidden, frozen_rows, bold_cells, rows}},
// "log": [Logger lines]}.
//
//   node fake_apps_script_server.js [--host 127.0.0.1] [--port 0] [--script FILE]
//        [--deployment-id ID] [--property NAME=VALUE ...] [--seed N]
//        [--echo-location absolute|relative]
// Prints the port (one line) and serves until SIGINT or SIGTERM. Test support only.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const common = require('../node_common/fake_http_server.js');
const {AppsScriptProject} = require('./apps_script_services.js');

const PROGRAM = 'fake_apps_script_server';
const SYNOPSIS = 'node fake_apps_script_server.js [--host H] [--port P] [--script FILE] ' +
                 '[--deployment-id ID] [--property NAME=VALUE ...] [--seed N] ' +
                 '[--echo-location absolute|relative]';

const options = {
  host: '127.0.0.1',
  port: 0,
  script: path.join(__dirname, '..', '..', '..', 'deploy', 'sheets', 'Code.gs'),
  deployment: 'AKfycbStratusFakeDeployment0123456789',
  properties: {},
  seed: 1,
  echoLocation: 'absolute',
};
const problem = common.parseFakeServerArgs(process.argv.slice(2), options, (name, value) => {
  if (name === '--script') {
    options.script = value;
  } else if (name === '--deployment-id') {
    options.deployment = value;
  } else if (name === '--property') {
    const eq = value.indexOf('=');
    if (eq <= 0) return '--property expects NAME=VALUE';
    options.properties[value.substring(0, eq)] = value.substring(eq + 1);
  } else if (name === '--echo-location') {
    if (!['absolute', 'relative'].includes(value)) return '--echo-location expects absolute or relative';
    options.echoLocation = value;
  } else if (name === '--seed') {
    if (!/^\d+$/.test(value)) return '--seed expects a number, got ' + value;
    options.seed = Number(value);
  } else {
    return 'unknown option ' + name;
  }
  return '';
});
if (problem) common.usage(PROGRAM, problem, SYNOPSIS);

let script;
try {
  script = new vm.Script(fs.readFileSync(options.script, 'utf8'), {filename: 'Code.gs'});
} catch (err) {
  common.usage(PROGRAM, 'cannot load ' + options.script + ': ' + err.message, SYNOPSIS);
}

const project = new AppsScriptProject(options.properties);
const modes = new common.FailureModes(options.seed, ['lock_busy', 'rate_limited']);
const echoes = new Map();  // user_content_key -> {content, mime}

function googlePage(title, message) {
  return '<!DOCTYPE html><html><head><title>' + title + '</title></head><body>' +
         '<div style="margin:20px">' + message + '</div></body></html>';
}

function sendHtml(response, status, title, message) {
  common.send(response, status, googlePage(title, message),
              {'Content-Type': 'text/html; charset=utf-8'});
}

// The event object Apps Script hands doGet/doPost.
function eventFor(request, body, url) {
  const parameter = {};
  const parameters = {};
  url.searchParams.forEach((value, key) => {
    if (!(key in parameter)) parameter[key] = value;
    (parameters[key] = parameters[key] || []).push(value);
  });
  const e = {
    queryString: url.search.replace(/^\?/, ''),
    parameter,
    parameters,
    contextPath: '',
    contentLength: request.method === 'POST' ? body.length : -1,
  };
  if (request.method === 'POST') {
    e.postData = {
      contents: body.toString('utf8'),
      length: body.length,
      type: (request.headers['content-type'] || '').split(';')[0].trim(),
      name: 'postData',
    };
  }
  return e;
}

// Runs `functionName` of a fresh execution of the script; answers as Google does.
function runScript(functionName, request, response, body, url) {
  const {execution, globals} = project.globals();
  const context = vm.createContext(globals);
  try {
    script.runInContext(context);
    if (typeof context[functionName] !== 'function') {
      return sendHtml(response, 200, 'Error', 'Script function not found: ' + functionName);
    }
    const output = context[functionName](eventFor(request, body, url));
    if (!output || typeof output.getContent !== 'function') {
      return sendHtml(response, 200, 'Error', 'The script completed but did not return anything.');
    }
    const key = crypto.randomBytes(24).toString('base64url');
    echoes.set(key, {content: output.getContent(), mime: output.getMimeType()});
    const echoPath = '/macros/echo?user_content_key=' + key + '&lib=MFakeStratusLibrary';
    const location = options.echoLocation === 'relative'
        ? echoPath
        : 'http://127.0.0.1:' + request.socket.localPort + echoPath;
    common.send(response, 302,
                '<HTML><HEAD><TITLE>Moved Temporarily</TITLE></HEAD><BODY>The document has ' +
                    'moved <A HREF="' + location + '">here</A>.</BODY></HTML>',
                {'Content-Type': 'text/html; charset=UTF-8', 'Location': location});
  } catch (err) {
    sendHtml(response, 200, 'Error', String(err && err.message ? err.message : err) +
             ' (line ?, file "Code")');
  } finally {
    project.endExecution(execution);
  }
}

common.serve(PROGRAM, options, modes, async (request, response, body, url) => {
  if (request.method === 'GET' && url.pathname === '/__admin/sheets') {
    return common.sendJson(response, 200, {sheets: project.spreadsheet.dump(), log: project.log});
  }
  const mode = modes.next();
  if (mode === 'drop') return common.drop(request);
  if (mode === 'error') return sendHtml(response, 500, 'Error', 'Server error');
  if (mode === 'down') {
    return sendHtml(response, 503, 'Error', 'The service is currently unavailable.');
  }
  if (mode === 'rate_limited') {
    const wait = /^\d+$/.test(modes.params.retry_after || '') ? modes.params.retry_after : '30';
    common.send(response, 429, googlePage('Error', 'Too many requests.'),
                {'Content-Type': 'text/html; charset=utf-8', 'Retry-After': wait});
    return;
  }
  if (mode === 'lock_busy') project.holdLockElsewhere(); else project.releaseLockElsewhere();

  const exec = url.pathname.match(/^\/macros\/s\/([^/]+)\/exec$/);
  if (exec) {
    if (exec[1] !== options.deployment) {
      return sendHtml(response, 404, 'Error', 'Sorry, unable to open the file at this time.');
    }
    if (request.method === 'POST') return runScript('doPost', request, response, body, url);
    if (request.method === 'GET') return runScript('doGet', request, response, body, url);
    return sendHtml(response, 405, 'Error', 'Method not allowed');
  }
  if (url.pathname === '/macros/echo' && request.method === 'GET') {
    const key = url.searchParams.get('user_content_key') || '';
    const echo = echoes.get(key);
    if (!echo) return sendHtml(response, 404, 'Error', 'Sorry, the file you have requested does not exist.');
    echoes.delete(key);
    return common.send(response, 200, echo.content,
                       {'Content-Type': echo.mime + '; charset=utf-8'});
  }
  return sendHtml(response, 404, 'Error', 'Sorry, unable to open the file at this time.');
});
