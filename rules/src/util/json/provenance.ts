import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  calleeName,
  findVariable,
  functionBindingIdentifier,
  isFunctionNode,
  memberChainRoot,
  memberPropertyName,
  skipTransparentWrappers,
  type FunctionNode,
} from './ast.js';
import { privateCallSites } from './guard.js';
import { isJsonStringifyCall } from './sources.js';

/** Where the text handed to `JSON.parse` comes from. */
export type TextOrigin =
  /** From outside the program: `label` says from where ("a request body"). */
  | { kind: 'external'; label: string }
  /** Made by the program itself: literals, `JSON.stringify`. */
  | { kind: 'internal' }
  /** A parameter of a private helper: its call sites in this file decide. */
  | { kind: 'parameter'; fn: FunctionNode; index: number }
  | { kind: 'unknown' };

const INTERNAL: TextOrigin = { kind: 'internal' };
const UNKNOWN: TextOrigin = { kind: 'unknown' };
const MAX_DEPTH = 4;

function external(label: string): TextOrigin {
  return { kind: 'external', label };
}

const LABEL = {
  body: 'a request or message body',
  query: 'a URL or query-string value',
  header: 'a request header or cookie',
  message: 'a message payload',
  storage: 'browser storage',
  file: 'file contents',
  env: 'an environment variable',
  argv: 'a command-line argument',
  response: 'an HTTP response body',
  command: 'command output',
  cache: 'a cache or key-value store',
  userInput: 'user input',
} as const;

/** Property names whose value is text from outside, wherever they appear in a member chain. */
const EXTERNAL_PROPERTIES: ReadonlyMap<string, string> = new Map([
  ['rawBody', LABEL.body],
  ['Body', LABEL.body],
  ['query', LABEL.query],
  ['querystring', LABEL.query],
  ['queryStringParameters', LABEL.query],
  ['searchParams', LABEL.query],
  ['params', LABEL.query],
  ['headers', LABEL.header],
  ['cookies', LABEL.header],
  ['signedCookies', LABEL.header],
  ['payload', LABEL.message],
  ['argv', LABEL.argv],
  ['responseText', LABEL.response],
  ['stdout', LABEL.command],
]);

/** Objects whose `.data`, `.content`, `.value` or `.message` is a message payload. */
const MESSAGE_OBJECT =
  /^(e|ev|evt|event|msg|message|m|record|rec|packet|frame|notification|job|delivery|envelope|raw|incoming|payload|target|currentTarget|input|textarea|field|element|el)$/i;

/** Objects whose `.body` is a request, response or queue-message body (not a body the program built itself). */
const BODY_OBJECT =
  /^(req|request|event|evt|ev|e|ctx|context|res|response|resp|message|msg|record|rec|r|incoming|c|notification|delivery|job|webhook|hook|input|raw|sqsMessage|httpRequest|httpResponse)$/i;

/** Objects whose `.data` is a received payload (events, messages, HTTP responses read as text). */
const DATA_OBJECT =
  /^(e|ev|evt|event|msg|message|m|record|rec|packet|frame|notification|job|delivery|envelope|incoming|res|response|resp|messageEvent|wsEvent|websocketEvent|socketEvent)$/i;

/** Functions whose purpose is to parse their argument: throwing on bad input is their contract, and callers judge it. */
const PARSING_FUNCTION =
  /^(parse|decode|deserialize|unserialize|unwrap|unmarshal|fromJson|fromJSON|safeParse|tryParse)/;

/** Parameter names that, on a function with callers outside this file, mean text from the wire. */
const TRANSPORT_PARAMETER =
  /^(body|rawBody|requestBody|reqBody|payload|rawPayload|rawMessage|rawMsg|message|msg|frame|packet|rawData|rawText|rawJson|rawJSON)$/;

/**
 * Names of functions that send their argument out (`send`, `write`, `publish`, `emit`…): what they receive was
 * made by the program, so a transport-sounding parameter name there says nothing about where the text came from.
 */
const OUTGOING_FUNCTION =
  /^(send|write|emit|publish|post|push|enqueue|dispatch|broadcast|reply|respond|notify|transmit|forward|deliver|produce)(?:[A-Z0-9_$]|$)/;

