import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  calleeName,
  findVariable,
  isFunctionNode,
  memberPropertyName,
  skipTransparentWrappers,
  type FunctionNode,
} from './ast.js';

/** Names of recursive-merge helpers. */
const MERGE_NAME = /^(deep[A-Z_]?\w*|\w*Deep|\w*[Mm]erge\w*|extend|assignIn|defaultsDeep|mixin)$/;
/** A name that by itself promises recursion. */
const DEEP_NAME = /deep|Deep|recursive|Recursive/;
/** Packages whose merges skip `__proto__`/`constructor` (lodash since 4.17.12, deepmerge, defu, jQuery 3.4+…). */
const SAFE_MERGE_PACKAGES =
  /^(lodash(\.\w+)?(\/.*)?|lodash-es(\/.*)?|deepmerge|ts-deepmerge|@fastify\/deepmerge|defu|merge-anything|deepmerge-ts|jquery|ramda|es-toolkit(\/.*)?|remeda|immer|webpack-merge)$/;
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A recursive merge of parsed JSON with no prototype-key guard. */
export interface UnguardedMerge {
  /** The call or loop that performs the merge. */
  node: TSESTree.Node;
  /** The merge target's text, for the message. */
  target: string;
}

/** True when a subtree mentions `'__proto__'`, `'constructor'` or `'prototype'` as a string, or makes a null-prototype object. */
function hasPrototypeGuard(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  const text = sourceCode.getText(node);
  if (
    !/__proto__|constructor|prototype|Object\.create\(null\)|hasOwn|isPlainObject|isSafeKey|isUnsafe|UNSAFE|FORBIDDEN|BLOCKED|blocked|forbidden|unsafe/.test(
      text,
    )
  ) {
    return false;
  }
  // A textual hit is enough: a merge that names these keys at all is treating them specially.
  return (
    [...PROTOTYPE_KEYS].some(
      (key) => text.includes(`'${key}'`) || text.includes(`"${key}"`) || text.includes(`\`${key}\``),
    ) || /Object\.create\(null\)|isSafeKey|isUnsafe|UNSAFE|FORBIDDEN|BLOCKED|blocked|forbidden|unsafe/.test(text)
  );
}

/** True when a function body walks an object's keys (`for…in`, `Object.keys/entries`) and writes through computed keys. */
function walksKeysAndWrites(fn: FunctionNode): boolean {
  let walks = false;
  let writes = false;
  const visit = (node: TSESTree.Node): void => {
    if (walks && writes) return;
    if (node.type === AST_NODE_TYPES.ForInStatement) walks = true;
    if (
      node.type === AST_NODE_TYPES.CallExpression &&
      node.callee.type === AST_NODE_TYPES.MemberExpression &&
      node.callee.object.type === AST_NODE_TYPES.Identifier &&
      node.callee.object.name === 'Object' &&
      /^(keys|entries|getOwnPropertyNames)$/.test(memberPropertyName(node.callee) ?? '')
    ) {
      walks = true;
    }
    if (
      node.type === AST_NODE_TYPES.AssignmentExpression &&
      node.left.type === AST_NODE_TYPES.MemberExpression &&
      node.left.computed
    ) {
      writes = true;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent') continue;
      const children: unknown[] = Array.isArray(value) ? value : [value];
      for (const child of children) {
        if (child && typeof child === 'object' && typeof (child as { type?: unknown }).type === 'string')
          visit(child as TSESTree.Node);
      }
    }
  };
  visit(fn.body);
  return walks && writes;
}

/** True when a function calls itself by name. */
function callsItself(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode, name: TSESTree.Identifier): boolean {
  const variable = findVariable(sourceCode, name);
  return (
    variable?.references.some(
      (reference) =>
        reference.identifier.range[0] >= fn.range[0] &&
        reference.identifier.range[1] <= fn.range[1] &&
        reference.identifier.parent.type === AST_NODE_TYPES.CallExpression,
    ) ?? false
  );
}

