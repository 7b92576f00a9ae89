import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  calleeName,
  enclosingFunction,
  exits,
  findVariable,
  isFunctionNode,
  memberPropertyName,
  skipTransparentWrappers,
  type FunctionNode,
} from './ast.js';
import type { TypeClaim } from './claims.js';

/**
 * The variable that ends up holding the value a claim is made on: `const event = JSON.parse(t) as E`,
 * `event = JSON.parse(t) as E` (in a `try`), or `const event = (() => { try { return JSON.parse(t) as E } … })()`.
 */
function holdingVariable(
  sourceCode: Readonly<TSESLint.SourceCode>,
  claim: TypeClaim,
): TSESLint.Scope.Variable | undefined {
  let node: TSESTree.Node = claim.node;
  if (node.type === AST_NODE_TYPES.VariableDeclarator) {
    return node.id.type === AST_NODE_TYPES.Identifier ? findVariable(sourceCode, node.id) : undefined;
  }
  // The value of an immediately invoked function: its `return` leads to the call.
  if (node.parent?.type === AST_NODE_TYPES.ReturnStatement) {
    const fn = enclosingFunction(node.parent);
    const call = fn?.parent;
    if (!fn || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== fn || call.arguments.length > 0)
      return undefined;
    node = call;
  }
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node) {
    return parent.id.type === AST_NODE_TYPES.Identifier ? findVariable(sourceCode, parent.id) : undefined;
  }
  if (
    parent?.type === AST_NODE_TYPES.AssignmentExpression &&
    parent.operator === '=' &&
    parent.right === node &&
    parent.left.type === AST_NODE_TYPES.Identifier
  ) {
    return findVariable(sourceCode, parent.left);
  }
  return undefined;
}

/** True when `node` is only tested for truthiness: `if (event)`, `!event`, `event && …` in a test. */
function isTruthinessTest(node: TSESTree.Node): boolean {
  let current = node;
  while (current.parent?.type === AST_NODE_TYPES.UnaryExpression && current.parent.operator === '!')
    current = current.parent;
  const parent = current.parent;
  if (!parent) return false;
  if (
    (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) &&
    parent.test === current
  )
    return true;
  return parent.type === AST_NODE_TYPES.LogicalExpression && parent.left === current;
}

function isCallArgument(node: TSESTree.Node): node is TSESTree.Expression {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.CallExpression && (parent.arguments as TSESTree.Node[]).includes(node);
}

/**
 * True when the parsed value is a message that the code only routes by its discriminant, as a transport layer
 * does: every read of the variable holding it is a truthiness test, the whole value handed to a call, or its one
 * discriminant field (`event.type`) compared with a literal, switched on or handed to a call; and the value is
 * dispatched by that field with a path for discriminants the code does not know (`emit(event.type, event)`,
 * or a `switch (event.type)` with a `default`). The code reads no other field, so the type claim only serves the
 * listeners the value is handed to. A field read, a destructuring or a spread is a use of the shape: reported.
 * (The rule also asks that the parse be guarded against malformed text, the other mark of a transport layer.)
 */
export function isRoutedByDiscriminant(sourceCode: Readonly<TSESLint.SourceCode>, claim: TypeClaim): boolean {
  const variable = holdingVariable(sourceCode, claim);
  if (!variable) return false;
  const holds = new Set<TSESTree.Node>(variable.references.map((reference) => reference.identifier));
  let discriminant: string | undefined;
  let dispatched = false;
  let reads = 0;
  for (const reference of variable.references) {
    if (!reference.isRead()) continue;
    reads++;
    const identifier: TSESTree.Node = reference.identifier;
    const parent = identifier.parent;
    if (!parent) return false;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
      const name = memberPropertyName(parent);
      if (parent.computed || name === undefined || (discriminant !== undefined && discriminant !== name)) return false;
      discriminant = name;
      const use = parent.parent;
      if (
        use.type === AST_NODE_TYPES.BinaryExpression &&
        /^(===|!==|==|!=)$/.test(use.operator) &&
        (use.left === parent ? use.right : use.left).type === AST_NODE_TYPES.Literal
      )
        continue;
      if (use.type === AST_NODE_TYPES.SwitchStatement && use.discriminant === parent) {
        if (use.cases.some((switchCase) => switchCase.test === null)) dispatched = true;
        continue;
      }
      if (isCallArgument(parent)) {
        // `emit(event.type, event)`: the value handed on, keyed by its own discriminant.
        const call = parent.parent as TSESTree.CallExpression;
        if (call.arguments.some((argument) => holds.has(argument))) dispatched = true;
        continue;
      }
      return false;
    }
    if (isTruthinessTest(identifier) || isCallArgument(identifier)) continue;
    return false;
  }
  return reads > 0 && discriminant !== undefined && dispatched;
}

/** Calls that compute or check a message authentication code or a signature. */
const MAC_CALL = /^(createHmac|createVerify|timingSafeEqual|verify|sign)$/;
/** Names of functions whose job is to check a payload's signature (`verifySignature`, `assertValidHmac`). */
const SIGNATURE_CHECK_NAME = /(signature|hmac)/i;