/** Function names of handlers: their parameters come from outside. */
const HANDLER_FUNCTION = /^(handle|on)[A-Z0-9_]|(Handler|Listener)$|^handler$/;

/** Event names whose listener receives external data. */
const MESSAGE_EVENTS = new Set(['message', 'data', 'line', 'text', 'payload', 'msg', 'messages']);

/** Receivers of `.on(event, listener)` whose every event carries external data. */
const SOCKET_RECEIVER =
  /(socket|^ws$|^io$|conn(ection)?$|channel|client|peer|mqtt|nats|consumer|subscriber|port$|worker|ipc)/i;

/** Calls that return their receiver's or first argument's text unchanged in kind. */
const PASS_THROUGH_METHODS = new Set([
  'toString',
  'trim',
  'trimStart',
  'trimEnd',
  'slice',
  'substring',
  'substr',
  'replace',
  'replaceAll',
  'join',
  'toLocaleString',
  'normalize',
  'concat',
  'split',
]);
const PASS_THROUGH_FUNCTIONS = new Set(['String', 'decodeURIComponent', 'decodeURI', 'atob', 'unescape']);

/** `.get(key)` receivers that hold query-string or header values. */
const QUERY_GETTER_RECEIVER = /(searchParams|urlParams|queryParams|^params$|^query$|^search$|^qs$|^usp$)/i;
const HEADER_GETTER_RECEIVER = /^(headers|cookies|cookieStore)$/i;
const CACHE_RECEIVER = /(redis|^kv$|memcache|keyv|^storage$|Storage$)/i;

function calleeReceiverName(call: TSESTree.CallExpression): string | undefined {
  const callee = skipTransparentWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const object = skipTransparentWrappers(callee.object);
  if (object.type === AST_NODE_TYPES.Identifier) return object.name;
  if (object.type === AST_NODE_TYPES.MemberExpression) return memberPropertyName(object);
  if (object.type === AST_NODE_TYPES.NewExpression) return calleeName(object);
  return undefined;
}

function identifierName(node: TSESTree.Node): string | undefined {
  const inner = skipTransparentWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type === AST_NODE_TYPES.MemberExpression) return memberPropertyName(inner);
  return undefined;
}

/** Combines the origins of alternatives: external wins, then unknown; internal only when all are internal. */
function either(origins: TextOrigin[]): TextOrigin {
  const externalOrigin = origins.find((origin) => origin.kind === 'external');
  if (externalOrigin) return externalOrigin;
  const parameterOrigin = origins.find((origin) => origin.kind === 'parameter');
  if (parameterOrigin) return parameterOrigin;
  return origins.every((origin) => origin.kind === 'internal') ? INTERNAL : UNKNOWN;
}

/** Classifies a property read `object.name` by the property name and its object. */
function classifyProperty(name: string, object: TSESTree.Node | undefined, ownValue = false): TextOrigin | undefined {
  const objectNode = object ? skipTransparentWrappers(object) : undefined;
  const objectName = objectNode ? identifierName(objectNode) : undefined;
  if (objectNode?.type === AST_NODE_TYPES.ThisExpression) return undefined;
  if (
    name === 'env' &&
    (objectName === 'process' || objectNode?.type === AST_NODE_TYPES.MetaProperty || objectName === 'meta')
  ) {
    return external(LABEL.env);
  }
  if (name === 'argv' && objectName !== undefined && objectName !== 'process' && objectName !== 'argv')
    return undefined;
  // On a value the program's own code produced, a property name alone (`row.headers`) says nothing.
  const labelled = ownValue ? undefined : EXTERNAL_PROPERTIES.get(name);
  if (labelled) return external(labelled);
  if ((name === 'search' || name === 'hash') && objectName === 'location') return external(LABEL.query);
  if (name === 'cookie' && objectName === 'document') return external(LABEL.header);
  if ((objectName === 'localStorage' || objectName === 'sessionStorage') && name !== 'length')
    return external(LABEL.storage);
  if (name === 'data' && objectName !== undefined && DATA_OBJECT.test(objectName)) return external(LABEL.message);
  if (name === 'body' && objectName !== undefined && /^(response|resp|httpResponse)$/i.test(objectName))
    return external(LABEL.response);
  if (name === 'body' && objectName !== undefined && BODY_OBJECT.test(objectName)) return external(LABEL.body);
  if (name === 'body' && objectName === undefined) return external(LABEL.body);
  if ((name === 'newValue' || name === 'oldValue') && objectName && MESSAGE_OBJECT.test(objectName))
    return external(LABEL.storage);
  if (
    (name === 'content' || name === 'value' || name === 'Data' || name === 'message' || name === 'text') &&
    objectName &&
    MESSAGE_OBJECT.test(objectName)
  ) {
    return external(
      objectName === 'target' ||
        objectName === 'currentTarget' ||
        /^(input|textarea|field|element|el)$/i.test(objectName)
        ? LABEL.userInput
        : LABEL.message,
    );
  }
  return undefined;
}

