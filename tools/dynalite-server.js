#!/usr/bin/env node
// Starts dynalite (a DynamoDB engine written in Node, Apache-2.0) on a loopback port and
// prints one line of JSON once it listens: {"port": N, "pid": P}. Port 0 (the default)
// picks a free port; the dynalite CLI cannot do that (--port 0 silently means 4567).
//
// Usage: node tools/dynalite-server.js [--host 127.0.0.1] [--port 0] [--path DIR]
// Used by the tests (DynaliteExtension) and by the local run (./run-local).
'use strict';
const path = require('path');

function arg(name, fallback) {
  const i = process.argv.indexOf('--' + name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

let dynalite;
try {
  dynalite = require(path.join(__dirname, '..', 'node_modules', 'dynalite'));
} catch (e) {
  console.error('dynalite is not installed: run "npm ci" at the repository root (' + e.message + ')');
  process.exit(3);
}

const host = arg('host', '127.0.0.1');
const port = Number(arg('port', '0'));
const dir = arg('path', null);
const options = { createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 };
if (dir) options.path = dir;

const server = dynalite(options);
// A client that gives up on a request (an SDK timeout under load) resets its connection; without
// a listener that 'error' would crash the whole engine. Drop the connection and keep serving.
server.on('connection', (socket) => socket.on('error', () => socket.destroy()));
server.on('clientError', (err, socket) => socket.destroy());
// dynalite rethrows a request's 'error' event (index.js: req.on('error', err => { throw err })),
// so a request aborted by its client surfaces here; the engine's state is unaffected.
process.on('uncaughtException', (err) => {
  if (err && (err.code === 'ECONNRESET' || err.message === 'aborted')) {
    return;
  }
  console.error(err);
  process.exit(1);
});
server.on('error', (err) => {
  console.error('dynalite could not listen on ' + host + ':' + port + ': ' + err.message);
  process.exit(4);
});
server.listen(port, host, () => {
  process.stdout.write(JSON.stringify({ port: server.address().port, pid: process.pid }) + '\n');
});

function stop() {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// Exit when the parent closes our stdin (the JVM that started us died without stopping us).
if (process.argv.includes('--exit-with-stdin')) {
  process.stdin.on('end', stop);
  process.stdin.resume();
}
