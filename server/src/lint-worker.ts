/** Entry point of dist/lint-worker.js: the lint worker thread the server starts (lint-worker-client.ts). */
import { runLintWorker } from './lint-worker-main.js';

runLintWorker();