/**
 * True when `root` is a local constant holding what a call of the program's own code returned: a method of
 * `this` (`const row = this.#findRow(key)`) or a function declared in this file.
 */
function isOwnComputedValue(sourceCode: Readonly<TSESLint.SourceCode>, root: TSESTree.Node): boolean {
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode, root);
  const definition = variable?.defs[0];
  if (definition?.type !== 'Variable' || definition.node.id.type !== AST_NODE_TYPES.Identifier || !definition.node.init)
    return false;
  if (variable!.references.some((reference) => reference.isWrite() && !reference.init)) return false;
  let init = skipTransparentWrappers(definition.node.init);
  if (init.type === AST_NODE_TYPES.AwaitExpression) init = skipTransparentWrappers(init.argument);
  if (init.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipTransparentWrappers(init.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression)
    return skipTransparentWrappers(callee.object).type === AST_NODE_TYPES.ThisExpression;
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const calleeDefinition = findVariable(sourceCode, callee)?.defs[0];
  return (
    calleeDefinition?.type === 'FunctionName' ||
    (calleeDefinition?.type === 'Variable' &&
      calleeDefinition.node.init != null &&
      isFunctionNode(calleeDefinition.node.init))
  );
}

/** Classifies a member chain: any external property along the chain makes the whole chain external. */
function classifyMember(
  sourceCode: Readonly<TSESLint.SourceCode>,
  member: TSESTree.MemberExpression,
): TextOrigin | undefined {
  const root = memberChainRoot(member);
  if (root.type === AST_NODE_TYPES.ThisExpression) return undefined;
  const ownValue = isOwnComputedValue(sourceCode, root);
  let current: TSESTree.Node = member;
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberPropertyName(current);
    if (name !== undefined) {
      const origin = classifyProperty(name, current.object, ownValue);
      if (origin) return origin;
    }
    current = skipTransparentWrappers(current.object);
  }
  return undefined;
}

/**
 * True for the code's own `package.json`, read through a path built from `__dirname`, `import.meta` or
 * `require.resolve`: it ships with the code and is not outside input.
 */
function isOwnPackageManifest(sourceCode: Readonly<TSESLint.SourceCode>, pathArgument: TSESTree.Node): boolean {
  const text = pathText(sourceCode, pathArgument, 2);
  return /package\.json/.test(text) && /__dirname|import\.meta|require\.resolve/.test(text);
}

/**
 * The text of a path expression with its variables replaced by their initialisers, `depth` levels deep:
 * `join(appDir, 'package.json')` with `const appDir = join(__dirname, 'apps', name)` reads as one path.
 */
function pathText(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, depth: number): string {
  if (node.type === AST_NODE_TYPES.Identifier) {
    const definition = findVariable(sourceCode, node)?.defs[0];
    return depth > 0 && definition?.type === 'Variable' && definition.node.init
      ? pathText(sourceCode, definition.node.init, depth - 1)
      : node.name;
  }
  if (node.type === AST_NODE_TYPES.CallExpression && /^(join|resolve)$/.test(calleeName(node) ?? '')) {
    return `${calleeName(node)}(${node.arguments.map((argument) => pathText(sourceCode, argument, depth)).join(',')})`;
  }
  return sourceCode.getText(node);
}

/** Calls that write a file's whole contents: `writeFileSync(path, text)`, `fs.promises.writeFile(path, text)`. */
const FILE_WRITERS = ['writeFileSync', 'writeFile', 'outputFileSync', 'outputFile'];