/** Decides whether a call merges its later arguments recursively without a prototype guard. */
function isUnguardedMergeCall(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): boolean {
  const name = calleeName(call);
  if (!name || !MERGE_NAME.test(name)) return false;
  const callee = skipTransparentWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    // `Object.assign` is shallow; library namespaces (`_.merge`, `R.mergeDeepRight`) are checked by their import.
    const object = skipTransparentWrappers(callee.object);
    if (object.type !== AST_NODE_TYPES.Identifier) return false;
    if (object.name === 'Object' || object.name === 'Reflect') return false;
    const namespace = findVariable(sourceCode, object);
    const definition = namespace?.defs[0];
    if (!definition) return false;
    if (definition.type === 'ImportBinding') {
      const source = definition.parent.type === AST_NODE_TYPES.ImportDeclaration ? definition.parent.source.value : '';
      return !SAFE_MERGE_PACKAGES.test(source) && source.startsWith('.') && DEEP_NAME.test(name);
    }
    return false;
  }
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode, callee);
  const definition = variable?.defs[0];
  if (!definition) return DEEP_NAME.test(name);
  if (definition.type === 'ImportBinding') {
    const source = definition.parent.type === AST_NODE_TYPES.ImportDeclaration ? definition.parent.source.value : '';
    return !SAFE_MERGE_PACKAGES.test(source) && source.startsWith('.') && DEEP_NAME.test(name);
  }
  if (definition.type === 'Variable' && definition.node.init?.type === AST_NODE_TYPES.CallExpression) {
    // `const merge = require('lodash.merge')`
    const init = definition.node.init;
    const required = init.arguments[0];
    if (
      calleeName(init) === 'require' &&
      required?.type === AST_NODE_TYPES.Literal &&
      typeof required.value === 'string'
    ) {
      return !SAFE_MERGE_PACKAGES.test(required.value) && required.value.startsWith('.') && DEEP_NAME.test(name);
    }
    return false;
  }
  const fnNode =
    definition.type === 'FunctionName'
      ? definition.node
      : definition.type === 'Variable' && definition.node.init && isFunctionNode(definition.node.init)
        ? definition.node.init
        : undefined;
  if (!fnNode || !isFunctionNode(fnNode)) return false;
  if (hasPrototypeGuard(sourceCode, fnNode.body)) return false;
  return walksKeysAndWrites(fnNode) && callsItself(sourceCode, fnNode, callee);
}

/**
 * Finds a recursive merge that receives `value` (an expression holding parsed JSON) as a source: a merge helper's
 * non-first argument, or a hand-written `for…in`/`Object.keys` loop over it that recurses into nested values.
 */
export function findUnguardedMerge(
  sourceCode: Readonly<TSESLint.SourceCode>,
  value: TSESTree.Node,
): UnguardedMerge | undefined {
  const parent = value.parent;
  if (!parent) return undefined;
  if (
    parent.type === AST_NODE_TYPES.CallExpression &&
    parent.arguments.indexOf(value as TSESTree.CallExpressionArgument) >= 1
  ) {
    if (isUnguardedMergeCall(sourceCode, parent)) {
      const target = parent.arguments[0];
      return { node: parent, target: target ? sourceCode.getText(target) : 'the target' };
    }
  }
  // for (const key in parsed) { ... target[key] = merge(target[key], parsed[key]) ... }
  if (parent.type === AST_NODE_TYPES.ForInStatement && parent.right === value) {
    return loopMerge(sourceCode, parent, parent.body);
  }
  if (
    parent.type === AST_NODE_TYPES.CallExpression &&
    parent.arguments[0] === value &&
    parent.callee.type === AST_NODE_TYPES.MemberExpression &&
    parent.callee.object.type === AST_NODE_TYPES.Identifier &&
    parent.callee.object.name === 'Object' &&
    /^(keys|entries)$/.test(memberPropertyName(parent.callee) ?? '')
  ) {
    const loop = parent.parent;
    if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.right === parent)
      return loopMerge(sourceCode, loop, loop.body);
  }
  return undefined;
}

/** A key loop over parsed JSON that writes `target[key]` and recurses into nested values, with no prototype guard. */
function loopMerge(
  sourceCode: Readonly<TSESLint.SourceCode>,
  loop: TSESTree.ForInStatement | TSESTree.ForOfStatement,
  body: TSESTree.Statement,
): UnguardedMerge | undefined {
  if (hasPrototypeGuard(sourceCode, body)) return undefined;
  let target: TSESTree.Node | undefined;
  let recurses = false;
  const visit = (node: TSESTree.Node): void => {
    if (
      node.type === AST_NODE_TYPES.AssignmentExpression &&
      node.left.type === AST_NODE_TYPES.MemberExpression &&
      node.left.computed
    ) {
      target ??= node.left.object;
    }
    if (
      node.type === AST_NODE_TYPES.CallExpression &&
      MERGE_NAME.test(calleeName(node) ?? '') &&
      calleeName(node) !== 'assign'
    )
      recurses = true;
    for (const [key, child] of Object.entries(node)) {
      if (key === 'parent') continue;
      const children: unknown[] = Array.isArray(child) ? child : [child];
      for (const item of children) {
        if (item && typeof item === 'object' && typeof (item as { type?: unknown }).type === 'string')
          visit(item as TSESTree.Node);
      }
    }
  };
  visit(body);
  if (!target || !recurses) return undefined;
  return { node: loop, target: sourceCode.getText(target) };
}
