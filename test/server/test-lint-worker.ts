/**
 * The lint worker of the test server (./test-server.ts): the shipped worker's `runLintWorker`, with
 * the rules of ./test-rules.ts. Bundled by scripts/build.mjs to .cache/test-server/lint-worker.cjs.
 */
import { runLintWorker } from '../../server/src/lint-worker-main.js';
import { TEST_RULES } from './test-rules.js';

runLintWorker({ extraRules: TEST_RULES });