/** The same path: one binding (`metaFile` … `metaFile`), or the same expression text (`join(dir, 'state.json')`). */
function isSamePath(sourceCode: Readonly<TSESLint.SourceCode>, a: TSESTree.Node, b: TSESTree.Node): boolean {
  const left = skipTransparentWrappers(a);
  const right = skipTransparentWrappers(b);
  if (left.type === AST_NODE_TYPES.Identifier && right.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode, left);
    return variable !== undefined && variable === findVariable(sourceCode, right);
  }
  const text = (node: TSESTree.Node): string => sourceCode.getText(node).replace(/\s+/g, '');
  return left.type !== AST_NODE_TYPES.Identifier && text(left) === text(right);
}

/**
 * True when this file writes the file at `pathArgument` itself, and only with `JSON.stringify` text: the program
 * reads back its own state file (`fs.writeFileSync(stateFile, JSON.stringify(state))` … `readFileSync(stateFile)`).
 */
function isOwnJsonFile(sourceCode: Readonly<TSESLint.SourceCode>, pathArgument: TSESTree.Node): boolean {
  const writes = FILE_WRITERS.flatMap((name) => callsByName(sourceCode).get(name) ?? []).filter(
    (write) => write.arguments[0] !== undefined && isSamePath(sourceCode, write.arguments[0], pathArgument),
  );
  return (
    writes.length > 0 &&
    writes.every((write) => {
      const data = write.arguments[1];
      return data !== undefined && isJsonText(sourceCode, skipTransparentWrappers(data));
    })
  );
}

/**
 * `JSON.stringify(…)`, or a call of a function of this file that only returns it
 * (`function serialize(conf) { return JSON.stringify(conf, null, 2); }`).
 */
function isJsonText(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  if (isJsonStringifyCall(node)) return true;
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode, node.callee);
  if (variable?.defs.length !== 1) return false;
  const definition = variable.defs[0]!;
  const fn =
    definition.type === 'FunctionName'
      ? definition.node
      : definition.type === 'Variable' && definition.parent.kind === 'const'
        ? definition.node.init
        : undefined;
  if (!fn || !isFunctionNode(fn)) return false;
  const returned = returnedExpression(fn);
  return returned !== undefined && isJsonStringifyCall(skipTransparentWrappers(returned));
}

/**
 * True for `text.slice(PREFIX.length)` where `PREFIX` is a constant string that this file puts right before
 * `JSON.stringify(…)` output (`` `${PREFIX}${JSON.stringify(payload)}` ``, `PREFIX + JSON.stringify(payload)`): the
 * code strips the framing it wrote itself.
 */
function stripsOwnJsonPrefix(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): boolean {
  const start = call.arguments[0];
  if (
    start?.type !== AST_NODE_TYPES.MemberExpression ||
    memberPropertyName(start) !== 'length' ||
    start.object.type !== AST_NODE_TYPES.Identifier
  )
    return false;
  const prefix = findVariable(sourceCode, start.object);
  const definition = prefix?.defs[0];
  if (
    !prefix ||
    definition?.type !== 'Variable' ||
    definition.parent.kind !== 'const' ||
    !definition.node.init ||
    classify(sourceCode, definition.node.init, MAX_DEPTH).kind !== 'internal'
  )
    return false;
  return prefix.references.some((reference) => {
    const parent = reference.identifier.parent;
    if (parent.type === AST_NODE_TYPES.TemplateLiteral) {
      const index = parent.expressions.findIndex((expression) => expression === reference.identifier);
      const next = parent.expressions[index + 1];
      return next !== undefined && parent.quasis[index + 1]?.value.cooked === '' && isJsonStringifyCall(next);
    }
    return (
      parent.type === AST_NODE_TYPES.BinaryExpression &&
      parent.operator === '+' &&
      parent.left === reference.identifier &&
      isJsonStringifyCall(parent.right)
    );
  });
}

