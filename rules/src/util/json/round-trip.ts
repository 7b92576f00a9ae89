import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { findVariable, isFunctionNode, memberPropertyName, skipTransparentWrappers } from './ast.js';
import { classify } from './provenance.js';

/** Array methods whose callback's first parameter is an element of the receiver. */
const ELEMENT_CALLBACK_METHODS = new Set(['map', 'forEach', 'filter', 'flatMap', 'find', 'findLast', 'some', 'every']);
/** Methods that put their arguments into an array field. */
const INSERTING_METHODS = new Set(['push', 'unshift']);
/** Methods that take one element out of an array field. */
const REMOVING_METHODS = new Set(['shift', 'pop', 'at']);

/** `this.field` → `field`; anything else → undefined. */
function ownFieldName(node: TSESTree.Node): string | undefined {
  const member = skipTransparentWrappers(node);
  if (
    member.type !== AST_NODE_TYPES.MemberExpression ||
    skipTransparentWrappers(member.object).type !== AST_NODE_TYPES.ThisExpression
  ) {
    return undefined;
  }
  if (member.property.type === AST_NODE_TYPES.PrivateIdentifier) return `#${member.property.name}`;
  return memberPropertyName(member);
}

/** Where an element of a class's own array field is read: the element binding and the field. */
interface ElementBinding {
  field: string;
  /** The callback or loop body where a discriminant check may exclude other kinds of elements. */
  body: TSESTree.Node;
}

/** `this.queue.map((entry) => …)`, `for (const entry of this.queue)`, `const entry = this.queue.shift()`. */
function elementOfOwnField(
  sourceCode: Readonly<TSESLint.SourceCode>,
  identifier: TSESTree.Identifier,
): ElementBinding | undefined {
  const definition = findVariable(sourceCode, identifier)?.defs[0];
  if (!definition) return undefined;
  if (
    definition.type === 'Parameter' &&
    isFunctionNode(definition.node) &&
    definition.node.params[0] === definition.name
  ) {
    const fn = definition.node;
    const call = fn.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return undefined;
    const callee = skipTransparentWrappers(call.callee);
    if (
      callee.type !== AST_NODE_TYPES.MemberExpression ||
      !ELEMENT_CALLBACK_METHODS.has(memberPropertyName(callee) ?? '')
    )
      return undefined;
    const field = ownFieldName(callee.object);
    return field === undefined ? undefined : { field, body: fn.body };
  }
  if (definition.type === 'Variable' && definition.node.id.type === AST_NODE_TYPES.Identifier) {
    const declarator = definition.node;
    const loop = declarator.parent.parent;
    if (!declarator.init && loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === declarator.parent) {
      const field = ownFieldName(loop.right);
      return field === undefined ? undefined : { field, body: loop.body };
    }
    const init = declarator.init && skipTransparentWrappers(declarator.init);
    if (init?.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipTransparentWrappers(init.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && REMOVING_METHODS.has(memberPropertyName(callee) ?? '')) {
        const field = ownFieldName(callee.object);
        const block = declarator.parent.parent;
        return field === undefined || !block ? undefined : { field, body: block };
      }
    }
  }
  return undefined;
}

/** Array methods that rearrange or select existing elements without adding new ones (given no extra arguments). */
const REARRANGING_METHODS = new Set([
  'slice',
  'splice',
  'toSpliced',
  'filter',
  'concat',
  'reverse',
  'toReversed',
  'sort',
  'toSorted',
]);

/**
 * True when `node` holds only elements taken from `this.<field>` itself: the field, or slices, filters and
 * concatenations of it, also through local constants (`const pending = this.queue.splice(0)` … `pending.slice(i)`).
 */
function derivesFromField(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  field: string,
  depth = 0,
): boolean {
  if (depth > 8) return false;
  const inner = skipTransparentWrappers(node);
  if (ownFieldName(inner) === field) return true;
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const definition = findVariable(sourceCode, inner)?.defs[0];
    return (
      definition?.type === 'Variable' &&
      definition.parent.kind === 'const' &&
      definition.node.init != null &&
      derivesFromField(sourceCode, definition.node.init, field, depth + 1)
    );
  }
  if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipTransparentWrappers(inner.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = memberPropertyName(callee) ?? '';
  if (!REARRANGING_METHODS.has(method) || !derivesFromField(sourceCode, callee.object, field, depth + 1)) return false;
  if (method === 'concat')
    return inner.arguments.every((argument) => derivesFromField(sourceCode, argument, field, depth + 1));
  return (method !== 'splice' && method !== 'toSpliced') || inner.arguments.length <= 2;
}

