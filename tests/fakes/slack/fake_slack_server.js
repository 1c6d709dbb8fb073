#!/usr/bin/env node
// fake_slack_server: a local Slack incoming-webhook receiver for tests of the "slack" sink, with
// the answers Slack documents for incoming webhooks (api.slack.com/messaging/webhooks, "Handling
// errors", and the 2016-05-17 changelog on incoming webhook errors), bodies as plain text:
//   POST /services/<T>/<B>/<token>
//     200 ok                        a message was posted (kept for GET /__admin/messages)
//     400 invalid_payload           the body is not JSON (or a form with a JSON payload=)
//     400 no_text                   neither a non-empty "text" nor "blocks"
//     400 invalid_blocks_format     "blocks" is not an array
//     400 invalid_blocks            a block breaks Block Kit's basic shape or a documented limit:
//                                   at most 50 blocks; a known block type; section text or
//                                   fields (at most 10, 2,000 characters each), section text at
//                                   most 3,000 characters; header plain_text at most 150;
//                                   context 1 to 10 elements; text objects of type plain_text or
//                                   mrkdwn with non-empty text; block_id at most 255
//     403 invalid_token             <T>/<B> is a known webhook but the token is wrong
//     404 no_service                no such webhook (any other path too)
// Modes (POST /__admin/fail?mode=...): up, half, down (tests/fakes/node_common), and
//     rate_limited[&retry_after=S]  429 rate_limited with Retry-After: S (default 30)
//     channel_not_found 404, channel_is_archived 410, action_prohibited 403
// Characters are counted as Unicode code points.
// Admin: GET /__admin/messages -> {"messages": [{"webhook": "<T>/<B>", "text", "blocks"}]}
// (never the token), in arrival order.
//
//   node fake_slack_server.js --webhook T/B/TOKEN [--webhook ...] [--host 127.0.0.1] [--port 0]
//        [--seed N]
// Prints the port (one line) and serves until SIGINT or SIGTERM. Test support only.
'use strict';

const common = require('../node_common/fake_http_server.js');

const PROGRAM = 'fake_slack_server';
const SYNOPSIS = 'node fake_slack_server.js --webhook T/B/TOKEN [--webhook ...] [--host H] ' +
                 '[--port P] [--seed N]';

const options = {host: '127.0.0.1', port: 0, webhooks: new Map(), seed: 1};
const problem = common.parseFakeServerArgs(process.argv.slice(2), options, (name, value) => {
  if (name === '--webhook') {
    const parts = value.split('/');
    if (parts.length !== 3 || parts.some((p) => p === '')) return '--webhook expects T/B/TOKEN';
    options.webhooks.set(parts[0] + '/' + parts[1], parts[2]);
  } else if (name === '--seed') {
    if (!/^\d+$/.test(value)) return '--seed expects a number, got ' + value;
    options.seed = Number(value);
  } else {
    return 'unknown option ' + name;
  }
  return '';
});
if (problem) common.usage(PROGRAM, problem, SYNOPSIS);
if (options.webhooks.size === 0) common.usage(PROGRAM, 'at least one --webhook is needed', SYNOPSIS);

const CHANNEL_MODES = {
  channel_not_found: 404, channel_is_archived: 410, action_prohibited: 403,
};
const modes = new common.FailureModes(options.seed, ['rate_limited'].concat(Object.keys(CHANNEL_MODES)));
const messages = [];

const BLOCK_TYPES = ['section', 'header', 'context', 'divider', 'image', 'actions', 'rich_text',
                     'input', 'file', 'video'];

const chars = (text) => Array.from(text).length;

function plain(response, status, text, headers) {
  common.send(response, status, text, Object.assign({'Content-Type': 'text/html'}, headers || {}));
}

// '' when `object` is a text object whose text has 1..max characters; else what is wrong.
function textObjectProblem(object, max, where, plainOnly) {
  if (!object || typeof object !== 'object') return where + ' must be a text object';
  if (plainOnly ? object.type !== 'plain_text' : !['plain_text', 'mrkdwn'].includes(object.type)) {
    return where + '.type must be ' + (plainOnly ? 'plain_text' : 'plain_text or mrkdwn');
  }
  if (typeof object.text !== 'string' || object.text.length === 0) {
    return where + '.text must be a non-empty string';
  }
  if (chars(object.text) > max) return where + '.text is over ' + max + ' characters';
  return '';
}