/** Classifies the result of a call by what it reads. */
function classifyCall(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression,
  depth: number,
): TextOrigin {
  if (isJsonStringifyCall(call)) return INTERNAL;
  const name = calleeName(call);
  const callee = skipTransparentWrappers(call.callee);
  const receiver = callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : undefined;
  const receiverName = calleeReceiverName(call);
  if (name === undefined) return UNKNOWN;
  if ((name === 'from' || name === 'concat') && receiverName === 'Buffer' && call.arguments[0]) {
    return classify(sourceCode, call.arguments[0], depth + 1);
  }
  if (receiver && PASS_THROUGH_METHODS.has(name)) {
    const fromReceiver = classify(sourceCode, receiver, depth + 1);
    if (
      fromReceiver.kind !== 'external' &&
      (name === 'slice' || name === 'substring') &&
      stripsOwnJsonPrefix(sourceCode, call)
    )
      return INTERNAL;
    return fromReceiver;
  }
  if (PASS_THROUGH_FUNCTIONS.has(name) && call.arguments[0]) return classify(sourceCode, call.arguments[0], depth + 1);
  if (name === 'decode' && call.arguments[0] && receiver?.type !== AST_NODE_TYPES.Identifier) {
    return classify(sourceCode, call.arguments[0], depth + 1);
  }
  if (name === 'decode' && call.arguments[0] && receiverName && /decoder/i.test(receiverName)) {
    return classify(sourceCode, call.arguments[0], depth + 1);
  }
  if (/^(readFileSync|readFile|readTextFile|readTextFileSync|readFileAsync|readFileUtf8)$/.test(name)) {
    const path = call.arguments[0];
    return path && (isOwnPackageManifest(sourceCode, path) || isOwnJsonFile(sourceCode, path))
      ? INTERNAL
      : external(LABEL.file);
  }
  if (name === 'getItem') return external(LABEL.storage);
  if (/^(execSync|execFileSync)$/.test(name)) return external(LABEL.command);
  if (name === 'prompt' && callee.type === AST_NODE_TYPES.Identifier) return external(LABEL.userInput);
  if (/^(getRawBody|rawBody|readBody|readRequestBody|readRawBody)$/.test(name)) return external(LABEL.body);
  if (name === 'text' && call.arguments.length === 0 && receiver) {
    const rootName = identifierName(memberChainRoot(receiver));
    return external(rootName && /^(req|request|ctx|context|event|c)$/.test(rootName) ? LABEL.body : LABEL.response);
  }
  if (name === 'text' && callee.type === AST_NODE_TYPES.Identifier && call.arguments.length === 1)
    return external(LABEL.body);
  if (name === 'get' && receiverName && call.arguments.length === 1) {
    if (QUERY_GETTER_RECEIVER.test(receiverName)) return external(LABEL.query);
    if (HEADER_GETTER_RECEIVER.test(receiverName)) return external(LABEL.header);
    if (receiverName === 'env') return external(LABEL.env);
    if (CACHE_RECEIVER.test(receiverName)) return external(LABEL.cache);
  }
  if (/^(hget|hGet|getex|getEx|getdel|getDel)$/.test(name) && receiverName && CACHE_RECEIVER.test(receiverName)) {
    return external(LABEL.cache);
  }
  if (name === 'then' && receiver) {
    const callback = call.arguments[0];
    if (callback && isFunctionNode(callback)) {
      const returned = returnedExpression(callback);
      if (returned) return classify(sourceCode, returned, depth + 1);
    }
  }
  return UNKNOWN;
}

/** The single expression a callback returns (expression body, or a body that is just `return x`). */
function returnedExpression(fn: FunctionNode): TSESTree.Node | undefined {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  const statements = fn.body.body;
  const last = statements[statements.length - 1];
  return statements.length === 1 && last?.type === AST_NODE_TYPES.ReturnStatement
    ? (last.argument ?? undefined)
    : undefined;
}

