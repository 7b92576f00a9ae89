import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { memberName, resolveVariable, skipWrappers } from '../async/ast.js';
import { askChecker } from '../checker-guard.js';

/** Where a binding comes from: a module and the name imported from it (`*` namespace, `default` default or whole `require`). */
export interface ModuleOrigin {
  source: string;
  imported: string;
}

/** `node:http` and `http` are the same module. */
export function normaliseModule(source: string): string {
  return source.startsWith('node:') ? source.slice('node:'.length) : source;
}

/**
 * The module a variable was imported or required from. Handles `import x from 'm'`, `import * as x`,
 * `import { a as x }`, `import x = require('m')`, `const x = require('m')`, `const x = require('m').default`,
 * `const { a: x } = require('m')`, and `const x = require('m').a`.
 */
export function moduleOrigin(variable: TSESLint.Scope.Variable | undefined): ModuleOrigin | undefined {
  const def = variable?.defs[0];
  if (!def) return undefined;
  if (def.type === 'ImportBinding') {
    const node = def.node;
    if (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      const reference = node.moduleReference;
      if (
        reference.type === AST_NODE_TYPES.TSExternalModuleReference &&
        reference.expression.type === AST_NODE_TYPES.Literal &&
        typeof reference.expression.value === 'string'
      ) {
        return { source: normaliseModule(reference.expression.value), imported: 'default' };
      }
      return undefined;
    }
    const declaration = def.parent;
    if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
    const source = normaliseModule(String(declaration.source.value));
    if (node.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return { source, imported: '*' };
    if (node.type === AST_NODE_TYPES.ImportDefaultSpecifier) return { source, imported: 'default' };
    if (node.type === AST_NODE_TYPES.ImportSpecifier) {
      const imported = node.imported;
      return { source, imported: imported.type === AST_NODE_TYPES.Identifier ? imported.name : String(imported.value) };
    }
    return undefined;
  }
  if (def.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init)
    return undefined;
  const required = requiredModule(def.node.init);
  if (!required) return undefined;
  const id = def.node.id;
  if (id.type === AST_NODE_TYPES.Identifier) return required;
  if (id.type === AST_NODE_TYPES.ObjectPattern && (required.imported === 'default' || required.imported === '*')) {
    for (const property of id.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.key.type !== AST_NODE_TYPES.Identifier) continue;
      const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      if (value.type === AST_NODE_TYPES.Identifier && value.name === def.name.name) {
        return { source: required.source, imported: property.key.name };
      }
    }
  }
  return undefined;
}

/** `require('m')` → { m, default }; `require('m').x` → { m, x } (`.default` stays `default`); `await import('m')` → { m, * }. */
function requiredModule(init: TSESTree.Expression): ModuleOrigin | undefined {
  const expression = skipWrappers(init);
  const direct = requireSource(expression);
  if (direct) return { source: direct, imported: 'default' };
  if (
    expression.type === AST_NODE_TYPES.AwaitExpression &&
    expression.argument.type === AST_NODE_TYPES.ImportExpression
  ) {
    const source = expression.argument.source;
    if (source.type === AST_NODE_TYPES.Literal && typeof source.value === 'string') {
      return { source: normaliseModule(source.value), imported: '*' };
    }
  }
  if (expression.type === AST_NODE_TYPES.MemberExpression) {
    const source = requireSource(skipWrappers(expression.object));
    const name = memberName(expression);
    if (source && name) return { source, imported: name };
  }
  return undefined;
}

function requireSource(node: TSESTree.Node): string | undefined {
  if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  if (node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'require') return undefined;
  const [first] = node.arguments;
  return first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string'
    ? normaliseModule(first.value)
    : undefined;
}

/** The origin of an identifier used in the file (undefined for locals, parameters and globals). */
export function identifierOrigin(
  sourceCode: Readonly<TSESLint.SourceCode>,
  identifier: TSESTree.Identifier,
): ModuleOrigin | undefined {
  return moduleOrigin(resolveVariable(sourceCode, identifier));
}

/** True when `identifier` names a global the file never declares (`fetch`, `process`, `window`). */
export function isUndeclaredGlobal(
  sourceCode: Readonly<TSESLint.SourceCode>,
  identifier: TSESTree.Identifier,
): boolean {
  const variable = resolveVariable(sourceCode, identifier);
  return !variable || variable.defs.length === 0;
}

