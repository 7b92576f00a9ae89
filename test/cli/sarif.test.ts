import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import plugin from '../../rules/src/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const eslintBin = path.join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js');
const fixture = path.join(repoRoot, 'test', 'cli', 'fixtures', 'sarif');
const multitoolDir = path.join(repoRoot, 'node_modules', '@microsoft', 'sarif-multitool-linux');
const multitool = path.join(multitoolDir, 'Sarif.Multitool');
const schemaFile = path.join(multitoolDir, 'sarif-2.1.0.json');
const tripwireSarif = path.join(repoRoot, 'rules', 'dist', 'sarif.js');

interface JsonMessage {
  ruleId: string | null;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
}
interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  suppressedMessages: JsonMessage[];
}
interface Region {
  startLine: number;
  startColumn: number;
  endLine?: number;
  endColumn?: number;
}
interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
  index?: number;
}
interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: ArtifactLocation; region: Region } }>;
  suppressions?: Array<{ kind: string; justification?: string }>;
}
interface SarifRule {
  id: string;
  helpUri?: string;
  shortDescription?: { text: string };
  fullDescription?: { text: string };
  help?: { text: string };
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; rules: SarifRule[] } };
    artifacts?: unknown[];
    originalUriBaseIds?: Record<string, { uri: string }>;
    results: SarifResult[];
  }>;
}
interface Finding {
  rule: string;
  level: string;
  id: string;
}

let work: string;

function eslint(args: string[]): string {
  const result = spawnSync(process.execPath, [eslintBin, ...args], { cwd: fixture, encoding: 'utf8' });
  assert.equal(result.status, 1, `eslint exits 1 on findings\n${result.stderr}`);
  return result.stdout;
}

function lintTo(formatter: string, name: string): SarifLog {
  const out = path.join(work, name);
  eslint(['-f', formatter, '-o', out, 'src']);
  return JSON.parse(readFileSync(out, 'utf8')) as SarifLog;
}

/** Runs the SARIF multitool's validator and returns its error and warning findings (notes left out). */
function validate(file: string, ruleKinds: string): Finding[] {
  const out = `${file}.validation.sarif`;
  const run = spawnSync(
    multitool,
    ['validate', file, '-o', out, '--log', 'ForceOverwrite', '--rule-kind', ruleKinds, '--level', 'Error;Warning'],
    {
      encoding: 'utf8',
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
    },
  );
  assert.equal(run.status, 0, `the validator ran\n${run.stdout}\n${run.stderr}`);
  const log = JSON.parse(readFileSync(out, 'utf8')) as {
    runs: Array<{ results?: Array<{ ruleId: string; level?: string; message: { id: string } }> }>;
  };
  return (log.runs[0]?.results ?? [])
    .map((r) => ({ rule: r.ruleId, level: r.level ?? 'warning', id: r.message.id }))
    .filter((f) => f.level === 'error' || f.level === 'warning');
}