function blockProblem(block, i) {
  const where = 'blocks[' + i + ']';
  if (!block || typeof block !== 'object' || Array.isArray(block)) return where + ' is not an object';
  if (!BLOCK_TYPES.includes(block.type)) return where + '.type is not a block type';
  if ('block_id' in block && (typeof block.block_id !== 'string' || chars(block.block_id) > 255)) {
    return where + '.block_id must be a string of at most 255 characters';
  }
  if (block.type === 'section') {
    if (!('text' in block) && !('fields' in block)) return where + ' needs text or fields';
    if ('text' in block) {
      const p = textObjectProblem(block.text, 3000, where + '.text', false);
      if (p) return p;
    }
    if ('fields' in block) {
      if (!Array.isArray(block.fields) || block.fields.length === 0 || block.fields.length > 10) {
        return where + '.fields must have 1 to 10 items';
      }
      for (let f = 0; f < block.fields.length; f++) {
        const p = textObjectProblem(block.fields[f], 2000, where + '.fields[' + f + ']', false);
        if (p) return p;
      }
    }
  } else if (block.type === 'header') {
    return textObjectProblem(block.text, 150, where + '.text', true);
  } else if (block.type === 'context') {
    if (!Array.isArray(block.elements) || block.elements.length === 0 ||
        block.elements.length > 10) {
      return where + '.elements must have 1 to 10 items';
    }
    for (let e = 0; e < block.elements.length; e++) {
      const element = block.elements[e];
      if (element && element.type === 'image') continue;
      const p = textObjectProblem(element, 3000, where + '.elements[' + e + ']', false);
      if (p) return p;
    }
  }
  return '';
}

// The message in `body` per the content type, or null when it cannot be read as one.
function parseMessage(request, body) {
  let text = body.toString('utf8');
  if ((request.headers['content-type'] || '').startsWith('application/x-www-form-urlencoded')) {
    text = new URLSearchParams(text).get('payload') || '';
  }
  try {
    const message = JSON.parse(text);
    return message && typeof message === 'object' && !Array.isArray(message) ? message : null;
  } catch (err) {
    return null;
  }
}

common.serve(PROGRAM, options, modes, async (request, response, body, url) => {
  if (request.method === 'GET' && url.pathname === '/__admin/messages') {
    return common.sendJson(response, 200, {messages});
  }
  const mode = modes.next();
  if (mode === 'drop') return common.drop(request);
  if (mode === 'error') return plain(response, 500, 'rollup_error');
  if (mode === 'down') return plain(response, 503, 'service_unavailable');
  if (mode === 'rate_limited') {
    const wait = /^\d+$/.test(modes.params.retry_after || '') ? modes.params.retry_after : '30';
    return plain(response, 429, 'rate_limited', {'Retry-After': wait});
  }

  const hook = url.pathname.match(/^\/services\/([^/]+)\/([^/]+)\/([^/]+)$/);
  if (request.method !== 'POST' || !hook || !options.webhooks.has(hook[1] + '/' + hook[2])) {
    return plain(response, 404, 'no_service');
  }
  if (options.webhooks.get(hook[1] + '/' + hook[2]) !== hook[3]) {
    return plain(response, 403, 'invalid_token');
  }
  if (mode in CHANNEL_MODES) return plain(response, CHANNEL_MODES[mode], mode);

  const message = parseMessage(request, body);
  if (!message) return plain(response, 400, 'invalid_payload');
  const hasText = typeof message.text === 'string' && message.text.length > 0;
  if ('blocks' in message && !Array.isArray(message.blocks)) {
    return plain(response, 400, 'invalid_blocks_format');
  }
  const blocks = message.blocks || [];
  if (!hasText && blocks.length === 0) return plain(response, 400, 'no_text');
  if (blocks.length > 50) return plain(response, 400, 'invalid_blocks');
  for (let i = 0; i < blocks.length; i++) {
    const p = blockProblem(blocks[i], i);
    if (p) {
      process.stderr.write(PROGRAM + ': invalid_blocks: ' + p + '\n');
      return plain(response, 400, 'invalid_blocks');
    }
  }
  messages.push({webhook: hook[1] + '/' + hook[2], text: message.text, blocks: message.blocks});
  return plain(response, 200, 'ok');
});