/** A type checker for one file, or null without type information. Every checker call goes through `ask`. */
export interface Checker {
  checker: ts.TypeChecker;
  tsNode(node: TSESTree.Node): ts.Node | undefined;
  /**
   * Asks the checker one question about `node` through `askChecker`: a checker failure on legal code answers
   * `undefined` (the untyped answer), is reported once per rule, and never aborts the lint run.
   */
  ask<T>(node: TSESTree.Node, question: () => T): T | undefined;
}

export function getChecker(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): Checker | null {
  const services = context.sourceCode.parserServices;
  if (!services?.program || !services.esTreeNodeToTSNodeMap) return null;
  const map = services.esTreeNodeToTSNodeMap;
  const checker = services.program.getTypeChecker();
  return {
    checker,
    tsNode: (node) => map.get(node as never) as ts.Node | undefined,
    ask: (node, question) => askChecker(context, node, question),
  };
}

/**
 * The package that declares the symbol an expression refers to, following imports and re-exports:
 * `{ module: 'axios', name: 'default' }` for axios's default export however it was imported, `{ module: 'lib' }`
 * for TypeScript's own lib files (global `fetch`). Undefined when the checker does not know or the symbol is the
 * project's own code.
 */
export function declaringModule(types: Checker, node: TSESTree.Node): DeclaringModule | undefined {
  return types.ask(node, () => {
    const tsNode = types.tsNode(node);
    if (!tsNode) return undefined;
    const { checker } = types;
    let symbol = checker.getSymbolAtLocation(tsNode);
    if (!symbol) return undefined;
    // An alias (import, re-export) resolves to the exported symbol; 2097152 is ts.SymbolFlags.Alias.
    if (symbol.flags & 2097152) symbol = checker.getAliasedSymbol(symbol);
    const known = declaringModules.get(symbol);
    if (known !== undefined) return known ?? undefined;
    const found = symbolModule(checker, symbol);
    declaringModules.set(symbol, found ?? null);
    return found;
  });
}

export interface DeclaringModule {
  module: string;
  name: string;
}

/**
 * The answer of `symbolModule` per exported symbol (null: none). It depends only on the symbol's first
 * declaration and that declaration's file, which a symbol never outlives: an edited file is bound again into
 * new symbols, and symbols of released programs drop out of the weak map.
 */
const declaringModules = new WeakMap<ts.Symbol, DeclaringModule | null>();

function symbolModule(checker: ts.TypeChecker, symbol: ts.Symbol): DeclaringModule | undefined {
  const declaration = symbol.declarations?.[0];
  if (!declaration) return undefined;
  const fileName = declaration.getSourceFile().fileName.replace(/\\/g, '/');
  // The export's name is worked out only for a symbol of a package: the project's own symbols answer undefined.
  const name = (): string =>
    symbol.escapedName === 'export=' || isDefaultExport(declaration, symbol) ? 'default' : String(symbol.escapedName);
  // An ambient module (`declare module 'http' { … }`) names itself with a quoted symbol name: `"http"`.
  for (let current: ts.Node | undefined = declaration.parent; current; current = current.parent) {
    const moduleName = (current as { name?: ts.Node }).name;
    if (!moduleName || (current as { body?: unknown }).body === undefined) continue;
    const moduleSymbol = checker.getSymbolAtLocation(moduleName);
    const quoted = moduleSymbol && /^"(.+)"$/.exec(String(moduleSymbol.escapedName));
    if (quoted?.[1] && !quoted[1].startsWith('/')) return { module: normaliseModule(quoted[1]), name: name() };
  }
  const pkg = /\/node_modules\/(?:@types\/)?((?:@[^/]+\/)?[^/]+)\//.exec(fileName);
  if (pkg?.[1] === 'typescript' && /\/lib\/lib\.[^/]*\.d\.ts$/.test(fileName)) return { module: 'lib', name: name() };
  if (pkg?.[1]) return { module: pkg[1], name: name() };
  return undefined;
}

/** `declare const axios: AxiosStatic; export default axios;` — the variable is what the default export names. */
function isDefaultExport(declaration: ts.Declaration, symbol: ts.Symbol): boolean {
  if (symbol.escapedName === 'default') return true;
  const name = String(symbol.escapedName);
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return false;
  // The module that holds the declaration: a `declare module '…' { … }` block, or the whole file.
  let top: ts.Node = declaration;
  while (top.parent?.parent) top = top.parent;
  const text =
    top !== declaration && (top as { body?: unknown }).body !== undefined
      ? top.getText()
      : declaration.getSourceFile().text;
  return new RegExp(`export\\s+default\\s+${name}\\s*;|export\\s*=\\s*${name}\\s*;`).test(text);
}
