import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

/** A node that creates a function value. */
export type FunctionNode =
  TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

/** The five loop statements whose iterations a closure can outlive. */
export type LoopNode =
  | TSESTree.ForStatement
  | TSESTree.ForInStatement
  | TSESTree.ForOfStatement
  | TSESTree.WhileStatement
  | TSESTree.DoWhileStatement;

export function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

export function isLoopNode(node: TSESTree.Node): node is LoopNode {
  return (
    node.type === AST_NODE_TYPES.ForStatement ||
    node.type === AST_NODE_TYPES.ForInStatement ||
    node.type === AST_NODE_TYPES.ForOfStatement ||
    node.type === AST_NODE_TYPES.WhileStatement ||
    node.type === AST_NODE_TYPES.DoWhileStatement
  );
}

/**
 * Whether `child` (a direct child of `loop`) is evaluated on every iteration: the body, a `for`
 * test/update, a `while`/`do` test, the binding side of `for-in`/`for-of`. A `for` initialiser and
 * the iterated expression of `for-in`/`for-of` run once, before the first iteration.
 */
export function isPerIterationPart(loop: LoopNode, child: TSESTree.Node): boolean {
  switch (loop.type) {
    case AST_NODE_TYPES.ForStatement:
      return child === loop.body || child === loop.test || child === loop.update;
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
      return child === loop.body || child === loop.left;
    default:
      return true;
  }
}

/** `inner` lies within `outer` (or is it). */
export function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** Expression wrappers that pass their operand's value through unchanged. */
export function isTransparentWrapper(node: TSESTree.Node, child: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSTypeAssertion:
    case AST_NODE_TYPES.TSInstantiationExpression:
    case AST_NODE_TYPES.ChainExpression:
    case AST_NODE_TYPES.LogicalExpression:
      return true;
    case AST_NODE_TYPES.ConditionalExpression:
      return child !== node.test;
    case AST_NODE_TYPES.SequenceExpression:
      return node.expressions[node.expressions.length - 1] === child;
    default:
      return false;
  }
}

/** The static name of a member property (`a.b`, `a['b']`), or undefined. */
export function memberPropertyName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed && member.property.type === AST_NODE_TYPES.Identifier) return member.property.name;
  if (member.computed && member.property.type === AST_NODE_TYPES.Literal && typeof member.property.value === 'string') {
    return member.property.value;
  }
  return undefined;
}

/** The static key of an object property, or undefined. */
export function propertyKeyName(property: TSESTree.Property): string | undefined {
  if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  if (property.key.type === AST_NODE_TYPES.Literal && typeof property.key.value === 'string') return property.key.value;
  return undefined;
}

/** Unwraps `a!`, `a as T`, `(a)?.b` chains to the underlying expression. */
export function skipTypeWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    if (
      current.type === AST_NODE_TYPES.TSAsExpression ||
      current.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      current.type === AST_NODE_TYPES.TSNonNullExpression ||
      current.type === AST_NODE_TYPES.TSTypeAssertion ||
      current.type === AST_NODE_TYPES.ChainExpression
    ) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

/** How a call names its target: `setTimeout(...)` → name "setTimeout"; `emitter.on(...)` → name "on", object "emitter". */
export interface CalleeName {
  name: string | undefined;
  /** The identifier the member chain starts from (`app` in `app.route('/').get`), when any. */
  rootName: string | undefined;
  /** The object's own name when it is an identifier or `this` (`emitter` in `emitter.on`). */
  objectName: string | undefined;
  isMember: boolean;
}

export function calleeName(callee: TSESTree.Node): CalleeName {
  const target = skipTypeWrappers(callee);
  if (target.type === AST_NODE_TYPES.Identifier) {
    return { name: target.name, rootName: target.name, objectName: undefined, isMember: false };
  }
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const object = skipTypeWrappers(target.object);
    let objectName: string | undefined;
    if (object.type === AST_NODE_TYPES.Identifier) objectName = object.name;
    else if (object.type === AST_NODE_TYPES.ThisExpression) objectName = 'this';
    return { name: memberPropertyName(target), rootName: rootIdentifierName(object), objectName, isMember: true };
  }
  return { name: undefined, rootName: undefined, objectName: undefined, isMember: false };
}

function rootIdentifierName(node: TSESTree.Node): string | undefined {
  let current = skipTypeWrappers(node);
  for (;;) {
    if (current.type === AST_NODE_TYPES.Identifier) return current.name;
    if (current.type === AST_NODE_TYPES.MemberExpression) current = skipTypeWrappers(current.object);
    else if (current.type === AST_NODE_TYPES.CallExpression) current = skipTypeWrappers(current.callee);
    else return undefined;
  }
}

/** A plain parameter name (`err` in `(err, data) => …`, also through defaults and type annotations). */
export function parameterName(parameter: TSESTree.Parameter | undefined): string | undefined {
  if (!parameter) return undefined;
  if (parameter.type === AST_NODE_TYPES.Identifier) return parameter.name;
  if (parameter.type === AST_NODE_TYPES.AssignmentPattern && parameter.left.type === AST_NODE_TYPES.Identifier) {
    return parameter.left.name;
  }
  return undefined;
}

/** Is `node` the statement `break`/`continue`'s target: loops and switches (unlabelled `break`). */
export function isBreakableStatement(node: TSESTree.Node): boolean {
  return isLoopNode(node) || node.type === AST_NODE_TYPES.SwitchStatement;
}
