/**
 * Reads the `tripwire/*` rule settings of a workspace's `eslint.config.*` WITHOUT executing it.
 *
 * vscode-eslint imports the config file, which runs workspace code. Tripwire parses the file with the
 * bundled TypeScript-ESTree parser and reads only what is written literally: every object with a
 * `rules: { 'tripwire/<rule>': <literal> }` property, in source order, together with the literal
 * `files` / `ignores` globs of that same object. Values that are not literals (variables, calls,
 * spreads) cannot be known without running the file; they are skipped and listed in `unreadable`.
 * The file counts only when it registers the plugin, i.e. imports or requires `eslint-plugin-tripwire`.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from '@typescript-eslint/parser';
import { minimatch } from 'minimatch';
import { normalizeRuleSetting, type RuleSetting } from './settings.js';

export const CONFIG_FILE_NAMES = [
  'eslint.config.js',
  'eslint.config.mjs',
  'eslint.config.cjs',
  'eslint.config.ts',
  'eslint.config.mts',
  'eslint.config.cts',
];
const PLUGIN_PACKAGE = 'eslint-plugin-tripwire';
/** A config larger than this is not a hand-written flat config; it is not read. */
const MAX_CONFIG_BYTES = 512 * 1024;

export interface RuleBlock {
  files?: string[];
  ignores?: string[];
  /** By rule name without the `tripwire/` prefix. */
  rules: Record<string, RuleSetting>;
}

export interface WorkspaceConfig {
  configPath: string;
  /** The file imports or requires eslint-plugin-tripwire. */
  registersTripwire: boolean;
  /** It uses `configs['recommended-type-checked']` (CI runs the typed rules). */
  usesTypeChecked: boolean;
  /** It enables at least one tripwire rule (a preset, or a literal entry that is not "off"). */
  enablesTripwireRules: boolean;
  blocks: RuleBlock[];
  /** `tripwire/*` keys whose value is not a literal (cannot be read without running the file). */
  unreadable: string[];
  /** Why the file could not be read at all (parse error, too large). */
  error?: string;
}

interface AstNode {
  type: string;
  [key: string]: unknown;
}

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function forEachChild(node: AstNode, visit: (child: AstNode) => void): void {
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent' || key === 'loc' || key === 'range') continue;
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) visit(item);
    } else if (isNode(value)) visit(value);
  }
}

const NOT_LITERAL = Symbol('not a literal');

/** The JSON value an expression spells out literally, or NOT_LITERAL. */
function literalValue(node: AstNode | null | undefined): unknown {
  if (!node) return NOT_LITERAL;
  switch (node.type) {
    case 'Literal':
      return node['regex'] ? NOT_LITERAL : node['value'];
    case 'TemplateLiteral': {
      const quasis = node['quasis'] as AstNode[];
      return (node['expressions'] as unknown[]).length === 0 && quasis.length === 1
        ? (quasis[0]!['value'] as { cooked: string }).cooked
        : NOT_LITERAL;
    }
    case 'UnaryExpression': {
      const argument = literalValue(node['argument'] as AstNode);
      return node['operator'] === '-' && typeof argument === 'number' ? -argument : NOT_LITERAL;
    }
    case 'ArrayExpression': {
      const items: unknown[] = [];
      for (const element of node['elements'] as (AstNode | null)[]) {
        const value = literalValue(element);
        if (value === NOT_LITERAL) return NOT_LITERAL;
        items.push(value);
      }
      return items;
    }
    case 'ObjectExpression': {
      const result: Record<string, unknown> = {};
      for (const property of node['properties'] as AstNode[]) {
        if (property.type !== 'Property' || property['computed']) return NOT_LITERAL;
        const key = propertyName(property);
        const value = literalValue(property['value'] as AstNode);
        if (key === undefined || value === NOT_LITERAL) return NOT_LITERAL;
        result[key] = value;
      }
      return result;
    }
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
      return literalValue(node['expression'] as AstNode);
    default:
      return NOT_LITERAL;
  }
}