/** Object literals the class puts into `this.<field>` (`push`/`unshift` arguments, `this.field = [ … ]`). */
function objectsStoredInField(
  sourceCode: Readonly<TSESLint.SourceCode>,
  classBody: TSESTree.ClassBody,
  field: string,
): TSESTree.ObjectExpression[] | undefined {
  const stored: TSESTree.ObjectExpression[] = [];
  let opaque = false;
  const take = (value: TSESTree.Node): void => {
    const inner = skipTransparentWrappers(value);
    if (inner.type === AST_NODE_TYPES.ObjectExpression) stored.push(inner);
    else opaque = true;
  };
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipTransparentWrappers(node.callee);
      if (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        INSERTING_METHODS.has(memberPropertyName(callee) ?? '') &&
        ownFieldName(callee.object) === field
      ) {
        node.arguments.forEach(take);
      }
    }
    if (node.type === AST_NODE_TYPES.AssignmentExpression && ownFieldName(node.left) === field) {
      const right = skipTransparentWrappers(node.right);
      if (right.type === AST_NODE_TYPES.ArrayExpression) right.elements.forEach((element) => element && take(element));
      else if (!derivesFromField(sourceCode, right, field)) opaque = true;
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
  visit(classBody);
  return opaque ? undefined : stored;
}

function propertyValue(object: TSESTree.ObjectExpression, name: string): TSESTree.Node | undefined | null {
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) return null;
    if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === name)
      return property.value;
  }
  return undefined;
}

/** `{ kind: 'raw', … }` → [kind, 'raw'] for each string-literal property of an object. */
function literalTags(object: TSESTree.ObjectExpression): [string, string][] {
  return object.properties.flatMap((property): [string, string][] =>
    property.type === AST_NODE_TYPES.Property &&
    !property.computed &&
    property.key.type === AST_NODE_TYPES.Identifier &&
    property.value.type === AST_NODE_TYPES.Literal &&
    typeof property.value.value === 'string'
      ? [[property.key.name, property.value.value]]
      : [],
  );
}

/** True when `body` leaves early for elements tagged `element.tag === value` before reaching `node`. */
function exitsEarlyFor(
  body: TSESTree.Node,
  element: string,
  [tag, value]: [string, string],
  node: TSESTree.Node,
): boolean {
  if (body.type !== AST_NODE_TYPES.BlockStatement) return false;
  for (const statement of body.body) {
    if (statement.range[0] >= node.range[0]) return false;
    if (statement.type !== AST_NODE_TYPES.IfStatement) continue;
    const test = statement.test;
    const exits =
      statement.consequent.type === AST_NODE_TYPES.ReturnStatement ||
      statement.consequent.type === AST_NODE_TYPES.ContinueStatement ||
      (statement.consequent.type === AST_NODE_TYPES.BlockStatement &&
        (statement.consequent.body.at(-1)?.type === AST_NODE_TYPES.ReturnStatement ||
          statement.consequent.body.at(-1)?.type === AST_NODE_TYPES.ContinueStatement));
    if (
      exits &&
      test.type === AST_NODE_TYPES.BinaryExpression &&
      (test.operator === '===' || test.operator === '==') &&
      test.left.type === AST_NODE_TYPES.MemberExpression &&
      test.left.object.type === AST_NODE_TYPES.Identifier &&
      test.left.object.name === element &&
      memberPropertyName(test.left) === tag &&
      test.right.type === AST_NODE_TYPES.Literal &&
      test.right.value === value
    ) {
      return true;
    }
  }
  return false;
}

/**
 * True when `text` is a property the class serialized itself: `entry.data` of an element of `this.queue`, where
 * every object the class stores in `this.queue` sets `data` to the program's own text (`JSON.stringify(…)`, a
 * literal), except kinds of elements the code leaves early for (`if (entry.kind === 'raw') return …`). Parsing
 * it back is a round trip of the class's own state, not outside data.
 */
export function isOwnSerializedState(sourceCode: Readonly<TSESLint.SourceCode>, text: TSESTree.Node): boolean {
  const member = skipTransparentWrappers(text);
  if (member.type !== AST_NODE_TYPES.MemberExpression || member.object.type !== AST_NODE_TYPES.Identifier) return false;
  const property = memberPropertyName(member);
  if (property === undefined) return false;
  const element = member.object;
  const binding = elementOfOwnField(sourceCode, element);
  if (!binding) return false;
  let classBody: TSESTree.Node | undefined = member.parent;
  while (classBody && classBody.type !== AST_NODE_TYPES.ClassBody) classBody = classBody.parent;
  if (!classBody) return false;
  const stored = objectsStoredInField(sourceCode, classBody, binding.field);
  if (!stored || stored.length === 0) return false;
  let serialized = false;
  for (const object of stored) {
    const value = propertyValue(object, property);
    if (value === null) return false;
    if (value === undefined) continue;
    if (classify(sourceCode, value).kind === 'internal') {
      serialized = true;
      continue;
    }
    if (!literalTags(object).some((tag) => exitsEarlyFor(binding.body, element.name, tag, member))) return false;
  }
  return serialized;
}
