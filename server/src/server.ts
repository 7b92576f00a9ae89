/**
 * Entry point of dist/server.js: `node dist/server.js --stdio` (see `--help`). When it is to speak
 * LSP, the lint worker is started first, so that it loads ESLint and TypeScript while the modules of
 * the LSP thread load (they are imported below, on demand).
 */
import { parseCommandLine } from './command-line.js';
import { DEFAULT_HEAP_LIMIT_MB, defaultLintWorkerScript } from './lint-worker-client.js';
import { prestartLintWorker } from './lint-worker-prestart.js';

const argv = process.argv.slice(2);
if (parseCommandLine(argv).action === 'start') prestartLintWorker(defaultLintWorkerScript(), DEFAULT_HEAP_LIMIT_MB);

import('./main.js').then(
  ({ main }) => main(argv),
  (error: unknown) => {
    process.stderr.write(`tripwire-server: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
    process.exit(1);
  },
);
