import assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { activeExtension, closeAllEditors, sleep, waitFor, workspaceRoot } from './helpers.js';

/** Files under `folder` (relative, forward slashes) whose path matches `pattern`. */
async function filesMatching(folder: string, pattern: RegExp): Promise<string[]> {
  const found = await vscode.workspace.findFiles(new vscode.RelativePattern(workspaceRoot(), `${folder}/**/*`));
  return found.map((uri) => vscode.workspace.asRelativePath(uri, false)).filter((relative) => pattern.test(relative));
}

/**
 * Runs a "Tripwire: Generate …" command the way a person does: the command asks for a folder in an input
 * box (prefilled), and the test accepts the suggested value.
 */
async function runWithDefaultInput(command: string): Promise<void> {
  const running = vscode.commands.executeCommand(command);
  for (let attempt = 0; attempt < 20; attempt++) {
    await sleep(300);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const settled = await Promise.race([
      running.then(
        () => true,
        () => true,
      ),
      sleep(200).then(() => false),
    ]);
    if (settled) break;
  }
  await running;
}

describe('scaffold commands create their files', () => {
  before(async () => {
    await activeExtension();
    await closeAllEditors();
  });

  // [command, the file name the generated module gets, the public API the module must declare]
  for (const [command, generator, api] of [
    ['tripwire.generateErrgroup', 'errgroup', ['class ErrGroup', 'function mapWithLimit']],
    ['tripwire.generateSingleflight', 'singleflight', ['class SingleFlight']],
    ['tripwire.generateRetry', 'retry', ['interface RetryOptions', 'function retry']],
    ['tripwire.generateCircuitBreaker', 'circuit-breaker', ['class CircuitBreaker', 'class BreakerOpenError']],
    ['tripwire.generateRateLimiter', 'rate-limiter', ['class RateLimiter']],
    ['tripwire.generateTimeout', 'timeout', ['function withTimeout', 'class TimeoutError']],
  ] as const) {
    it(`${command} writes the ${generator} module into src/common`, async () => {
      assert.deepEqual(await filesMatching('src/common', new RegExp(generator, 'i')), [], 'nothing there before');
      await runWithDefaultInput(command);
      const created = await waitFor(`src/common/*${generator}*`, async () => {
        const files = await filesMatching('src/common', new RegExp(generator, 'i'));
        return files.length > 0 ? files : undefined;
      });
      // The command saves what it generated: the module is on disk, not only in an editor buffer.
      const text = await waitFor(`${created[0]} to hold the ${generator} code on disk`, async () => {
        const content = new TextDecoder().decode(
          await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceRoot(), created[0] ?? '')),
        );
        return /\bexport\b/.test(content) ? content : undefined;
      });
      for (const declaration of api) {
        const [kind, name] = declaration.split(' ');
        assert.match(
          text,
          new RegExp(`^export (async )?${kind} ${name}\\b`, 'm'),
          `${created[0]} declares ${declaration}`,
        );
      }
    });
  }

  it('tripwire.scaffold (layered module) writes handler, service, common, dao and model files', async () => {
    await vscode.commands.executeCommand('tripwire.scaffold', {
      generator: 'layer',
      directory: 'src/modules',
      workspaceRoot: workspaceRoot().fsPath,
      positionals: ['invoice'],
    });
    const created = await waitFor('the layered module files', async () => {
      const files = await filesMatching('src/modules', /invoice/i);
      return files.length >= 5 ? files : undefined;
    });
    for (const layer of ['handler', 'service', 'common', 'dao', 'model']) {
      assert.ok(
        created.some((file) => file.includes(layer)),
        `a ${layer} file among ${created.join(', ')}`,
      );
    }
  });
});
