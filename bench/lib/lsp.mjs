// Language-server latency benchmark: a real LSP client over stdio against `node dist/server.js --stdio`.
// Measures didChange → publishDiagnostics for one ~2,000-line file (syntactic, then type-aware when
// the server supports `tripwire.typeAware`), code actions answered while a type-aware lint of that
// file runs, the server's resident memory after opening every file of a mid-size project, and, in a
// fresh server, how long the first edit of a type-aware session waits for its diagnostics.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { editAnchorLine, makeEditor } from './edits.mjs';
import { formatNumber, summarize } from './stats.mjs';

const require = createRequire(import.meta.url);

/** VmRSS and VmHWM (peak) of a process in MB, from /proc/<pid>/status; undefined off Linux. */
export function residentMemoryMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name) => {
      const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
      return match ? Number(match[1]) / 1024 : undefined;
    };
    return { rssMb: field('VmRSS'), peakRssMb: field('VmHWM') };
  } catch {
    return { rssMb: undefined, peakRssMb: undefined };
  }
}

/** The server's lint delay after a change (server/src/document-events.ts), used when the manifest declares none. */
export const DEFAULT_DEBOUNCE_MS = 150;

/**
 * The server's debounce after didChange: the default of a numeric `tripwire.*` setting whose name
 * says debounce or delay, when the extension manifest declares one; else the server's 150 ms.
 */
export function debounceFromManifest(manifest) {
  const configuration = manifest?.contributes?.configuration;
  const sections = Array.isArray(configuration) ? configuration : [configuration];
  for (const section of sections) {
    for (const [key, property] of Object.entries(section?.properties ?? {})) {
      if (
        /^tripwire\./.test(key) &&
        /debounce|delay/i.test(key) &&
        property?.type === 'number' &&
        Number.isFinite(property.default)
      ) {
        return { ms: property.default, source: `${key} default` };
      }
    }
  }
  return { ms: DEFAULT_DEBOUNCE_MS, source: "the server's default (the manifest declares no debounce setting)" };
}

/** Whether the extension manifest declares a setting (the server's settings come from there). */
function declaresSetting(repositoryRoot, key) {
  try {
    const manifest = JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8'));
    const configuration = manifest.contributes?.configuration;
    const sections = Array.isArray(configuration) ? configuration : [configuration];
    return sections.some((section) => section?.properties && key in section.properties);
  } catch {
    return false;
  }
}

function listFiles(directory, extension) {
  const found = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) found.push(...listFiles(full, extension));
    else if (entry.name.endsWith(extension) && !entry.name.endsWith('.d.ts')) found.push(full);
  }
  return found.sort();
}

const DIAGNOSTICS_TIMEOUT_MS = 120_000;

/** How often code actions are sent while a type-aware lint runs. */
export const CODE_ACTION_PROBE_INTERVAL_MS = 20;

/**
 * Type-aware settings of the benchmark. The budget is lifted so that a loaded machine does not
 * demote the measured file to syntactic lints halfway through (the server does that to files whose
 * typed lint exceeds `tripwire.typeAwareBudgetMs`), which would make type-aware figures syntactic ones.
 */
export const TYPE_AWARE_SETTINGS = { typeAware: 'onType', typeAwareBudgetMs: 3_600_000 };

/**
 * Code actions sent while a type-aware lint runs. Each trial: `startAt`, when the lint started (the
 * server's `linting` status, or the end of the debounce when it sends none); `diagnosticsAt`, when
 * that lint's diagnostics arrived; `probes`, the requests `{ sentAt, answeredAt }` (ms, one clock).
 * A probe counts when it was sent inside [startAt, diagnosticsAt): its response time is the figure,
 * and whether the response came before the diagnostics says whether the server answered during the
 * lint or only after it. `first` is the first such probe of each trial (the request sent as the lint
 * starts).
 */
