#!/usr/bin/env node
// Runs dynalite (a local DynamoDB) in memory on 127.0.0.1 for the Stratus tests.
//
// Usage: node dynalite-server.js --port <port>
//   Prints "listening <port>" on stdout once it accepts connections.
//   Exits 98 when the port is taken (the caller picks another), 1 on any other start failure.
//   Exits when its stdin closes, so a test process that dies never leaves a server behind.
// Tables become ACTIVE at once (createTableMs 0) so every test can start on a fresh table.
'use strict'

const argv = require('minimist')(process.argv.slice(2))
const dynalite = require('dynalite')

const port = Number(argv.port)
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  process.stderr.write('dynalite-server: --port must be a TCP port (1-65535), got ' +
                       JSON.stringify(argv.port) + '\n')
  process.exit(1)
}

const server = dynalite({createTableMs: 0, deleteTableMs: 0, updateTableMs: 0})
server.on('error', (err) => {
  process.stderr.write('dynalite-server: cannot listen on 127.0.0.1:' + port + ': ' + err.message +
                       '\n')
  process.exit(err.code === 'EADDRINUSE' ? 98 : 1)
})
server.listen(port, '127.0.0.1', () => {
  process.stdout.write('listening ' + server.address().port + '\n')
})

process.stdin.on('end', () => process.exit(0))
process.stdin.on('error', () => process.exit(0))
process.stdin.resume()
process.on('SIGTERM', () => process.exit(0))