/** The SARIF 2.1.0 schema the multitool package ships, compiled with the ajv 8 that ajv-formats (a dev dependency) depends on. */
function schemaValidator(): (log: unknown) => string[] {
  const fromFormats = createRequire(createRequire(import.meta.url).resolve('ajv-formats'));
  const Ajv2020 = (
    fromFormats('ajv/dist/2020') as {
      default: new (o: object) => {
        compile(s: unknown): {
          (d: unknown): boolean;
          errors?: Array<{ instancePath: string; message?: string }> | null;
        };
      };
    }
  ).default;
  const addFormats = (fromFormats('ajv-formats') as { default: (ajv: unknown) => void }).default;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const check = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
  return (log) => (check(log) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}

function jsonFindings(): JsonResult[] {
  return JSON.parse(eslint(['-f', 'json', 'src'])) as JsonResult[];
}

function key(
  file: string,
  m: { ruleId: string | null; line: number; column: number; endLine?: number; endColumn?: number },
): string {
  return `${file}:${m.ruleId}:${m.line}:${m.column}:${m.endLine}:${m.endColumn}`;
}

function sarifKeys(log: SarifLog, toFile: (location: ArtifactLocation) => string): string[] {
  return log.runs[0]!.results.map((r) => {
    const { artifactLocation, region } = r.locations[0]!.physicalLocation;
    return key(toFile(artifactLocation), {
      ruleId: r.ruleId,
      line: region.startLine,
      column: region.startColumn,
      endLine: region.endLine,
      endColumn: region.endColumn,
    });
  }).sort();
}

function assertRuleMetadata(log: SarifLog): void {
  const rules = log.runs[0]!.tool.driver.rules;
  assert.ok(rules.length >= 2, 'the fixture reports several Tripwire rules');
  for (const rule of rules) {
    const name = rule.id.replace(/^tripwire\//, '');
    const meta = plugin.rules[name as keyof typeof plugin.rules]?.meta;
    assert.ok(meta, `${rule.id} is a Tripwire rule`);
    assert.equal(rule.helpUri, meta.docs?.url);
    assert.equal(rule.shortDescription?.text, meta.docs?.description);
  }
}

before(() => {
  const scratch = path.join(repoRoot, '.cache', 'cli-tests');
  mkdirSync(scratch, { recursive: true });
  work = mkdtempSync(path.join(scratch, 'sarif-'));
});
after(() => rmSync(work, { recursive: true, force: true }));

describe('@microsoft/eslint-formatter-sarif on ESLint 10 with Tripwire', () => {
  let log: SarifLog;
  let json: JsonResult[];
  before(() => {
    log = lintTo('@microsoft/eslint-formatter-sarif', 'microsoft.sarif');
    json = jsonFindings();
  });

  it("is valid against the SARIF 2.1.0 schema; the validator objects to its $schema URL, and GitHub's rules to the missing fullDescription and help", () => {
    assert.deepEqual(schemaValidator()(log), []);
    const errors = validate(path.join(work, 'microsoft.sarif'), 'Sarif;Gh').filter((f) => f.level === 'error');
    assert.deepEqual([...new Set(errors.map((f) => f.rule))].sort(), ['GH1011', 'GH2012', 'SARIF1011']);
    assert.equal(log.$schema, 'http://json.schemastore.org/sarif-2.1.0-rtm.5');
  });

  it("takes each rule's helpUri and short description from its meta.docs", () => assertRuleMetadata(log));

  it("puts every finding, suppressed ones included, at the JSON formatter's locations, with absolute file URIs", () => {
    const expected = json
      .flatMap((r) => [...r.messages, ...r.suppressedMessages].map((m) => key(r.filePath, m)))
      .sort();
    assert.deepEqual(
      sarifKeys(log, (l) => fileURLToPath(l.uri)),
      expected,
    );
    for (const r of log.runs[0]!.results)
      assert.match(r.locations[0]!.physicalLocation.artifactLocation.uri, /^file:\/\/\//);
  });

  it("writes an eslint-disable'd finding as a result with an inSource suppression", () => {
    const suppressed = log.runs[0]!.results.filter((r) => (r.suppressions ?? []).length > 0);
    assert.deepEqual(
      suppressed.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.region.startLine, r.suppressions![0]!.kind]),
      [['tripwire/no-unguarded-json-parse', 9, 'inSource']],
    );
    assert.match(suppressed[0]!.suppressions![0]!.justification ?? '', /legacy file is written by this program/);
  });
});

describe('eslint-plugin-tripwire/dist/sarif.js (the Microsoft formatter adapted for code scanning)', () => {
  let log: SarifLog;
  let json: JsonResult[];
  before(() => {
    log = lintTo(tripwireSarif, 'tripwire.sarif');
    json = jsonFindings();
  });

  it('passes the validator with the SARIF and GitHub rules: no error, no warning', () => {
    assert.deepEqual(validate(path.join(work, 'tripwire.sarif'), 'Sarif;Gh'), []);
    assert.deepEqual(schemaValidator()(log), []);
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
  });

  it("keeps each rule's helpUri and short description, and adds fullDescription and help", () => {
    assertRuleMetadata(log);
    for (const rule of log.runs[0]!.tool.driver.rules) {
      assert.equal(rule.fullDescription?.text, rule.shortDescription?.text);
      assert.ok(rule.help?.text.includes(rule.helpUri ?? '\u0000'), `${rule.id}: help links the rule page`);
    }
  });

  it("leaves eslint-disable'd findings out and puts the others at the JSON formatter's locations, relative to the repository", () => {
    const root = log.runs[0]!.originalUriBaseIds?.['%SRCROOT%']?.uri;
    assert.equal(root, `${pathToFileURL(repoRoot).href}/`);
    const expected = json.flatMap((r) => r.messages.map((m) => key(r.filePath, m))).sort();
    assert.deepEqual(
      sarifKeys(log, (l) => {
        assert.equal(l.uriBaseId, '%SRCROOT%');
        assert.doesNotMatch(l.uri, /^file:/);
        return fileURLToPath(new URL(l.uri, root));
      }),
      expected,
    );
    assert.ok(log.runs[0]!.results.every((r) => r.suppressions === undefined));
    assert.ok(
      log.runs[0]!.results.some(
        (r) => r.locations[0]!.physicalLocation.artifactLocation.uri === 'test/cli/fixtures/sarif/src/jobs.ts',
      ),
    );
    assert.equal(log.runs[0]!.artifacts, undefined);
  });
});