export function summarizeCodeActionProbes(trials) {
  const inLint = [];
  const first = [];
  let answeredBeforeDiagnostics = 0;
  let unanswered = 0;
  for (const trial of trials) {
    const during = trial.probes
      .filter((probe) => probe.sentAt >= trial.startAt && probe.sentAt < trial.diagnosticsAt)
      .sort((left, right) => left.sentAt - right.sentAt);
    for (const probe of during) {
      if (!Number.isFinite(probe.answeredAt)) {
        unanswered++;
        continue;
      }
      inLint.push(probe.answeredAt - probe.sentAt);
      if (probe.answeredAt < trial.diagnosticsAt) answeredBeforeDiagnostics++;
    }
    const firstProbe = during[0];
    if (firstProbe && Number.isFinite(firstProbe.answeredAt)) first.push(firstProbe.answeredAt - firstProbe.sentAt);
  }
  return {
    trials: trials.length,
    inLint: summarize(inLint),
    first: summarize(first),
    answeredBeforeDiagnostics,
    unanswered,
    lintMs: summarize(trials.map((trial) => trial.diagnosticsAt - trial.startAt)),
  };
}

/** Resolves with the promise's value, or with undefined after `ms`; the timer is always cleared. */
async function settleWithin(promise, ms) {
  let timer;
  try {
    return await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(() => resolve(undefined), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

class LspSession {
  constructor(serverPath, workspaceRoot, log) {
    const rpc = require('vscode-jsonrpc/node');
    this.log = log;
    this.settings = { tripwire: { typeAware: 'off' } };
    this.statuses = []; // { at, state, lastLintUri, lastLintTyped } of every tripwire/status notification
    this.statusWaiters = [];
    this.waiters = new Map(); // uri → [{ version, resolve, reject, timer }]
    this.published = new Map(); // uri → count of publishDiagnostics
    this.serverLog = [];
    this.child = spawn(process.execPath, [serverPath, '--stdio'], {
      cwd: workspaceRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stderr.on('data', (chunk) => {
      this.serverLog.push(String(chunk));
      if (this.serverLog.length > 200) this.serverLog.shift();
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
    this.connection = rpc.createMessageConnection(
      new rpc.StreamMessageReader(this.child.stdout),
      new rpc.StreamMessageWriter(this.child.stdin),
    );
    this.connection.onRequest('workspace/configuration', (params) =>
      params.items.map((item) => this.section(item.section)),
    );
    // Capability registrations, progress tokens, message requests: accept and answer nothing.
    this.connection.onRequest(() => null);
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => this.onDiagnostics(params));
    this.connection.onNotification('tripwire/status', (params) => this.onStatus(params));
    this.connection.onNotification((method, params) => {
      if (method === 'window/logMessage' || method === 'window/showMessage') {
        this.serverLog.push(`${method}: ${params?.message}`);
        if (this.serverLog.length > 200) this.serverLog.shift();
      }
    });
    this.connection.onError(() => undefined);
    this.connection.onClose(() => {
      for (const waiters of this.waiters.values())
        for (const waiter of waiters) waiter.reject(new Error('the server closed the connection'));
      this.waiters.clear();
    });
    this.connection.listen();
  }

  section(name) {
    if (!name) return this.settings;
    let value = this.settings;
    for (const part of name.split('.')) value = value?.[part];
    return value ?? null;
  }

  onStatus(params) {
    const status = {
      at: performance.now(),
      state: params?.state,
      lastLintUri: params?.lastLintUri,
      lastLintTyped: params?.lastLintTyped,
      lastLintAt: params?.lastLintAt,
    };
    this.statuses.push(status);
    if (this.statuses.length > 10_000) this.statuses.shift();
    this.statusWaiters = this.statusWaiters.filter((waiter) => {
      if (!waiter.accepts(status)) return true;
      waiter.resolve(status);
      return false;
    });
  }

  /** The next status notification that `accepts`, or undefined when none came before `settled` resolves. */
  nextStatus(accepts, settled) {
    return new Promise((resolve) => {
      const waiter = { accepts, resolve };
      this.statusWaiters.push(waiter);
      void settled.then(() => {
        this.statusWaiters = this.statusWaiters.filter((other) => other !== waiter);
        resolve(undefined);
      });
    });
  }

  /**
   * How many lints of `uri` that ended at or after `sinceEpochMs` (Date.now() clock) were type-aware,
   * from the status notifications (each carries the last lint's uri, end time and whether it was typed).
   */
  typedLintsSince(uri, sinceEpochMs) {
    const lints = this.statuses.filter(
      (status) =>
        status.lastLintUri === uri && status.lastLintAt !== undefined && Date.parse(status.lastLintAt) >= sinceEpochMs,
    );
    const distinct = new Map(lints.map((status) => [status.lastLintAt, status.lastLintTyped]));
    return { lints: distinct.size, typed: [...distinct.values()].filter((typed) => typed === true).length };
  }

  onDiagnostics(params) {
    const arrivedAt = performance.now();
    this.published.set(params.uri, (this.published.get(params.uri) ?? 0) + 1);
    const waiters = this.waiters.get(params.uri);
    if (!waiters) return;
    const remaining = [];
    for (const waiter of waiters) {
      // Without versionSupport in the server's answer, the next publication after our change is ours.
      if (params.version === undefined || params.version === null || params.version >= waiter.version) {
        clearTimeout(waiter.timer);
        waiter.resolve({ arrivedAt, diagnostics: params.diagnostics.length, version: params.version });
      } else remaining.push(waiter);
    }
    if (remaining.length) this.waiters.set(params.uri, remaining);
    else this.waiters.delete(params.uri);
  }

  waitForDiagnostics(uri, version) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const list = this.waiters.get(uri) ?? [];
        this.waiters.set(
          uri,
          list.filter((waiter) => waiter.timer !== timer),
        );
        reject(
          new Error(
            `no publishDiagnostics for ${path.basename(uri)} version ${version} within ${DIAGNOSTICS_TIMEOUT_MS / 1000} s`,
          ),
        );
      }, DIAGNOSTICS_TIMEOUT_MS);
      const list = this.waiters.get(uri) ?? [];
      list.push({ version, resolve, reject, timer });
      this.waiters.set(uri, list);
    });
  }

  async initialize(workspaceRoot) {
    const rootUri = pathToFileURL(workspaceRoot).href;
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      clientInfo: { name: 'tripwire-bench' },
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: path.basename(workspaceRoot) }],
      capabilities: {
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          // As VS Code: literal actions, with edits resolved lazily (fix-all is not computed per request).
          codeAction: {
            dynamicRegistration: false,
            codeActionLiteralSupport: {
              codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'refactor.rewrite', 'source', 'source.fixAll'] },
            },
            resolveSupport: { properties: ['edit'] },
            dataSupport: true,
          },
        },
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeConfiguration: { dynamicRegistration: false },
        },
        window: { workDoneProgress: false },
      },
      initializationOptions: { settings: this.settings },
    });
    await this.connection.sendNotification('initialized', {});
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: this.settings });
    return result;
  }

  async setSettings(tripwireSettings) {
    this.settings = { tripwire: { ...this.settings.tripwire, ...tripwireSettings } };
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: this.settings });
  }

  /** Sends didOpen without waiting for anything; resolves with the uri and the time it was sent. */
  async sendOpen(file, text, version = 1) {
    const uri = pathToFileURL(file).href;
    const sentAt = performance.now();
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: file.endsWith('.js') ? 'javascript' : 'typescript', version, text },
    });
    return { uri, sentAt };
  }

  /** Opens a document and resolves with the time to its first diagnostics. */
  async open(file, text, version = 1) {
    const uri = pathToFileURL(file).href;
    const waiting = this.waitForDiagnostics(uri, version);
    const sentAt = performance.now();
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: file.endsWith('.js') ? 'javascript' : 'typescript', version, text },
    });
    const { arrivedAt, diagnostics } = await waiting;
    return { uri, ms: arrivedAt - sentAt, diagnostics };
  }

  /** Sends a full-text change and resolves with the time to the diagnostics of that version. */
  async change(uri, text, version) {
    const waiting = this.waitForDiagnostics(uri, version);
    const sentAt = performance.now();
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    const { arrivedAt, diagnostics } = await waiting;
    return { ms: arrivedAt - sentAt, diagnostics };
  }

  async close(uri) {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async shutdown() {
    try {
      await settleWithin(this.connection.sendRequest('shutdown'), 5000);
      await this.connection.sendNotification('exit');
    } catch {
      // the server may already be gone
    }
    const exited = await settleWithin(this.exited, 5000);
    if (!exited) this.child.kill('SIGKILL');
    this.connection.dispose();
  }
}

