/**
 * The language server as the tests run it when they need the rules of ./test-rules.ts: the shipped
 * entry's `main`, with a lint worker whose engine has those rules (./test-lint-worker.ts; rules are
 * functions, so they cannot be posted to a worker: they are bundled into it). Bundled by
 * scripts/build.mjs to .cache/test-server/server.cjs and lint-worker.cjs, outside what ships. As the
 * shipped entry does, it starts that worker before the server's modules load.
 */
import path from 'node:path';
import { parseCommandLine } from '../../server/src/command-line.js';
import { DEFAULT_HEAP_LIMIT_MB } from '../../server/src/lint-worker-client.js';
import { prestartLintWorker } from '../../server/src/lint-worker-prestart.js';

// A test that drives the worker out of memory sets a small heap cap, so that it happens quickly.
const heapLimit = Number(process.env['TRIPWIRE_TEST_WORKER_HEAP_MB']);
const lintWorkerHeapMb = Number.isFinite(heapLimit) && heapLimit > 0 ? heapLimit : undefined;
const lintWorkerScript = path.join(__dirname, 'lint-worker.cjs');
const argv = process.argv.slice(2);

if (parseCommandLine(argv).action === 'start')
  prestartLintWorker(lintWorkerScript, lintWorkerHeapMb ?? DEFAULT_HEAP_LIMIT_MB);

void import('../../server/src/main.js').then(({ main }) => main(argv, { lintWorkerScript, lintWorkerHeapMb }));
