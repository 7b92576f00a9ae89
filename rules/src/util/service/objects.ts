import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { lineIndent, memberName, resolveVariable, skipWrappers } from '../async/ast.js';

/** What an options argument says about a set of keys: present, absent, or not knowable from the file. */
export type KeyPresence = 'present' | 'absent' | 'unknown';

const MERGE_FUNCTIONS = new Set(['assign', 'merge', 'defaults', 'defaultsDeep', 'extend', 'mergeWith']);

/** The key of a non-computed (or string-literal) object property. */
export function propertyKey(property: TSESTree.Property): string | undefined {
  if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  if (property.key.type === AST_NODE_TYPES.Literal && typeof property.key.value === 'string') return property.key.value;
  return undefined;
}

/** The property `key` written in an object literal (the last one wins, as at run time). */
export function findProperty(object: TSESTree.ObjectExpression, key: string): TSESTree.Property | undefined {
  let found: TSESTree.Property | undefined;
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && propertyKey(property) === key) found = property;
  }
  return found;
}

/**
 * The object literal a variable holds, when the variable is declared with it and never reassigned nor
 * changed through a member write (`opts.signal = …`), so that reading the literal tells what is passed.
 */
export function constObjectLiteral(
  sourceCode: Readonly<TSESLint.SourceCode>,
  identifier: TSESTree.Identifier,
): TSESTree.ObjectExpression | undefined {
  const variable = resolveVariable(sourceCode, identifier);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable') return undefined;
  const declarator = def.node;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return undefined;
  const init = skipWrappers(declarator.init);
  if (init.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  for (const reference of variable.references) {
    if (reference.init) continue;
    if (reference.isWrite()) return undefined;
    const parent = reference.identifier.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === reference.identifier) {
      const outer = parent.parent;
      if (outer?.type === AST_NODE_TYPES.AssignmentExpression && outer.left === parent) return undefined;
    }
    // Filled in by a merge helper (`Object.assign(opts, …)`, `_.merge(opts, …)`).
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === reference.identifier) {
      const callee = skipWrappers(parent.callee);
      const name =
        callee.type === AST_NODE_TYPES.MemberExpression
          ? memberName(callee)
          : callee.type === AST_NODE_TYPES.Identifier
            ? callee.name
            : undefined;
      if (name && MERGE_FUNCTIONS.has(name)) return undefined;
    }
  }
  return init;
}

/**
 * Whether an options expression carries one of `keys`. Object literals are read (spreads of literals followed);
 * a spread or a variable the file cannot see into is `unknown`, so the rule stays quiet about it.
 */
export function keyPresence(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  keys: ReadonlySet<string>,
  depth = 0,
): KeyPresence {
  const expression = skipWrappers(node);
  if (depth > 4) return 'unknown';
  if (expression.type === AST_NODE_TYPES.ObjectExpression) {
    let result: KeyPresence = 'absent';
    for (const property of expression.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        const inner = keyPresence(sourceCode, property.argument, keys, depth + 1);
        if (inner === 'present') return 'present';
        if (inner === 'unknown') result = 'unknown';
        continue;
      }
      const key = propertyKey(property);
      if (key === undefined) {
        result = 'unknown';
        continue;
      }
      if (keys.has(key) && !isUndefinedValue(property.value)) return 'present';
    }
    return result;
  }
  if (expression.type === AST_NODE_TYPES.Identifier) {
    if (expression.name === 'undefined') return 'absent';
    const literal = constObjectLiteral(sourceCode, expression);
    return literal ? keyPresence(sourceCode, literal, keys, depth + 1) : 'unknown';
  }
  if (expression.type === AST_NODE_TYPES.Literal && expression.value === null) return 'absent';
  return 'unknown';
}

/** `undefined`, `null` and `0` set nothing: axios and http read a timeout of 0 as "no timeout". */
function isUndefinedValue(node: TSESTree.Node): boolean {
  const value = skipWrappers(node);
  if (value.type === AST_NODE_TYPES.Literal) return value.value === null || value.value === 0;
  return value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined';
}

/** An edit adding `text` as the last property of an object literal, keeping its layout (one line or one per line). */
export function addPropertyFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fixer: TSESLint.RuleFixer,
  object: TSESTree.ObjectExpression,
  text: string,
): TSESLint.RuleFix {
  const last = object.properties.at(-1);
  if (!last) return fixer.replaceText(object, `{ ${text} }`);
  const multiline = last.loc.start.line !== object.loc.start.line;
  const after = sourceCode.getTokenAfter(last);
  const indent = lineIndent(sourceCode, last);
  if (after?.value === ',') {
    return fixer.insertTextAfter(after, multiline ? `\n${indent}${text},` : ` ${text}`);
  }
  return fixer.insertTextAfter(last, multiline ? `,\n${indent}${text}` : `, ${text}`);
}

/** An edit setting `key: value` in an object literal: replacing the value of an existing property, or adding one. */
export function setPropertyFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fixer: TSESLint.RuleFixer,
  object: TSESTree.ObjectExpression,
  key: string,
  value: string,
): TSESLint.RuleFix {
  const existing = findProperty(object, key);
  if (existing && !existing.shorthand && existing.kind === 'init' && !existing.method)
    return fixer.replaceText(existing.value, value);
  return addPropertyFix(sourceCode, fixer, object, `${key}: ${value}`);
}