/** True when a function body computes or checks a MAC or signature (`createHmac`, `subtle.verify`, `timingSafeEqual`). */
function checksMac(fn: FunctionNode): boolean {
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.CallExpression && MAC_CALL.test(calleeName(node) ?? '')) {
      found = true;
      return;
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
  return found;
}

/** The function of this file a call runs: `helper(…)`, `this.method(…)` of the enclosing class. */
function calledFunction(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
): FunctionNode | undefined {
  const callee = skipTransparentWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const definition = findVariable(sourceCode, callee)?.defs[0];
    if (definition?.type === 'FunctionName' && isFunctionNode(definition.node)) return definition.node;
    if (definition?.type === 'Variable' && definition.node.init && isFunctionNode(definition.node.init))
      return definition.node.init;
    return undefined;
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.ThisExpression)
    return undefined;
  const name =
    callee.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${callee.property.name}` : memberPropertyName(callee);
  let classBody: TSESTree.Node | undefined = call.parent;
  while (classBody && classBody.type !== AST_NODE_TYPES.ClassBody) classBody = classBody.parent;
  if (!classBody || name === undefined) return undefined;
  for (const member of classBody.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition) continue;
    const key =
      member.key.type === AST_NODE_TYPES.PrivateIdentifier
        ? `#${member.key.name}`
        : member.key.type === AST_NODE_TYPES.Identifier
          ? member.key.name
          : undefined;
    if (key === name && isFunctionNode(member.value)) return member.value;
  }
  return undefined;
}

/**
 * True when a check call gates what follows: a statement of its own (`await verify(payload, sig);` throws on a
 * mismatch), or the test of an `if` that leaves the function (`if (!isSigned(payload, sig)) return …;`).
 */
function gates(call: TSESTree.CallExpression): boolean {
  let node: TSESTree.Node = call;
  if (node.parent?.type === AST_NODE_TYPES.AwaitExpression) node = node.parent;
  if (node.parent?.type === AST_NODE_TYPES.ExpressionStatement) return true;
  while (node.parent?.type === AST_NODE_TYPES.UnaryExpression && node.parent.operator === '!') node = node.parent;
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.IfStatement && parent.test === node && exits(parent.consequent);
}

/**
 * True when, earlier in the same function, the text that is parsed went through a signature check that gates the
 * parse: handed to a function of this file that computes an HMAC or checks a signature, or to a call named for
 * that (`verifySignature(payload, headers)`), as a statement or an `if` that leaves; or fed to
 * `createHmac(…).update(text)` with an `if` that leaves between it and the parse. The sender of a payload whose
 * signature was verified is the party that defines its shape.
 */
export function isSignatureVerified(
  sourceCode: Readonly<TSESLint.SourceCode>,
  parse: TSESTree.CallExpression,
): boolean {
  const text = parse.arguments[0] && skipTransparentWrappers(parse.arguments[0]);
  if (text?.type !== AST_NODE_TYPES.Identifier) return false;
  const fn = enclosingFunction(parse);
  const variable = findVariable(sourceCode, text);
  if (!fn || !variable) return false;
  for (const reference of variable.references) {
    const identifier = reference.identifier;
    if (!reference.isRead() || identifier.range[0] >= parse.range[0] || enclosingFunction(identifier) !== fn) continue;
    if (!isCallArgument(identifier)) continue;
    const call = identifier.parent as TSESTree.CallExpression;
    const name = calleeName(call) ?? '';
    const local = calledFunction(sourceCode, call);
    if ((local ? checksMac(local) : SIGNATURE_CHECK_NAME.test(name)) && gates(call)) return true;
    // `createHmac('sha256', secret).update(payload)…`, then an `if` that leaves before the parse.
    if (
      name === 'update' &&
      call.callee.type === AST_NODE_TYPES.MemberExpression &&
      isHmac(sourceCode, call.callee.object) &&
      hasExitingIfBetween(fn, call, parse)
    )
      return true;
  }
  return false;
}

/** `createHmac(…)`, `crypto.createHmac(…)`, or a constant holding one. */
function isHmac(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  const inner = skipTransparentWrappers(node);
  if (inner.type === AST_NODE_TYPES.CallExpression) return calleeName(inner) === 'createHmac';
  if (inner.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = findVariable(sourceCode, inner)?.defs[0];
  return definition?.type === 'Variable' && definition.node.init !== null && isHmac(sourceCode, definition.node.init);
}

/** True when an `if` that leaves the function sits between two nodes, in the function's own statements. */
function hasExitingIfBetween(fn: FunctionNode, from: TSESTree.Node, to: TSESTree.Node): boolean {
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found || (node !== fn.body && isFunctionNode(node))) return;
    if (
      node.type === AST_NODE_TYPES.IfStatement &&
      node.range[0] > from.range[1] &&
      node.range[1] < to.range[0] &&
      exits(node.consequent)
    ) {
      found = true;
      return;
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
  return found;
}
