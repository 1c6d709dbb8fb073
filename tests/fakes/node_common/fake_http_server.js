// What the Node.js fakes of webhook receivers (tests/fakes/apps_script, tests/fakes/slack) share,
// mirroring the C++ fakes of tests/fakes/aws (fake_service.h): the common options (--host H,
// --port P; 0 picks a free port), one line on stdout with the port once listening, serving until
// SIGINT or SIGTERM, and failure modes switched at run time with POST /__admin/fail?mode=...:
//   up    healthy (the start)
//   half  each request fails, with probability 1/2 from a seeded generator (--seed N, default
//         1; or &seed=N), before the receiver acts on it: half of those answer 500, the other
//         half drop the connection without an answer
//   down  every request answers 503
// A fake may add modes of its own. Admin routes (/__admin/...) never fail. Test support only;
// no npm packages.
'use strict';

const http = require('http');

// A small deterministic generator (mulberry32): the same seed gives the same failures.
function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Reads argv as "--name value" pairs: --host and --port into `options`, any other handed to
// other(name, value), which returns '' when it took it or the problem. Returns '' or the first
// problem (like parse_fake_server_args in tests/fakes/aws/fake_service.h).
function parseFakeServerArgs(argv, options, other) {
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i];
    if (i + 1 >= argv.length) return 'missing value after ' + name;
    const value = argv[i + 1];
    if (name === '--host') {
      options.host = value;
    } else if (name === '--port') {
      if (!/^\d+$/.test(value)) return '--port expects a number, got ' + value;
      options.port = Number(value);
    } else {
      const problem = other(name, value);
      if (problem) return problem;
    }
  }
  return '';
}

// The failure modes above, plus `extraModes` (names a fake accepts besides up, half and down).
class FailureModes {
  constructor(seed, extraModes) {
    this.mode = 'up';
    this.random = seededRandom(seed);
    this.extraModes = extraModes || [];
    this.params = {};
  }

  // Applies ?mode=...&seed=... (and keeps the other parameters for the fake); returns '' or the
  // problem.
  set(searchParams) {
    const mode = searchParams.get('mode') || '';
    if (!['up', 'half', 'down'].concat(this.extraModes).includes(mode)) {
      return 'unknown mode "' + mode + '": expected up, half, down' +
          this.extraModes.map((m) => ', ' + m).join('');
    }
    if (searchParams.has('seed')) {
      if (!/^\d+$/.test(searchParams.get('seed'))) return 'seed must be a number';
      this.random = seededRandom(Number(searchParams.get('seed')));
    }
    this.mode = mode;
    this.params = Object.fromEntries(searchParams.entries());
    return '';
  }

  // What the mode does to the next request: 'pass', 'error' (500), 'drop' or 'down' (503); an
  // extra mode is returned by name.
  next() {
    if (this.mode === 'up') return 'pass';
    if (this.mode === 'down') return 'down';
    if (this.mode === 'half') {
      if (this.random() >= 0.5) return 'pass';
      return this.random() < 0.5 ? 'error' : 'drop';
    }
    return this.mode;
  }
}

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function send(response, status, body, headers) {
  const bytes = Buffer.from(body, 'utf8');
  response.writeHead(status, Object.assign({'Content-Length': bytes.length}, headers || {}));
  response.end(bytes);
}

function sendJson(response, status, value) {
  send(response, status, JSON.stringify(value), {'Content-Type': 'application/json; charset=utf-8'});
}

// Ends the exchange with no answer at all: the client sees the connection close.
function drop(request) {
  request.socket.destroy();
}

// Starts `handler(request, body, url)` (async; body a Buffer) on host:port, routes
// POST /__admin/fail to `modes`, prints the port and serves until SIGINT or SIGTERM. Exits 1
// (the reason on stderr, prefixed by `program`) when it cannot listen.
function serve(program, options, modes, handler) {
  const server = http.createServer(async (request, response) => {
    try {
      const url = new URL(request.url, 'http://' + (request.headers.host || 'localhost'));
      const body = await readBody(request);
      if (request.method === 'POST' && url.pathname === '/__admin/fail') {
        const problem = modes.set(url.searchParams);
        if (problem) return sendJson(response, 400, {error: problem});
        return sendJson(response, 200, {mode: modes.mode});
      }
      await handler(request, response, body, url);
    } catch (err) {
      process.stderr.write(program + ': ' + (err && err.stack ? err.stack : err) + '\n');
      if (!response.headersSent) send(response, 500, 'fake server error\n');
    }
  });
  server.on('error', (err) => {
    process.stderr.write(program + ': cannot listen on ' + options.host + ':' + options.port +
                         ': ' + err.message + '\n');
    process.exit(1);
  });
  server.listen(options.port, options.host, () => {
    process.stdout.write(server.address().port + '\n');
  });
  const stop = () => {
    server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return server;
}

// The usage error: the problem and the usage on stderr, exit 2.
function usage(program, problem, synopsis) {
  process.stderr.write(program + ': ' + problem + '\nusage: ' + synopsis + '\n');
  process.exit(2);
}

module.exports = {
  FailureModes, parseFakeServerArgs, seededRandom, serve, send, sendJson, drop, usage,
};