/** Edits the file `edits` times, one at a time, waiting for each version's diagnostics. */
async function measureEdits(session, uri, editor, firstVersion, warmup, edits) {
  let version = firstVersion;
  for (let iteration = 0; iteration < warmup; iteration++) await session.change(uri, editor(-1 - iteration), ++version);
  const since = Date.now();
  const latencies = [];
  let diagnostics = 0;
  for (let iteration = 0; iteration < edits; iteration++) {
    const result = await session.change(uri, editor(iteration), ++version);
    latencies.push(result.ms);
    diagnostics = result.diagnostics;
  }
  return {
    latency: summarize(latencies),
    // What the server spends beyond its deliberate wait: the figure to set against ESLint's parse time.
    latencyAfterDebounce: summarize(latencies.map((ms) => Math.max(0, ms - session.debounceMs))),
    diagnostics,
    version,
    lintsReported: session.typedLintsSince(uri, since),
  };
}

/**
 * Code actions while a type-aware lint of the open file runs, `trials` times: an edit starts the
 * lint; from the didChange on, a textDocument/codeAction for the edited line goes out every
 * CODE_ACTION_PROBE_INTERVAL_MS until that version's diagnostics arrive. The lint's start is the
 * server's `linting` status when it sends one, else the end of the debounce.
 */
