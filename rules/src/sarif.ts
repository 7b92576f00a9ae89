/**
 * An ESLint formatter for GitHub code scanning: it runs `@microsoft/eslint-formatter-sarif` and
 * adjusts the log it writes where code scanning needs something else.
 *
 * - `$schema` names the final SARIF 2.1.0 schema (the Microsoft formatter names a release
 *   candidate, which the SARIF validator reports as SARIF1011).
 * - Results silenced with `eslint-disable` comments are left out. Code scanning does not read
 *   SARIF `suppressions` by default, so it would open an alert for every one of them.
 * - Artifact URIs are relative to the repository root (the nearest folder above the working
 *   directory that holds `.git`) with `uriBaseId: "%SRCROOT%"`, instead of absolute `file:///`
 *   paths that differ between machines.
 * - Every rule carries `fullDescription` and `help`, which code scanning requires (GH2012).
 * - The `artifacts` array, which only repeated the locations, is left out (SARIF2004).
 *
 * Use: `eslint -f ./node_modules/eslint-plugin-tripwire/dist/sarif.js -o eslint.sarif .`
 * (with `@microsoft/eslint-formatter-sarif` installed next to the plugin).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ESLint } from 'eslint';

/** The schema URL the SARIF validator accepts as the final 2.1.0 schema. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The base id relative artifact URIs are given; it maps to the repository root. */
export const SRCROOT = '%SRCROOT%';

type MicrosoftFormatter = (results: ESLint.LintResult[], data?: ESLint.LintResultData) => string;

interface ArtifactLocation {
  uri?: string;
  uriBaseId?: string;
  index?: number;
}
interface SarifLocation {
  physicalLocation?: { artifactLocation?: ArtifactLocation };
}
interface SarifRule {
  id: string;
  helpUri?: string;
  shortDescription?: { text: string };
  fullDescription?: { text: string };
  help?: { text: string; markdown?: string };
}
interface SarifRun {
  tool: { driver: { rules?: SarifRule[] } };
  artifacts?: unknown[];
  originalUriBaseIds?: Record<string, { uri: string }>;
  results?: Array<{ locations?: SarifLocation[] }>;
  invocations?: Array<{ toolConfigurationNotifications?: Array<{ locations?: SarifLocation[] }> }>;
}
interface SarifLog {
  $schema?: string;
  version: string;
  runs: SarifRun[];
}

function isSarifLog(value: unknown): value is SarifLog {
  if (typeof value !== 'object' || value === null) return false;
  const { version, runs } = value as { version?: unknown; runs?: unknown };
  return (
    version === '2.1.0' &&
    Array.isArray(runs) &&
    runs.every((run: unknown) => typeof run === 'object' && run !== null && 'tool' in run)
  );
}

/** The nearest folder at or above `start` that holds `.git`; `start` when there is none. */
export function repositoryRoot(start: string): string {
  for (let dir = path.resolve(start); ;) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(start);
    dir = parent;
  }
}

function relativize(location: ArtifactLocation | undefined, root: string): void {
  if (!location?.uri) return;
  delete location.index;
  if (!location.uri.startsWith('file:')) return;
  const file = fileURLToPath(location.uri);
  const relative = path.relative(root, file);
  // A file outside the repository keeps its absolute URI: no base id can name it.
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return;
  location.uri = relative.split(path.sep).map(encodeURIComponent).join('/');
  location.uriBaseId = SRCROOT;
}

/** Adjusts a log written by `@microsoft/eslint-formatter-sarif` for code scanning (see the module comment). */
export function adaptForCodeScanning(log: SarifLog, root: string): SarifLog {
  log.$schema = SARIF_SCHEMA;
  for (const run of log.runs) {
    delete run.artifacts;
    const locations: SarifLocation[] = [];
    for (const result of run.results ?? []) locations.push(...(result.locations ?? []));
    for (const invocation of run.invocations ?? []) {
      for (const notification of invocation.toolConfigurationNotifications ?? [])
        locations.push(...(notification.locations ?? []));
    }
    for (const location of locations) relativize(location.physicalLocation?.artifactLocation, root);
    run.originalUriBaseIds = { [SRCROOT]: { uri: `${pathToFileURL(root).href.replace(/\/?$/, '/')}` } };
    for (const rule of run.tool.driver.rules ?? []) {
      const description = rule.shortDescription?.text ?? rule.id;
      rule.shortDescription ??= { text: description };
      rule.fullDescription ??= { text: description };
      rule.help ??= rule.helpUri
        ? {
            text: `${description}\n\nDocumentation: ${rule.helpUri}`,
            markdown: `${description}\n\n[Documentation](${rule.helpUri})`,
          }
        : { text: description };
    }
  }
  return log;
}

const require = createRequire(import.meta.url);

/** The ESLint formatter: `@microsoft/eslint-formatter-sarif`'s log, adapted for code scanning. */
export default function formatSarif(results: ESLint.LintResult[], data?: ESLint.LintResultData): string {
  const microsoft = require('@microsoft/eslint-formatter-sarif') as MicrosoftFormatter;
  const unsuppressed = results.map((result) => ({ ...result, suppressedMessages: [] }));
  const log: unknown = JSON.parse(microsoft(unsuppressed, data));
  if (!isSarifLog(log)) throw new Error('@microsoft/eslint-formatter-sarif did not write a SARIF 2.1.0 log');
  return JSON.stringify(adaptForCodeScanning(log, repositoryRoot(data?.cwd ?? process.cwd())), null, 2);
}
