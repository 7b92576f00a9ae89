/** Entry point of dist/lint-worker.js: the lint worker thread the server starts (lint-worker-client.ts). */
import { isMainThread } from 'node:worker_threads';
import { runLintWorker } from './lint-worker-main.js';

if (isMainThread) {
  // Run by hand: say what it is in one line (a bundle must never print its own minified source).
  process.stderr.write('tripwire lint worker: dist/server.js starts this file as a worker thread; run the server.\n');
  process.exitCode = 2;
} else {
  runLintWorker();
}