async function measureCodeActionsDuringLint(session, uri, editor, firstVersion, trials, anchorLine) {
  let version = firstVersion;
  const results = [];
  for (let trial = 0; trial < trials; trial++) {
    const probes = [];
    const pending = [];
    const diagnostics = session.waitForDiagnostics(uri, ++version);
    const settled = diagnostics.then(
      () => undefined,
      () => undefined,
    );
    const changedAt = performance.now();
    const linting = session.nextStatus((status) => status.state === 'linting', settled);
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text: editor(1000 + trial) }],
    });
    const probe = () => {
      const entry = { sentAt: performance.now(), answeredAt: Number.NaN };
      probes.push(entry);
      pending.push(
        session.connection
          .sendRequest('textDocument/codeAction', {
            textDocument: { uri },
            range: { start: { line: anchorLine, character: 0 }, end: { line: anchorLine, character: 0 } },
            context: { diagnostics: [], triggerKind: 2 },
          })
          .then(
            () => (entry.answeredAt = performance.now()),
            () => undefined,
          ),
      );
    };
    probe();
    const timer = setInterval(probe, CODE_ACTION_PROBE_INTERVAL_MS);
    let published;
    try {
      published = await diagnostics;
    } finally {
      clearInterval(timer);
    }
    // Resolved by now: with the `linting` status, or with undefined once the diagnostics came.
    const status = await linting;
    await settleWithin(Promise.all(pending), DIAGNOSTICS_TIMEOUT_MS);
    results.push({
      startAt: status?.at ?? changedAt + session.debounceMs,
      startFrom: status ? 'linting status' : 'debounce',
      diagnosticsAt: published.arrivedAt,
      probes,
    });
  }
  return { ...summarizeCodeActionProbes(results), version, startFrom: [...new Set(results.map((r) => r.startFrom))] };
}

/**
 * A fresh server with type-aware linting on from the start: didOpen of the file, then at once its
 * first edit; the figure is didChange → the publishDiagnostics of the edited version (the program is
 * built on the way). Also didOpen → the first diagnostics of any version.
 */
async function measureFirstTypedEdit({ serverPath, corpus, file, text, editor, debounce }) {
  const session = new LspSession(serverPath, corpus.root, () => undefined);
  session.debounceMs = debounce.ms;
  session.settings = { tripwire: { ...TYPE_AWARE_SETTINGS } };
  try {
    await session.initialize(corpus.root);
    const uri = pathToFileURL(file).href;
    const anyDiagnostics = session.waitForDiagnostics(uri, 1);
    anyDiagnostics.catch(() => undefined);
    const opened = await session.sendOpen(file, text, 1);
    const since = Date.now();
    const edited = await session.change(uri, editor(0), 2);
    const first = await settleWithin(anyDiagnostics, 0);
    // The server reports the lint in a status notification right after publishing its diagnostics.
    const reported = (status) =>
      status.lastLintUri === uri && status.lastLintAt !== undefined && Date.parse(status.lastLintAt) >= since;
    if (!session.statuses.some(reported)) await session.nextStatus(reported, settleWithin(new Promise(() => {}), 5000));
    return {
      available: true,
      firstEditMs: edited.ms,
      openToFirstDiagnosticsMs: first ? first.arrivedAt - opened.sentAt : undefined,
      lintsReported: session.typedLintsSince(uri, since),
      memory: residentMemoryMb(session.child.pid),
    };
  } catch (error) {
    return {
      available: false,
      note: `failed: ${String(error?.message ?? error)}`,
      serverLogTail: session.serverLog.slice(-20).join('').slice(-3000),
    };
  } finally {
    await session.shutdown();
  }
}

