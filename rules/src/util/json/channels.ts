import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, exits, findVariable, isFunctionNode, memberPropertyName, skipTransparentWrappers } from './ast.js';
import { callsByName } from './provenance.js';
import { isJsonStringifyCall } from './sources.js';

const MAX_DEPTH = 4;

/** Array methods whose callback's first parameter is an element of the receiver. */
const ELEMENT_METHODS = new Set(['map', 'forEach', 'flatMap', 'filter']);

/** Source text of an expression without whitespace, as a channel's identity. */
function channelText(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  return sourceCode.getText(node).replace(/\s+/g, '');
}

/**
 * The channel names an expression can hold, as source texts: a literal or an expression such as
 * `this.toKey('events')` stands for itself; a constant stands for its initializer; an array for its elements and
 * what is pushed into it; the element parameter of `channels.map((channel) => …)` for the array's channels.
 * Undefined when the channels cannot be told (a parameter, a reassigned variable).
 */
function resolveChannels(
  sourceCode: Readonly<TSESLint.SourceCode>,
  expression: TSESTree.Node,
  depth = 0,
): string[] | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = skipTransparentWrappers(expression);
  if (node.type === AST_NODE_TYPES.ArrayExpression) {
    const all: string[] = [];
    for (const element of node.elements) {
      if (!element || element.type === AST_NODE_TYPES.SpreadElement) return undefined;
      const channels = resolveChannels(sourceCode, element, depth + 1);
      if (!channels) return undefined;
      all.push(...channels);
    }
    return all;
  }
  if (node.type !== AST_NODE_TYPES.Identifier) {
    return node.type === AST_NODE_TYPES.Literal ||
      node.type === AST_NODE_TYPES.TemplateLiteral ||
      node.type === AST_NODE_TYPES.MemberExpression ||
      node.type === AST_NODE_TYPES.CallExpression
      ? [channelText(sourceCode, node)]
      : undefined;
  }
  const variable = findVariable(sourceCode, node);
  const definition = variable?.defs[0];
  if (!variable || !definition) return undefined;
  if (definition.type === 'Parameter') {
    // `channels.map((channel) => client.subscribe(channel))`
    const fn = definition.node;
    const call = isFunctionNode(fn) ? fn.parent : undefined;
    if (
      !isFunctionNode(fn) ||
      fn.params[0] !== definition.name ||
      call?.type !== AST_NODE_TYPES.CallExpression ||
      call.arguments[0] !== fn ||
      call.callee.type !== AST_NODE_TYPES.MemberExpression ||
      !ELEMENT_METHODS.has(memberPropertyName(call.callee) ?? '')
    )
      return undefined;
    return resolveChannels(sourceCode, call.callee.object, depth + 1);
  }
  if (definition.type !== 'Variable' || !definition.node.init) return undefined;
  const init = skipTransparentWrappers(definition.node.init);
  const all: string[] = [];
  for (const reference of variable.references) {
    if (reference.init) continue;
    if (reference.isWrite()) return undefined;
    const parent = reference.identifier.parent;
    if (
      init.type === AST_NODE_TYPES.ArrayExpression &&
      parent.type === AST_NODE_TYPES.MemberExpression &&
      parent.object === reference.identifier &&
      memberPropertyName(parent) === 'push' &&
      parent.parent.type === AST_NODE_TYPES.CallExpression
    ) {
      for (const argument of parent.parent.arguments) {
        const channels = resolveChannels(sourceCode, argument, depth + 1);
        if (!channels) return undefined;
        all.push(...channels);
      }
    }
  }
  const fromInit = resolveChannels(sourceCode, init, depth + 1);
  return fromInit ? [...fromInit, ...all] : undefined;
}

