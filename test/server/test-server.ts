/**
 * The language server as the tests run it when they need the rules of ./test-rules.ts: the shipped
 * entry's `main`, with a lint worker whose engine has those rules (./test-lint-worker.ts; rules are
 * functions, so they cannot be posted to a worker: they are bundled into it). Bundled by
 * scripts/build.mjs to .cache/test-server/server.cjs and lint-worker.cjs, outside what ships.
 */
import path from 'node:path';
import { main } from '../../server/src/main.js';

// A test that drives the worker out of memory sets a small heap cap, so that it happens quickly.
const heapLimit = Number(process.env['TRIPWIRE_TEST_WORKER_HEAP_MB']);

main(process.argv.slice(2), {
  lintWorkerScript: path.join(__dirname, 'lint-worker.cjs'),
  lintWorkerHeapMb: Number.isFinite(heapLimit) && heapLimit > 0 ? heapLimit : undefined,
});