/** True when a function is a listener for external messages: `.on('message', fn)`, `addEventListener('message', fn)`, `x.onmessage = fn`. */
function isMessageListener(fn: TSESTree.Node): boolean {
  if (!fn.parent) return false;
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.CallExpression && (parent.arguments as TSESTree.Node[]).includes(fn)) {
    const method = calleeName(parent);
    const eventArgument = parent.arguments[0];
    const eventName =
      eventArgument?.type === AST_NODE_TYPES.Literal && typeof eventArgument.value === 'string'
        ? eventArgument.value
        : undefined;
    if (method && /^(on|once|addListener|addEventListener|prependListener|subscribe)$/.test(method)) {
      if (eventName && MESSAGE_EVENTS.has(eventName)) return true;
      const receiverName = calleeReceiverName(parent);
      return (
        eventName !== undefined &&
        receiverName !== undefined &&
        SOCKET_RECEIVER.test(receiverName) &&
        eventName !== 'error' &&
        eventName !== 'close'
      );
    }
    if (method && /^(onMessage|onmessage|onData|onText|consume|subscribe)$/.test(method)) return true;
    return false;
  }
  if (
    parent.type === AST_NODE_TYPES.AssignmentExpression &&
    parent.right === fn &&
    parent.left.type === AST_NODE_TYPES.MemberExpression
  ) {
    return /^on(message|data)$/i.test(memberPropertyName(parent.left) ?? '');
  }
  if (parent.type === AST_NODE_TYPES.Property && (parent.value as TSESTree.Node) === fn) {
    const key = parent.key.type === AST_NODE_TYPES.Identifier ? parent.key.name : undefined;
    return key !== undefined && /^(eachMessage|onMessage|message|onmessage|handleMessage)$/.test(key);
  }
  return false;
}

/** Classifies a function parameter (`param` is the identifier as declared). */
function classifyParameter(
  sourceCode: Readonly<TSESLint.SourceCode>,
  parameterIdentifier: TSESTree.Identifier,
  fn: FunctionNode,
): TextOrigin {
  // Destructured parameter: `({ body }) => …` reads `arg.body`.
  const property = parameterIdentifier.parent;
  if (property?.type === AST_NODE_TYPES.Property && property.value === parameterIdentifier) {
    const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : undefined;
    if (key) {
      const origin = classifyProperty(key, undefined);
      if (origin) return origin;
      if (isMessageListener(fn) || key === 'message' || key === 'msg') return external(LABEL.message);
    }
    return UNKNOWN;
  }
  const index = fn.params.findIndex(
    (param) =>
      param === parameterIdentifier ||
      (param.type === AST_NODE_TYPES.AssignmentPattern && param.left === parameterIdentifier),
  );
  if (index < 0) return UNKNOWN;
  if (isMessageListener(fn)) return external(LABEL.message);
  // `function onFrame(data) {…}` registered by name: `ws.on('message', onFrame)`.
  const bindingName = functionBindingIdentifier(fn);
  if (bindingName) {
    const variable = findVariable(sourceCode, bindingName);
    if (variable?.references.some((reference) => !reference.init && isMessageListener(reference.identifier))) {
      return external(LABEL.message);
    }
  }
  // `fs.readFile(path, (err, data) => …)`: the data parameter is file contents.
  const caller = fn.parent;
  if (
    index >= 1 &&
    caller.type === AST_NODE_TYPES.CallExpression &&
    (caller.arguments as TSESTree.Node[]).includes(fn) &&
    /^(readFile|readTextFile)$/.test(calleeName(caller) ?? '')
  ) {
    const path = caller.arguments[0];
    return path && (isOwnPackageManifest(sourceCode, path) || isOwnJsonFile(sourceCode, path))
      ? INTERNAL
      : external(LABEL.file);
  }
  // `promise.then((text) => …)`: the parameter is whatever the promise resolves to.
  const call = fn.parent;
  if (
    index === 0 &&
    call.type === AST_NODE_TYPES.CallExpression &&
    call.arguments[0] === fn &&
    call.callee.type === AST_NODE_TYPES.MemberExpression &&
    memberPropertyName(call.callee) === 'then'
  ) {
    const resolved = classify(sourceCode, call.callee.object, 1);
    if (resolved.kind === 'external') return resolved;
  }
  const binding = functionBindingIdentifier(fn);
  // A private helper or private method: its call sites in this file decide.
  if (privateCallSites(sourceCode, fn)) return { kind: 'parameter', fn, index };
  const functionName = binding?.name ?? methodName(fn);
  if (functionName && PARSING_FUNCTION.test(functionName)) return UNKNOWN;
  // `conn.send(JSON.stringify(…))` everywhere in the file: the program filled this parameter itself.
  if (functionName && callersPassOnlyInternalText(sourceCode, fn, functionName, index)) return INTERNAL;
  // A parameter name alone is not evidence: it counts only where the function does not send it out.
  if (TRANSPORT_PARAMETER.test(parameterIdentifier.name) && !(functionName && OUTGOING_FUNCTION.test(functionName))) {
    return external(LABEL.message);
  }
  if (functionName && HANDLER_FUNCTION.test(functionName)) return external(LABEL.message);
  return UNKNOWN;
}