/** True for the last argument of a call when it is a completion callback: a function, or a parameter of one. */
function isCallbackArgument(
  call: TSESTree.CallExpression,
  argument: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
): boolean {
  if (argument !== call.arguments[call.arguments.length - 1] || call.arguments.length < 2) return false;
  if (isFunctionNode(argument)) return true;
  if (argument.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = findVariable(sourceCode, argument)?.defs[0];
  // `callAsync((done) => client.subscribe(channel, done))`: a callback handed in by the caller of the arrow.
  return (
    definition?.type === 'Parameter' &&
    isFunctionNode(definition.node) &&
    definition.node.parent.type === AST_NODE_TYPES.CallExpression &&
    !ELEMENT_METHODS.has(calleeName(definition.node.parent) ?? '')
  );
}

/** `channel === X` / `X === channel` → X. */
function comparedChannel(test: TSESTree.Node, channel: TSESLint.Scope.Variable): TSESTree.Node | undefined {
  if (test.type !== AST_NODE_TYPES.BinaryExpression || (test.operator !== '===' && test.operator !== '=='))
    return undefined;
  const isChannel = (node: TSESTree.Node): boolean =>
    node.type === AST_NODE_TYPES.Identifier && channel.references.some((reference) => reference.identifier === node);
  if (isChannel(test.left)) return test.right;
  if (isChannel(test.right)) return test.left as TSESTree.Node;
  return undefined;
}

/**
 * True when `text` is the message parameter of a pub/sub listener `(channel, message) => …` and every channel
 * that can reach the parse is one this file publishes to, always with `JSON.stringify` text: the subscribed
 * channels (all of them resolved in this file; a pattern subscription is never resolved), less those the
 * listener leaves early for (`if (channel === X) { …; return; }`), or the one it tests for
 * (`if (channel === X)`, `case X:`). The program reads back what it published itself.
 */
export function isOwnPublishedMessage(
  sourceCode: Readonly<TSESLint.SourceCode>,
  parse: TSESTree.CallExpression,
  text: TSESTree.Node,
): boolean {
  const message = skipTransparentWrappers(text);
  if (message.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = findVariable(sourceCode, message)?.defs[0];
  if (definition?.type !== 'Parameter' || !isFunctionNode(definition.node)) return false;
  const listener = definition.node;
  const [channelParameter, messageParameter] = listener.params;
  if (messageParameter !== definition.name || channelParameter?.type !== AST_NODE_TYPES.Identifier) return false;
  const channel = findVariable(sourceCode, channelParameter);
  if (!channel) return false;
  const calls = callsByName(sourceCode);
  if ((calls.get('psubscribe') ?? []).length > 0) return false;

  // The channels that can reach the parse.
  let candidates: string[] | undefined;
  const excluded = new Set<string>();
  for (let node: TSESTree.Node = parse; node !== listener && node.parent; node = node.parent) {
    const parent: TSESTree.Node = node.parent;
    if (parent.type === AST_NODE_TYPES.IfStatement && parent.consequent === node) {
      const tested = comparedChannel(parent.test, channel);
      if (tested) candidates ??= resolveChannels(sourceCode, tested);
    }
    if (
      parent.type === AST_NODE_TYPES.SwitchCase &&
      parent.test &&
      parent.parent.discriminant.type === AST_NODE_TYPES.Identifier
    ) {
      const switched = findVariable(sourceCode, parent.parent.discriminant);
      if (switched === channel) candidates ??= resolveChannels(sourceCode, parent.test);
    }
    if (parent.type === AST_NODE_TYPES.BlockStatement) {
      for (const statement of parent.body) {
        if (statement.range[0] >= node.range[0]) break;
        if (statement.type !== AST_NODE_TYPES.IfStatement || !exits(statement.consequent)) continue;
        const tested = comparedChannel(statement.test, channel);
        const channels = tested && resolveChannels(sourceCode, tested);
        for (const name of channels ?? []) excluded.add(name);
      }
    }
  }
  if (!candidates) {
    const subscribed: string[] = [];
    for (const call of calls.get('subscribe') ?? []) {
      for (const argument of call.arguments) {
        if (isCallbackArgument(call, argument, sourceCode)) continue;
        const channels = resolveChannels(sourceCode, argument);
        if (!channels) return false;
        subscribed.push(...channels);
      }
    }
    candidates = subscribed;
  }
  const reaching = candidates.filter((name) => !excluded.has(name));
  if (reaching.length === 0) return false;
  const publishes = calls.get('publish') ?? [];
  const isJsonText = (publish: TSESTree.CallExpression): boolean =>
    publish.arguments[1] !== undefined && isJsonStringifyCall(skipTransparentWrappers(publish.arguments[1]));
  // A publish to a channel the file cannot name might be any of them.
  if (
    publishes.some(
      (publish) =>
        !isJsonText(publish) && (!publish.arguments[0] || !resolveChannels(sourceCode, publish.arguments[0])),
    )
  )
    return false;
  return reaching.every((name) => {
    const onChannel = publishes.filter(
      (publish) =>
        publish.arguments[0] !== undefined && resolveChannels(sourceCode, publish.arguments[0])?.includes(name),
    );
    return onChannel.length > 0 && onChannel.every(isJsonText);
  });
}