function propertyName(property: AstNode): string | undefined {
  const key = property['key'] as AstNode;
  if (key.type === 'Identifier' && !property['computed']) return key['name'] as string;
  if (key.type === 'Literal' && (typeof key['value'] === 'string' || typeof key['value'] === 'number'))
    return String(key['value']);
  return undefined;
}

function stringList(node: AstNode | undefined): string[] | undefined {
  const value = literalValue(node);
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  return undefined;
}

/** Parses `text` (the content of `configPath`) and extracts what Tripwire may use. Pure: reads nothing else. */
export function readWorkspaceConfigText(configPath: string, text: string): WorkspaceConfig {
  const config: WorkspaceConfig = {
    configPath,
    registersTripwire: false,
    usesTypeChecked: false,
    enablesTripwireRules: false,
    blocks: [],
    unreadable: [],
  };
  let program: AstNode;
  try {
    program = parse(text, {
      range: false,
      loc: false,
      comment: false,
      jsx: false,
      sourceType: 'module',
      ecmaVersion: 'latest',
    }) as unknown as AstNode;
  } catch (error) {
    config.error = `cannot parse ${path.basename(configPath)}: ${error instanceof Error ? error.message : String(error)}`;
    return config;
  }
  let usesPreset = false;
  const visit = (node: AstNode): void => {
    if (node.type === 'ImportDeclaration' && literalValue(node['source'] as AstNode) === PLUGIN_PACKAGE)
      config.registersTripwire = true;
    if (node.type === 'ImportExpression' && literalValue(node['source'] as AstNode) === PLUGIN_PACKAGE)
      config.registersTripwire = true;
    if (node.type === 'CallExpression') {
      const callee = node['callee'] as AstNode;
      const [first] = node['arguments'] as AstNode[];
      if (callee.type === 'Identifier' && callee['name'] === 'require' && literalValue(first) === PLUGIN_PACKAGE)
        config.registersTripwire = true;
    }
    if (node.type === 'MemberExpression') {
      const object = node['object'] as AstNode;
      const member = node['computed']
        ? literalValue(node['property'] as AstNode)
        : (node['property'] as AstNode)['name'];
      if (
        object.type === 'MemberExpression' &&
        !object['computed'] &&
        (object['property'] as AstNode)['name'] === 'configs'
      ) {
        if (member === 'recommended-type-checked') {
          config.usesTypeChecked = true;
          usesPreset = true;
        } else if (member === 'recommended') usesPreset = true;
      }
    }
    if (node.type === 'ObjectExpression') readBlock(node, config);
    forEachChild(node, visit);
  };
  visit(program);
  config.enablesTripwireRules =
    config.registersTripwire &&
    (usesPreset ||
      config.blocks.some((block) =>
        Object.values(block.rules).some((setting) => (typeof setting === 'string' ? setting : setting[0]) !== 'off'),
      ));
  return config;
}

function readBlock(objectNode: AstNode, config: WorkspaceConfig): void {
  const properties = (objectNode['properties'] as AstNode[]).filter((property) => property.type === 'Property');
  const rulesProperty = properties.find((property) => propertyName(property) === 'rules');
  if (!rulesProperty || (rulesProperty['value'] as AstNode).type !== 'ObjectExpression') return;
  const rules: Record<string, RuleSetting> = {};
  for (const entry of (rulesProperty['value'] as AstNode)['properties'] as AstNode[]) {
    if (entry.type !== 'Property') continue;
    const key = propertyName(entry);
    if (key === undefined || !key.startsWith('tripwire/')) continue;
    const setting = normalizeRuleSetting(literalValue(entry['value'] as AstNode));
    if (setting === undefined) config.unreadable.push(key);
    else rules[key.slice('tripwire/'.length)] = setting;
  }
  if (Object.keys(rules).length === 0) return;
  const block: RuleBlock = { rules };
  const filesProperty = properties.find((property) => propertyName(property) === 'files');
  const ignoresProperty = properties.find((property) => propertyName(property) === 'ignores');
  if (filesProperty) {
    const files = stringList(filesProperty['value'] as AstNode);
    // `files` we cannot read: we cannot tell where the block applies, so we do not apply it.
    if (files === undefined) {
      config.unreadable.push(...Object.keys(rules).map((name) => `tripwire/${name}`));
      return;
    }
    block.files = files;
  }
  if (ignoresProperty) {
    const ignores = stringList(ignoresProperty['value'] as AstNode);
    if (ignores !== undefined) block.ignores = ignores;
  }
  config.blocks.push(block);
}