/** Every call in the file by the name it is made through (`f(…)`, `a.b.f(…)` → f), collected in one walk. */
const callsByNameCache = new WeakMap<Readonly<TSESLint.SourceCode>, Map<string, TSESTree.CallExpression[]>>();

export function callsByName(sourceCode: Readonly<TSESLint.SourceCode>): Map<string, TSESTree.CallExpression[]> {
  const cached = callsByNameCache.get(sourceCode);
  if (cached) return cached;
  const calls = new Map<string, TSESTree.CallExpression[]>();
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const name = calleeName(node);
      if (name !== undefined) {
        const list = calls.get(name);
        if (list) list.push(node);
        else calls.set(name, [node]);
      }
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
  visit(sourceCode.ast);
  callsByNameCache.set(sourceCode, calls);
  return calls;
}

/**
 * True when the file calls a function of this name (outside the function itself) and every such call passes,
 * at `index`, text the program made (`JSON.stringify(…)`, literals). Calls of another object's method of the
 * same name count too, so the answer is only ever "internal" when the whole file agrees.
 */
function callersPassOnlyInternalText(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fn: FunctionNode,
  name: string,
  index: number,
): boolean {
  const calls = (callsByName(sourceCode).get(name) ?? []).filter(
    (call) => call.range[0] < fn.range[0] || call.range[1] > fn.range[1],
  );
  // Functions that pass the parameter to each other would otherwise ask each other forever.
  if (calls.length === 0 || functionsBeingTraced.has(fn)) return false;
  functionsBeingTraced.add(fn);
  try {
    return calls.every((call) => {
      const argument = call.arguments[index];
      return (
        argument !== undefined &&
        argument.type !== AST_NODE_TYPES.SpreadElement &&
        classify(sourceCode, argument, MAX_DEPTH - 1).kind === 'internal'
      );
    });
  } finally {
    functionsBeingTraced.delete(fn);
  }
}

const functionsBeingTraced = new Set<FunctionNode>();

function methodName(fn: FunctionNode): string | undefined {
  const parent = fn.parent;
  if (
    (parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.Property) &&
    parent.key.type === AST_NODE_TYPES.Identifier
  ) {
    return parent.key.name;
  }
  return undefined;
}