/** Opens every file of the project (besides ones already open) and waits for all their diagnostics. */
async function openProject(session, files, skip) {
  const start = performance.now();
  const uris = [];
  const openings = [];
  for (const file of files) {
    if (file === skip) continue;
    openings.push(session.open(file, readFileSync(file, 'utf8')).then((opened) => uris.push(opened.uri)));
  }
  await Promise.all(openings);
  return { files: uris.length, ms: performance.now() - start, uris };
}

export async function runLspBenchmark({
  repositoryRoot,
  corpus,
  edits,
  codeActionTrials = 5,
  log,
  serverPath = process.env.TRIPWIRE_BENCH_SERVER ?? path.join(repositoryRoot, 'dist', 'server.js'),
}) {
  log('\nlanguage server:');
  if (!existsSync(serverPath)) {
    const note = `${path.relative(repositoryRoot, serverPath)} is missing: run npm run build`;
    log(`  not available: ${note}`);
    return { available: false, note };
  }
  const typeAwareDeclared = declaresSetting(repositoryRoot, 'tripwire.typeAware');
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8'));
  } catch {
    manifest = undefined;
  }
  const debounce = debounceFromManifest(manifest);
  const file = corpus.singleFile;
  const text = readFileSync(file, 'utf8');
  const editor = makeEditor(text);
  const projectFiles = listFiles(corpus.midSizeProject, '.ts');
  const warmup = Math.min(5, edits);
  const result = {
    available: true,
    server: path.relative(repositoryRoot, serverPath),
    file: path.relative(corpus.root, file),
    lines: text.split('\n').length,
    edits,
    debounce,
    project: { folder: path.relative(corpus.root, corpus.midSizeProject), files: projectFiles.length },
  };
  const session = new LspSession(serverPath, corpus.root, log);
  session.debounceMs = debounce.ms;
  try {
    const initializeResult = await session.initialize(corpus.root);
    result.serverInfo = initializeResult?.serverInfo ?? null;
    result.memoryAfterStartMb = residentMemoryMb(session.child.pid);

    // Syntactic: open, warm up, then edits one at a time.
    const opened = await session.open(file, text, 1);
    result.syntactic = { firstLintMs: opened.ms };
    log(`  syntactic: first diagnostics ${formatNumber(opened.ms, 0)} ms after didOpen; ${edits} edits…`);
    const syntactic = await measureEdits(session, opened.uri, editor, 1, warmup, edits);
    Object.assign(result.syntactic, syntactic);
    log(
      `  syntactic: didChange → publishDiagnostics p50 ${formatNumber(syntactic.latency.p50, 1)} ms, p95 ${formatNumber(syntactic.latency.p95, 1)} ms (min ${formatNumber(syntactic.latency.min, 1)}; less the ${debounce.ms} ms debounce: p50 ${formatNumber(syntactic.latencyAfterDebounce.p50, 1)}, p95 ${formatNumber(syntactic.latencyAfterDebounce.p95, 1)})`,
    );
    let version = syntactic.version;

    const project = await openProject(session, projectFiles, file);
    result.syntactic.project = {
      files: project.files,
      openAllMs: project.ms,
      memory: residentMemoryMb(session.child.pid),
    };
    log(
      `  syntactic: opened ${project.files} more files of ${result.project.folder} in ${formatNumber(project.ms / 1000, 1)} s; server RSS ${formatNumber(result.syntactic.project.memory.rssMb, 0)} MB (peak ${formatNumber(result.syntactic.project.memory.peakRssMb, 0)} MB)`,
    );
    for (const uri of project.uris) await session.close(uri);

    if (!typeAwareDeclared) {
      result.typeAware = {
        available: false,
        note: 'not available: package.json contributes no tripwire.typeAware setting',
      };
      log(`  type-aware: ${result.typeAware.note}`);
    } else {
      await session.setSettings(TYPE_AWARE_SETTINGS);
      const first = await session.change(opened.uri, editor(-100), ++version);
      result.typeAware = { available: true, firstLintMs: first.ms };
      log(
        `  type-aware: first typed diagnostics ${formatNumber(first.ms, 0)} ms after the first edit (program build); ${edits} edits…`,
      );
      const typed = await measureEdits(session, opened.uri, editor, version, warmup, edits);
      Object.assign(result.typeAware, typed);
      version = typed.version;
      if (first.ms < 2 * syntactic.latency.p50)
        result.typeAware.note =
          'the first lint after enabling typeAware was not slower than a syntactic one: type information may not be in use';
      log(
        `  type-aware: didChange → publishDiagnostics p50 ${formatNumber(typed.latency.p50, 1)} ms, p95 ${formatNumber(typed.latency.p95, 1)} ms (less the debounce: p95 ${formatNumber(typed.latencyAfterDebounce.p95, 1)}); ${typed.lintsReported.typed} of ${typed.lintsReported.lints} lints reported typed${result.typeAware.note ? ` (${result.typeAware.note})` : ''}`,
      );
      // The edit inserts a line after the anchor: code actions are asked for that line.
      const codeActions = await measureCodeActionsDuringLint(
        session,
        opened.uri,
        editor,
        version,
        codeActionTrials,
        editAnchorLine(text) + 1,
      );
      version = codeActions.version;
      delete codeActions.version;
      result.codeActionDuringLint = codeActions;
      log(
        `  type-aware: code actions during ${codeActions.trials} lints (start from ${codeActions.startFrom.join(', ')}; lint ${formatNumber(codeActions.lintMs.median, 0)} ms median): ${codeActions.inLint.count} sent while linting, response p50 ${formatNumber(codeActions.inLint.p50, 1)} / p95 ${formatNumber(codeActions.inLint.p95, 1)} / max ${formatNumber(codeActions.inLint.max, 1)} ms; the first of each lint: median ${formatNumber(codeActions.first.median, 1)} ms; ${codeActions.answeredBeforeDiagnostics} of ${codeActions.inLint.count} answered before that lint's diagnostics`,
      );
      const typedProject = await openProject(session, projectFiles, file);
      result.typeAware.project = {
        files: typedProject.files,
        openAllMs: typedProject.ms,
        memory: residentMemoryMb(session.child.pid),
      };
      log(
        `  type-aware: opened ${typedProject.files} more files in ${formatNumber(typedProject.ms / 1000, 1)} s; server RSS ${formatNumber(result.typeAware.project.memory.rssMb, 0)} MB (peak ${formatNumber(result.typeAware.project.memory.peakRssMb, 0)} MB)`,
      );
    }
  } catch (error) {
    result.error = String(error?.message ?? error);
    result.serverLogTail = session.serverLog.slice(-20).join('').slice(-3000);
    log(`  FAILED: ${result.error}`);
    if (result.serverLogTail) log(`  server log tail:\n${result.serverLogTail}`);
  } finally {
    await session.shutdown();
  }
  if (typeAwareDeclared) {
    log('  type-aware, fresh server: didOpen, then the first edit at once…');
    result.firstEdit = await measureFirstTypedEdit({ serverPath, corpus, file, text, editor, debounce });
    log(
      result.firstEdit.available
        ? `  type-aware, fresh server: first edit → its diagnostics ${formatNumber(result.firstEdit.firstEditMs, 0)} ms (didOpen → first diagnostics ${formatNumber(result.firstEdit.openToFirstDiagnosticsMs, 0)} ms; ${result.firstEdit.lintsReported.typed} of ${result.firstEdit.lintsReported.lints} lints reported typed)`
        : `  type-aware, fresh server: ${result.firstEdit.note}`,
    );
  }
  return result;
}
