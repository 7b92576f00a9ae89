// The lint worker the entry starts before the server's modules load: handed out once, and only to a
// client that would start the same worker (same script, same heap cap).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { adoptPrestartedWorker, prestartLintWorker } from '../../server/src/lint-worker-prestart.js';
import { makeWorkspace, removeWorkspace } from './helpers.js';

// Answers its configuration (the first message) with what it was started with.
const ECHO_WORKER = `const { parentPort, workerData } = require('node:worker_threads');
parentPort.once('message', (message) => parentPort.postMessage({ workerData, message }));
`;

describe('prestarted lint worker', () => {
  let directory: string;
  let script: string;
  before(() => {
    directory = makeWorkspace({});
    script = path.join(directory, 'echo-worker.cjs');
    writeFileSync(script, ECHO_WORKER);
  });
  after(() => removeWorkspace(directory));

  it('is adopted once by a client with the same script and heap cap, and waits for its configuration', async () => {
    prestartLintWorker(script, 256);
    const worker = adoptPrestartedWorker(script, 256);
    assert.ok(worker);
    assert.equal(adoptPrestartedWorker(script, 256), undefined, 'handed out twice');
    worker.postMessage({ kind: 'configure', data: {} });
    const [answer] = (await once(worker, 'message')) as [unknown];
    assert.deepEqual(answer, { workerData: { deferred: true }, message: { kind: 'configure', data: {} } });
    await worker.terminate();
  });

  it('is ended, not adopted, when the client wants another heap cap or script', async () => {
    prestartLintWorker(script, 256);
    assert.equal(adoptPrestartedWorker(script, 512), undefined);
    prestartLintWorker(script, 256);
    assert.equal(adoptPrestartedWorker(path.join(directory, 'other.cjs'), 256), undefined);
    assert.equal(adoptPrestartedWorker(script, 256), undefined);
  });
});