/** Classifies a local variable by everything ever written to it (initializer, assignments, `+=`, `.push(x)`). */
function classifyVariable(
  sourceCode: Readonly<TSESLint.SourceCode>,
  variable: TSESLint.Scope.Variable,
  identifier: TSESTree.Identifier,
  depth: number,
): TextOrigin {
  const definition = variable.defs[0];
  if (!definition) return UNKNOWN;
  if (definition.type === 'Parameter') {
    const fn = definition.node;
    const declared = variable.identifiers[0];
    return isFunctionNode(fn) && declared ? classifyParameter(sourceCode, declared, fn) : UNKNOWN;
  }
  if (definition.type !== 'Variable') return UNKNOWN;
  const origins: TextOrigin[] = [];
  const declarator = definition.node;
  const declared = variable.identifiers[0];
  if (declarator.id.type !== AST_NODE_TYPES.Identifier && declared) {
    // `const { body } = req` reads `req.body`.
    const property = declared.parent;
    if (
      property?.type === AST_NODE_TYPES.Property &&
      property.value === declared &&
      property.key.type === AST_NODE_TYPES.Identifier
    ) {
      const origin = classifyProperty(property.key.name, declarator.init ?? undefined);
      if (origin) return origin;
      if (declarator.init) {
        const fromObject = classify(sourceCode, declarator.init, depth + 1);
        if (fromObject.kind === 'external') return fromObject;
      }
      return UNKNOWN;
    }
    // `const [, , raw] = process.argv`: an element of an external array.
    if (declarator.init) {
      const fromArray = classify(sourceCode, declarator.init, depth + 1);
      if (fromArray.kind === 'external') return fromArray;
    }
    return UNKNOWN;
  }
  if (declarator.init) origins.push(classify(sourceCode, declarator.init, depth + 1));
  // `for (const line of text.split('\n'))`: each element comes from the iterated value.
  const loop = declarator.parent.parent;
  if (!declarator.init && loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === declarator.parent) {
    // `for await (const chunk of req)`: chunks of a request or stream body.
    const iterated = skipTransparentWrappers(loop.right);
    const iteratedName = identifierName(iterated);
    if (loop.await && iteratedName && /^(req|request|stream|readable|socket|stdin|body|incoming)$/.test(iteratedName)) {
      origins.push(external(LABEL.body));
    } else {
      origins.push(classify(sourceCode, loop.right, depth + 1));
    }
  }
  for (const reference of variable.references) {
    if (reference.identifier === identifier) continue;
    const parent = reference.identifier.parent;
    if (
      reference.isWrite() &&
      !reference.init &&
      parent.type === AST_NODE_TYPES.AssignmentExpression &&
      parent.left === reference.identifier
    ) {
      origins.push(classify(sourceCode, parent.right, depth + 1));
    } else if (
      parent.type === AST_NODE_TYPES.MemberExpression &&
      parent.object === reference.identifier &&
      memberPropertyName(parent) === 'push' &&
      parent.parent.type === AST_NODE_TYPES.CallExpression
    ) {
      for (const argument of parent.parent.arguments) origins.push(classify(sourceCode, argument, depth + 1));
    }
  }
  // Text accumulated from a stream (`body += chunk`) is external as soon as one piece is.
  const externalOrigin = origins.find((origin) => origin.kind === 'external');
  if (externalOrigin) return externalOrigin;
  if (origins.length === 1 && origins[0]) return origins[0];
  return origins.length > 0 && origins.every((origin) => origin.kind === 'internal') ? INTERNAL : UNKNOWN;
}

/** Where a text expression comes from, as far as syntax, scope and naming can tell. */
export function classify(sourceCode: Readonly<TSESLint.SourceCode>, expression: TSESTree.Node, depth = 0): TextOrigin {
  if (depth > MAX_DEPTH) return UNKNOWN;
  const node = skipTransparentWrappers(expression);
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return INTERNAL;
    case AST_NODE_TYPES.TemplateLiteral:
      return node.expressions.length === 0
        ? INTERNAL
        : either(node.expressions.map((part) => classify(sourceCode, part, depth + 1)));
    case AST_NODE_TYPES.BinaryExpression:
      return either([classify(sourceCode, node.left, depth + 1), classify(sourceCode, node.right, depth + 1)]);
    case AST_NODE_TYPES.LogicalExpression:
      return either([classify(sourceCode, node.left, depth + 1), classify(sourceCode, node.right, depth + 1)]);
    case AST_NODE_TYPES.ConditionalExpression:
      return either([
        classify(sourceCode, node.consequent, depth + 1),
        classify(sourceCode, node.alternate, depth + 1),
      ]);
    case AST_NODE_TYPES.AwaitExpression:
      return classify(sourceCode, node.argument, depth + 1);
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSTypeAssertion:
      return classify(sourceCode, node.expression, depth + 1);
    case AST_NODE_TYPES.MemberExpression: {
      const origin = classifyMember(sourceCode, node);
      if (origin) return origin;
      // `argv[2]`, `args[0]` of process.argv copies, `lines[i]` of a file: classify the object.
      if (node.computed) {
        const objectOrigin = classify(sourceCode, node.object, depth + 1);
        if (objectOrigin.kind === 'external') return objectOrigin;
      }
      return UNKNOWN;
    }
    case AST_NODE_TYPES.CallExpression:
      return classifyCall(sourceCode, node, depth);
    case AST_NODE_TYPES.Identifier: {
      const variable = findVariable(sourceCode, node);
      if (!variable) return UNKNOWN;
      return classifyVariable(sourceCode, variable, node, depth);
    }
    default:
      return UNKNOWN;
  }
}