function matchesAny(relativePath: string, globs: readonly string[]): boolean {
  return globs.some((glob) => minimatch(relativePath, glob, { dot: true, matchBase: !glob.includes('/') }));
}

/** The rule settings the config gives `filePath` (later blocks override earlier ones, as in ESLint). */
export function rulesForFile(config: WorkspaceConfig, filePath: string): Record<string, RuleSetting> {
  if (!config.registersTripwire) return {};
  const relativePath = path.relative(path.dirname(config.configPath), filePath).split(path.sep).join('/');
  const rules: Record<string, RuleSetting> = {};
  for (const block of config.blocks) {
    if (block.files && !matchesAny(relativePath, block.files)) continue;
    if (block.ignores && matchesAny(relativePath, block.ignores)) continue;
    Object.assign(rules, block.rules);
  }
  return rules;
}

/** Finds and reads (statically) the nearest eslint.config.* above files, with a cache keyed by path and mtime. */
export class WorkspaceConfigReader {
  readonly #byDirectory = new Map<string, string | null>();
  readonly #byPath = new Map<string, { mtimeMs: number; size: number; config: WorkspaceConfig }>();

  /** The nearest config file from `filePath`'s folder up to `stopAt` (inclusive), if any. */
  findConfigFile(filePath: string, stopAt: string | undefined): string | undefined {
    let directory = path.dirname(filePath);
    const visited: string[] = [];
    let found: string | null = null;
    for (;;) {
      const cached = this.#byDirectory.get(directory);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      visited.push(directory);
      const hit = CONFIG_FILE_NAMES.map((name) => path.join(directory, name)).find((candidate) => {
        try {
          return statSync(candidate).isFile();
        } catch {
          return false;
        }
      });
      if (hit) {
        found = hit;
        break;
      }
      const parent = path.dirname(directory);
      if (parent === directory || (stopAt !== undefined && path.resolve(directory) === path.resolve(stopAt))) break;
      directory = parent;
    }
    for (const seen of visited) this.#byDirectory.set(seen, found);
    return found ?? undefined;
  }

  read(configPath: string): WorkspaceConfig {
    let stats;
    try {
      stats = statSync(configPath);
    } catch (error) {
      return {
        configPath,
        registersTripwire: false,
        usesTypeChecked: false,
        enablesTripwireRules: false,
        blocks: [],
        unreadable: [],
        error: `cannot read ${configPath}: ${String(error)}`,
      };
    }
    const cached = this.#byPath.get(configPath);
    if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) return cached.config;
    const config =
      stats.size > MAX_CONFIG_BYTES
        ? {
            configPath,
            registersTripwire: false,
            usesTypeChecked: false,
            enablesTripwireRules: false,
            blocks: [],
            unreadable: [],
            error: `${path.basename(configPath)} is larger than ${MAX_CONFIG_BYTES} bytes; not read`,
          }
        : readWorkspaceConfigText(configPath, readFileSync(configPath, 'utf8'));
    this.#byPath.set(configPath, { mtimeMs: stats.mtimeMs, size: stats.size, config });
    return config;
  }

  /** Forget where config files are (a config file was created or deleted). */
  invalidate(): void {
    this.#byDirectory.clear();
    this.#byPath.clear();
  }
}
