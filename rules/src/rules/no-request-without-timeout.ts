import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../util/create-rule.js';
import {
  calleeName,
  isFunctionNode,
  memberName,
  resolveVariable,
  skipWrappers,
  someDescendant,
} from '../util/async/ast.js';
import { constObjectLiteral, keyPresence, setPropertyFix, type KeyPresence } from '../util/service/objects.js';
import {
  declaringModule,
  getChecker,
  isUndeclaredGlobal,
  moduleOrigin,
  type Checker,
  type ModuleOrigin,
} from '../util/service/origin.js';
import { isBrowserUiFile, isTestFile } from '../util/service/files.js';

export type MessageId =
  'noTimeout' | 'signalNotPassed' | 'suggestSignal' | 'suggestAnySignal' | 'suggestTimeout' | 'suggestInstanceTimeout';
export type Options = [
  {
    /** Milliseconds the suggestions put in `AbortSignal.timeout(…)` or `timeout: …`. */
    defaultTimeoutMs?: number;
  },
];

type ClientKind = 'fetch' | 'axios' | 'got' | 'http';

/** An axios or got instance and what the file says about its timeout. */
interface Instance {
  /** The `axios.create({...})` / `got.extend({...})` options literal, when there is one to add a timeout to. */
  options: TSESTree.ObjectExpression | undefined;
  /** Whether the instance has a timeout (from its options or a later `instance.defaults.timeout = …`). */
  timeout: KeyPresence;
}

interface RequestCall {
  kind: ClientKind;
  /** How the report names the client: `fetch`, `axios.get`, `https.request`, `got.post`, `api.get`. */
  label: string;
  /** The options argument, when the call has one. */
  options: TSESTree.Node | undefined;
  /** Where a missing options argument goes: its index among the arguments. */
  optionsIndex: number;
  instance: Instance | undefined;
}

const FETCH_MODULES: Record<string, string> = {
  'node-fetch': 'default',
  'cross-fetch': 'default',
  'isomorphic-fetch': 'default',
  undici: 'fetch',
  'undici-types': 'fetch',
};
const AXIOS_URL_METHODS = new Set(['get', 'delete', 'head', 'options', 'getUri']);
const AXIOS_DATA_METHODS = new Set(['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm']);
const GOT_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'stream']);
const HTTP_MODULES = new Set(['http', 'https']);
const CLIENT_MODULES = new Set(['axios', 'got', 'http', 'https', ...Object.keys(FETCH_MODULES)]);
const SIGNAL_KEYS = new Set(['signal']);
const FETCH_KEYS = new Set(['signal', 'timeout']);
const AXIOS_KEYS = new Set(['timeout', 'signal', 'cancelToken']);
const GOT_KEYS = new Set(['timeout', 'signal']);
// An agent may carry its own socket timeout; a `createConnection` builds the socket itself.
const HTTP_KEYS = new Set(['timeout', 'signal', 'agent', 'createConnection']);
const TIMEOUT_KEYS = new Set(['timeout']);
const TIMEOUT_WRAPPER = /timeout|deadline|timelimit/i;
const TIMER_FUNCTION = /^(?:set|clear)(?:Timeout|Interval|Immediate)$/;
const WRAPPER_KEYS = new Set(['timeout', 'deadline', 'signal', 'milliseconds']);
const CLIENT_TEXT = /\bfetch\b|['"](?:axios|got|(?:node:)?https?|undici|node-fetch|cross-fetch|isomorphic-fetch)['"]/;
/** Every method name of a client call the rule knows (axios, got, http, `globalThis.fetch`). */
/**
 * The right-hand side of `name = import(…)`, `name = require(…)` or `name = x.create(…)`. The search starts at the
 * `=`, which is rare, rather than at every character that may start a name; `nameBefore` then reads the name.
 */
const ASSIGNED_CLIENT = /=\s*(?:await\s+)?(?:import\(|require\(|[\w$.]+\.\s*(?:create|extend)\s*\()/g;

/** The name that ends, up to white space, right before `text[index]`: the longest `[A-Za-z_$][\w$]*` there. */
function nameBefore(text: string, index: number): string | undefined {
  let end = index;
  while (end > 0 && /\s/.test(text[end - 1]!)) end -= 1;
  let start = end;
  while (start > 0 && /[\w$]/.test(text[start - 1]!)) start -= 1;
  while (start < end && !/[A-Za-z_$]/.test(text[start]!)) start += 1;
  return start < end ? text.slice(start, end) : undefined;
}

const CLIENT_METHODS = new Set([
  'get',
  'delete',
  'head',
  'options',
  'post',
  'put',
  'patch',
  'postForm',
  'putForm',
  'patchForm',
  'request',
  'stream',
  'fetch',
]);
const REACT_HOOK = /^use[A-Z]/;

/** A plain boolean on purpose: the type guard `Type.isTypeParameter()` would narrow the type to never after it. */
function isTypeParameter(type: import('typescript').Type): boolean {
  return type.isTypeParameter();
}

export default createRule<Options, MessageId>({
  name: 'no-request-without-timeout',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow outgoing HTTP requests that have neither a timeout nor an abort signal',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      noTimeout: 'This {{client}} call has no timeout and no abort signal, so it can hang forever.',
      signalNotPassed: 'This {{client}} call ignores the `signal` in scope and has no timeout, so it can hang forever.',
      suggestSignal: 'Pass `signal: AbortSignal.timeout({{ms}})`.',
      suggestAnySignal: 'Pass `signal`, combined with `AbortSignal.timeout({{ms}})`.',
      suggestTimeout: 'Set `timeout: {{ms}}` on this request.',
      suggestInstanceTimeout: 'Set `timeout: {{ms}}` on the instance where it is created.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          defaultTimeoutMs: { type: 'integer', minimum: 1 },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ defaultTimeoutMs: 10_000 }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    if (isTestFile(context.filename)) return {};
    const types = getChecker(context);
    // Without types a request needs `fetch` or a client module named in the file; with types a re-export may hide it.
    if (!types && !CLIENT_TEXT.test(sourceCode.text)) return {};
    if (isBrowserUiFile(context.filename, sourceCode)) return {};
    const ms = String(options.defaultTimeoutMs ?? 10_000);
    const candidates = candidateNames();
    const mayHaveInstances = /\.\s*(?:create|extend)\s*\(/.test(sourceCode.text);
    const fieldCreations = new Map<TSESTree.ClassBody, Map<string, TSESTree.Node[]>>();

    /**
     * Names a client call can start with: `fetch`, `globalThis`, every import and top-level `require` binding,
     * and variables assigned an instance (`const api = axios.create(…)`). Anything else is skipped before any
     * scope lookup.
     */
    function candidateNames(): Set<string> {
      const names = new Set(['fetch', 'globalThis', 'global']);
      for (const statement of sourceCode.ast.body) {
        if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
          for (const specifier of statement.specifiers) names.add(specifier.local.name);
        } else if (statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
          names.add(statement.id.name);
        } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
          for (const declarator of statement.declarations) {
            if (declarator.id.type === AST_NODE_TYPES.Identifier) names.add(declarator.id.name);
            else if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
              for (const property of declarator.id.properties) {
                const value = property.type === AST_NODE_TYPES.Property ? property.value : undefined;
                if (value?.type === AST_NODE_TYPES.Identifier) names.add(value.name);
              }
            }
          }
        }
      }
      const text = sourceCode.text;
      for (const match of text.matchAll(ASSIGNED_CLIENT)) {
        const name = nameBefore(text, match.index);
        if (name !== undefined) names.add(name);
      }
      return names;
    }
    let configuredObjects: Set<string> | undefined;

    /** Receivers whose defaults the file changes (`api.defaults.timeout = …`, `axios.defaults = …`). */
    function configured(): Set<string> {
      if (configuredObjects) return configuredObjects;
      configuredObjects = new Set();
      for (const match of sourceCode.text.matchAll(/([\w$.]+?)\s*\.\s*defaults\b/g)) {
        configuredObjects.add(match[1]!.replace(/\s+/g, ''));
      }
      return configuredObjects;
    }

    /** The declaring module of each imported or required binding asked about: every use names the same symbol. */
    const declaredByVariable = new Map<TSESLint.Scope.Variable, ReturnType<typeof declaringModule>>();

    /** The module origin of an identifier; with types, through re-exports and renames too. */
    function originOf(identifier: TSESTree.Identifier): ModuleOrigin | undefined {
      const variable = resolveVariable(sourceCode, identifier);
      const origin = moduleOrigin(variable);
      if (origin && CLIENT_MODULES.has(origin.source)) return origin;
      if (!types) return origin;
      // Only imported bindings are worth a checker query: locals and parameters are answered by the file.
      if (!variable || (!origin && variable.defs[0]?.type !== 'ImportBinding')) return undefined;
      let declared = declaredByVariable.get(variable);
      if (!declaredByVariable.has(variable)) {
        declared = declaringModule(types, identifier);
        declaredByVariable.set(variable, declared);
      }
      if (!declared || declared.module === 'lib') return origin;
      return { source: declared.module, imported: declared.name };
    }

    function isAxios(origin: ModuleOrigin | undefined): boolean {
      return origin?.source === 'axios' && (origin.imported === 'default' || origin.imported === 'axios');
    }

    function isGot(origin: ModuleOrigin | undefined): boolean {
      return origin?.source === 'got' && (origin.imported === 'default' || origin.imported === 'got');
    }

    /** `axios.create({...})` / `got.extend({...})` (also `axios.default.create`). */
    function instanceFromCreation(init: TSESTree.Node): { kind: 'axios' | 'got'; instance: Instance } | undefined {
      const call = skipWrappers(init);
      if (call.type !== AST_NODE_TYPES.CallExpression) return undefined;
      const callee = skipWrappers(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const method = memberName(callee);
      let object = skipWrappers(callee.object);
      if (object.type === AST_NODE_TYPES.MemberExpression && memberName(object) === 'default')
        object = skipWrappers(object.object);
      if (object.type !== AST_NODE_TYPES.Identifier) return undefined;
      const origin = originOf(object);
      let kind: 'axios' | 'got' | undefined;
      if (method === 'create' && (isAxios(origin) || (origin?.source === 'axios' && origin.imported === '*')))
        kind = 'axios';
      else if (method === 'extend' && isGot(origin)) kind = 'got';
      if (!kind) return undefined;
      const [first] = call.arguments;
      if (!first) return { kind, instance: { options: undefined, timeout: 'absent' } };
      // got.extend(otherInstance, {...}): the other instance's options are not visible here.
      if (call.arguments.length > 1) return { kind, instance: { options: undefined, timeout: 'unknown' } };
      const literal =
        first.type === AST_NODE_TYPES.ObjectExpression
          ? first
          : first.type === AST_NODE_TYPES.Identifier
            ? constObjectLiteral(sourceCode, first)
            : undefined;
      const keys = kind === 'axios' ? AXIOS_KEYS : GOT_KEYS;
      return { kind, instance: { options: literal, timeout: keyPresence(sourceCode, first, keys) } };
    }

    /** The instance a variable holds (`const api = axios.create(...)`), null when it holds none. */
    function variableInstance(
      identifier: TSESTree.Identifier,
    ): { kind: 'axios' | 'got'; instance: Instance } | undefined {
      const variable = resolveVariable(sourceCode, identifier);
      const def = variable?.defs[0];
      if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable' || !def.node.init) return undefined;
      if (def.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
      if (variable.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
      const created = instanceFromCreation(def.node.init);
      if (!created) return undefined;
      if (configured().has(identifier.name)) created.instance.timeout = 'unknown';
      return created;
    }

    /** The instance stored in `this.<name>` by a field initialiser or an assignment in its class. */
    function fieldInstance(
      member: TSESTree.MemberExpression,
    ): { kind: 'axios' | 'got'; instance: Instance } | undefined {
      const name = memberName(member);
      if (!name) return undefined;
      let classBody: TSESTree.ClassBody | undefined;
      for (let node: TSESTree.Node | undefined = member.parent; node; node = node.parent) {
        if (node.type === AST_NODE_TYPES.ClassBody) {
          classBody = node;
          break;
        }
      }
      if (!classBody) return undefined;
      const creations = fieldAssignments(classBody).get(name) ?? [];
      if (creations.length !== 1) return undefined;
      const created = instanceFromCreation(creations[0]!);
      if (!created) return undefined;
      if (configured().has(`this.${name}`)) created.instance.timeout = 'unknown';
      return created;
    }

    /** What each `this.<name>` of a class is assigned (field initialisers and assignments), scanned once per class. */
    function fieldAssignments(classBody: TSESTree.ClassBody): Map<string, TSESTree.Node[]> {
      const cached = fieldCreations.get(classBody);
      if (cached) return cached;
      const byName = new Map<string, TSESTree.Node[]>();
      const add = (name: string, value: TSESTree.Node): void => {
        const list = byName.get(name) ?? [];
        list.push(value);
        byName.set(name, list);
      };
      for (const element of classBody.body) {
        if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.static && element.value) {
          if (element.key.type === AST_NODE_TYPES.Identifier || element.key.type === AST_NODE_TYPES.PrivateIdentifier)
            add(element.key.name, element.value);
        }
      }
      someDescendant(
        classBody,
        (node) => {
          if (
            node.type === AST_NODE_TYPES.AssignmentExpression &&
            node.left.type === AST_NODE_TYPES.MemberExpression &&
            node.left.object.type === AST_NODE_TYPES.ThisExpression
          ) {
            const name = memberName(node.left);
            if (name) add(name, node.right);
          }
          return false;
        },
        false,
        sourceCode.visitorKeys,
      );
      fieldCreations.set(classBody, byName);
      return byName;
    }

    function isFetchOrigin(origin: ModuleOrigin | undefined): boolean {
      return !!origin && FETCH_MODULES[origin.source] !== undefined && FETCH_MODULES[origin.source] === origin.imported;
    }

    /** What request this call makes, if it is one the rule knows. */
    function classify(call: TSESTree.CallExpression): RequestCall | undefined {
      const callee = skipWrappers(call.callee);
      const args = call.arguments;
      if (callee.type === AST_NODE_TYPES.Identifier && !candidates.has(callee.name)) return undefined;
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = memberName(callee);
        if (!method || !CLIENT_METHODS.has(method)) return undefined;
        let object = skipWrappers(callee.object);
        if (object.type === AST_NODE_TYPES.MemberExpression && memberName(object) === 'default')
          object = skipWrappers(object.object);
        if (object.type === AST_NODE_TYPES.Identifier && !candidates.has(object.name)) return undefined;
        if (object.type === AST_NODE_TYPES.MemberExpression && !mayHaveInstances) return undefined;
      }
      if (callee.type === AST_NODE_TYPES.Identifier) {
        if (callee.name === 'fetch' && isUndeclaredGlobal(sourceCode, callee)) return fetchCall('fetch', args);
        const origin = originOf(callee);
        if (isFetchOrigin(origin)) return fetchCall(callee.name, args);
        if (origin && HTTP_MODULES.has(origin.source) && (origin.imported === 'request' || origin.imported === 'get')) {
          return httpCall(`${origin.source}.${origin.imported}`, args);
        }
        if (isAxios(origin)) return clientCallable('axios', 'axios', args, defaultInstance(callee.name));
        if (isGot(origin)) return clientCallable('got', 'got', args, defaultInstance(callee.name));
        const created = variableInstance(callee);
        if (created?.kind === 'axios') return clientCallable('axios', callee.name, args, created.instance);
        if (created?.kind === 'got') return clientCallable('got', callee.name, args, created.instance);
        return undefined;
      }
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const method = memberName(callee);
      if (!method) return undefined;
      let object = skipWrappers(callee.object);
      // `axios.default.get(...)`, `require('axios').default.get(...)`
      if (
        object.type === AST_NODE_TYPES.MemberExpression &&
        memberName(object) === 'default' &&
        object.object.type === AST_NODE_TYPES.Identifier
      ) {
        object = object.object;
      }
      if (object.type === AST_NODE_TYPES.Identifier) {
        if (
          method === 'fetch' &&
          (object.name === 'globalThis' || object.name === 'global') &&
          isUndeclaredGlobal(sourceCode, object)
        ) {
          return fetchCall(`${object.name}.fetch`, args);
        }
        const origin = originOf(object);
        if (origin && HTTP_MODULES.has(origin.source) && (origin.imported === '*' || origin.imported === 'default')) {
          if (method === 'request' || method === 'get') return httpCall(`${object.name}.${method}`, args);
          return undefined;
        }
        if (isAxios(origin) || (origin?.source === 'axios' && origin.imported === '*')) {
          return axiosMethod(`${object.name}.${method}`, method, args, defaultInstance(object.name));
        }
        if (isGot(origin)) return gotMethod(`${object.name}.${method}`, method, args, defaultInstance(object.name));
        const created = variableInstance(object);
        if (created?.kind === 'axios') return axiosMethod(`${object.name}.${method}`, method, args, created.instance);
        if (created?.kind === 'got') return gotMethod(`${object.name}.${method}`, method, args, created.instance);
        return undefined;
      }
      if (
        object.type === AST_NODE_TYPES.MemberExpression &&
        skipWrappers(object.object).type === AST_NODE_TYPES.ThisExpression
      ) {
        const created = fieldInstance(object);
        const label = `${sourceCode.getText(object)}.${method}`;
        if (created?.kind === 'axios') return axiosMethod(label, method, args, created.instance);
        if (created?.kind === 'got') return gotMethod(label, method, args, created.instance);
      }
      return undefined;
    }

    function defaultInstance(name: string): Instance {
      return { options: undefined, timeout: configured().has(name) ? 'unknown' : 'absent' };
    }

    function fetchCall(label: string, args: TSESTree.CallExpressionArgument[]): RequestCall | undefined {
      if (args.length === 0 || args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return undefined;
      // A `Request` object (`fetch(request)`, `fetch(new Request(url, incoming))`) carries its own signal.
      if (!looksLikeUrl(args[0]!)) return undefined;
      return { kind: 'fetch', label, options: args[1], optionsIndex: 1, instance: undefined };
    }

    function httpCall(label: string, args: TSESTree.CallExpressionArgument[]): RequestCall | undefined {
      if (args.length === 0 || args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return undefined;
      const [first, second] = args;
      if (second && !isFunctionLike(second))
        return { kind: 'http', label, options: second, optionsIndex: 1, instance: undefined };
      if (first && looksLikeOptions(first))
        return { kind: 'http', label, options: first, optionsIndex: 0, instance: undefined };
      if (first && !looksLikeUrl(first)) return undefined;
      return { kind: 'http', label, options: undefined, optionsIndex: 1, instance: undefined };
    }

    /** `client(url)`, `client(url, options)` or `client(options)` of axios or got: where the options go. */
    function clientCallable(
      kind: 'axios' | 'got',
      label: string,
      args: TSESTree.CallExpressionArgument[],
      instance: Instance,
    ): RequestCall | undefined {
      if (args.length === 0 || args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return undefined;
      const [first, second] = args;
      if (second) return { kind, label, options: second, optionsIndex: 1, instance };
      if (first && looksLikeOptions(first)) return { kind, label, options: first, optionsIndex: 0, instance };
      if (first && !looksLikeUrl(first)) return undefined;
      return { kind, label, options: undefined, optionsIndex: 1, instance };
    }

    function axiosMethod(
      label: string,
      method: string,
      args: TSESTree.CallExpressionArgument[],
      instance: Instance,
    ): RequestCall | undefined {
      if (args.length === 0 || args.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) return undefined;
      if (method === 'request') return { kind: 'axios', label, options: args[0], optionsIndex: 0, instance };
      if (AXIOS_URL_METHODS.has(method) && method !== 'getUri')
        return { kind: 'axios', label, options: args[1], optionsIndex: 1, instance };
      if (AXIOS_DATA_METHODS.has(method)) return { kind: 'axios', label, options: args[2], optionsIndex: 2, instance };
      return undefined;
    }

    function gotMethod(
      label: string,
      method: string,
      args: TSESTree.CallExpressionArgument[],
      instance: Instance,
    ): RequestCall | undefined {
      if (!GOT_METHODS.has(method)) return undefined;
      return clientCallable('got', label, args, instance);
    }

    function isFunctionLike(node: TSESTree.Node): boolean {
      const expression = skipWrappers(node);
      if (isFunctionNode(expression)) return true;
      if (expression.type !== AST_NODE_TYPES.Identifier) return false;
      const def = resolveVariable(sourceCode, expression)?.defs[0];
      return (
        def?.type === 'FunctionName' || (def?.type === 'Variable' && !!def.node.init && isFunctionNode(def.node.init))
      );
    }

    function looksLikeOptions(node: TSESTree.Node): boolean {
      const expression = skipWrappers(node);
      if (expression.type === AST_NODE_TYPES.ObjectExpression) return true;
      return expression.type === AST_NODE_TYPES.Identifier && constObjectLiteral(sourceCode, expression) !== undefined;
    }

    /** A URL argument: a string, a template, `new URL(...)`, or a variable whose name or value says so. */
    function looksLikeUrl(node: TSESTree.Node): boolean {
      const expression = skipWrappers(node);
      if (expression.type === AST_NODE_TYPES.Literal) return typeof expression.value === 'string';
      if (expression.type === AST_NODE_TYPES.TemplateLiteral) return true;
      if (expression.type === AST_NODE_TYPES.BinaryExpression) return expression.operator === '+';
      if (expression.type === AST_NODE_TYPES.NewExpression) return calleeName(expression) === 'URL';
      if (expression.type === AST_NODE_TYPES.CallExpression) {
        const name = calleeName(expression);
        return (
          name === 'toString' ||
          name === 'join' ||
          name === 'format' ||
          name === 'String' ||
          /url|uri|endpoint|href|path/i.test(name ?? '')
        );
      }
      const name =
        expression.type === AST_NODE_TYPES.Identifier
          ? expression.name
          : expression.type === AST_NODE_TYPES.MemberExpression
            ? memberName(expression)
            : undefined;
      if (name && /url|uri|endpoint|href|link|address|location|path|route/i.test(name)) return true;
      if (types) {
        const isString = types.ask(expression, () => {
          const tsNode = types.tsNode(expression);
          if (!tsNode) return false;
          const type = types.checker.getTypeAtLocation(tsNode);
          if (type.flags & 3) return false; // any, unknown
          return types.checker.isTypeAssignableTo(type, types.checker.getStringType());
        });
        if (isString) return true;
      }
      return false;
    }

    /** With types, an options argument whose declared type has none of `keys` cannot carry a timeout or signal. */
    function typeLacks(node: TSESTree.Node, keys: ReadonlySet<string>): boolean {
      if (!types) return false;
      return (
        types.ask(node, () => {
          const tsNode = types.tsNode(skipWrappers(node));
          if (!tsNode) return false;
          const type = types.checker.getTypeAtLocation(tsNode);
          return lacks(types, type, keys);
        }) ?? false
      );
    }

    function lacks(checkerTypes: Checker, type: import('typescript').Type, keys: ReadonlySet<string>): boolean {
      // Any, unknown and type parameters say nothing; 1 | 2 are Any | Unknown, which keep their values across versions.
      if (type.flags & 3 || isTypeParameter(type)) return false;
      if (type.isUnion()) return type.types.every((member) => lacks(checkerTypes, member, keys));
      // Only object types (interfaces, literals, intersections) list their properties; TypeFlags values move between versions.
      if (!('objectFlags' in type) && !type.isIntersection()) return false;
      if (checkerTypes.checker.getIndexInfosOfType(type).length > 0) return false;
      for (const key of keys) if (type.getProperty(key)) return false;
      return true;
    }

    function optionKeys(request: RequestCall): ReadonlySet<string> {
      switch (request.kind) {
        case 'fetch':
          return FETCH_KEYS;
        case 'axios':
          return AXIOS_KEYS;
        case 'got':
          return GOT_KEYS;
        case 'http':
          return HTTP_KEYS;
      }
    }

    /** Whether the call's options carry a timeout or a signal that can fire. */
    function optionsProtect(request: RequestCall): boolean {
      if (!request.options) return false;
      const keys = optionKeys(request);
      const presence = keyPresence(sourceCode, request.options, keys);
      if (presence === 'present') return !hasDeadSignal(request.options);
      if (presence === 'unknown') return !typeLacks(request.options, keys);
      return false;
    }

    /** `signal: new AbortController().signal`, or the signal of a local controller nothing ever aborts or hands on. */
    function hasDeadSignal(options: TSESTree.Node): boolean {
      const object = skipWrappers(options);
      const literal =
        object.type === AST_NODE_TYPES.ObjectExpression
          ? object
          : object.type === AST_NODE_TYPES.Identifier
            ? constObjectLiteral(sourceCode, object)
            : undefined;
      if (!literal) return false;
      if (keyPresence(sourceCode, literal, TIMEOUT_KEYS) !== 'absent') return false;
      const signal = literal.properties.find(
        (property): property is TSESTree.Property =>
          property.type === AST_NODE_TYPES.Property &&
          !property.computed &&
          property.key.type === AST_NODE_TYPES.Identifier &&
          property.key.name === 'signal',
      );
      if (!signal) return false;
      const value = skipWrappers(signal.value);
      if (value.type !== AST_NODE_TYPES.MemberExpression || memberName(value) !== 'signal') return false;
      const controller = skipWrappers(value.object);
      if (controller.type === AST_NODE_TYPES.NewExpression) return calleeName(controller) === 'AbortController';
      if (controller.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = resolveVariable(sourceCode, controller);
      const def = variable?.defs[0];
      if (!variable || def?.type !== 'Variable' || !def.node.init) return false;
      const init = skipWrappers(def.node.init);
      if (init.type !== AST_NODE_TYPES.NewExpression || calleeName(init) !== 'AbortController') return false;
      // Any use other than reading `.signal` (an `abort()` call, handing the controller on) may abort it.
      return variable.references.every((reference) => {
        if (reference.init) return true;
        const parent = reference.identifier.parent;
        return (
          parent?.type === AST_NODE_TYPES.MemberExpression &&
          parent.object === reference.identifier &&
          memberName(parent) === 'signal'
        );
      });
    }

    /** `const req = http.request(...)` followed by `req.setTimeout(...)`, `req.destroy()` from a timer, or a chained `.setTimeout(...)`. */
    function httpRequestTimedOut(call: TSESTree.CallExpression): boolean {
      let node: TSESTree.Node = call;
      // Chains: `https.get(url, cb).setTimeout(5000)`, `.on('error', …).setTimeout(…)`.
      while (node.parent?.type === AST_NODE_TYPES.MemberExpression && node.parent.object === node) {
        const name = memberName(node.parent);
        if (name === 'setTimeout') return true;
        const outer: TSESTree.Node | undefined = node.parent.parent;
        if (outer?.type !== AST_NODE_TYPES.CallExpression || outer.callee !== node.parent) break;
        node = outer;
      }
      const parent = node.parent;
      if (
        parent?.type === AST_NODE_TYPES.ReturnStatement ||
        (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === node)
      ) {
        return true; // the caller owns the request and may time it out
      }
      // The variable holding the request: a timeout set on it, on its socket, or a timer that destroys it.
      let holder: TSESLint.Scope.Variable | undefined;
      if (
        parent?.type === AST_NODE_TYPES.VariableDeclarator &&
        parent.init === node &&
        parent.id.type === AST_NODE_TYPES.Identifier
      ) {
        holder = sourceCode.getDeclaredVariables(parent)[0];
      } else if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node) {
        const target = skipWrappers(parent.left);
        if (target.type !== AST_NODE_TYPES.Identifier) return true; // stored in a field: whoever owns it may time it out
        holder = resolveVariable(sourceCode, target);
      }
      if (!holder) return false;
      return holder.references.some((reference) => {
        const use = reference.identifier.parent;
        if (use?.type !== AST_NODE_TYPES.MemberExpression || use.object !== reference.identifier) {
          // Handed on (`track(req)`, `return req`): the owner may time it out.
          return !reference.init && !reference.isWrite();
        }
        const name = memberName(use);
        if (name === 'setTimeout') return true;
        if ((name === 'destroy' || name === 'abort') && insideTimerCallback(use)) return true;
        if (name === 'on' || name === 'once') {
          const listener = use.parent?.type === AST_NODE_TYPES.CallExpression ? use.parent.arguments[1] : undefined;
          return (
            !!listener &&
            isFunctionNode(listener) &&
            someDescendant(
              listener,
              (inner) => inner.type === AST_NODE_TYPES.CallExpression && calleeName(inner) === 'setTimeout',
              false,
              sourceCode.visitorKeys,
            )
          );
        }
        return false;
      });
    }

    function insideTimerCallback(node: TSESTree.Node): boolean {
      for (let current = node.parent; current; current = current.parent) {
        if (isFunctionNode(current)) {
          const call = current.parent;
          return (
            call?.type === AST_NODE_TYPES.CallExpression &&
            call.arguments[0] === current &&
            calleeName(call) === 'setTimeout'
          );
        }
      }
      return false;
    }

    /**
     * Whether a wrapper bounds the call: an argument of `withTimeout(...)`, `pTimeout(...)` and the like, of a
     * local function that creates a timeout itself, an element of a `Promise.race`, or inside a React hook.
     */
    function wrapped(call: TSESTree.CallExpression): boolean {
      let child: TSESTree.Node = call;
      for (let node: TSESTree.Node | undefined = call.parent; node; child = node, node = node.parent) {
        if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.includes(child as never)) {
          const name = calleeName(node);
          if (name === 'race') return true;
          if (name && !TIMER_FUNCTION.test(name) && (TIMEOUT_WRAPPER.test(name) || REACT_HOOK.test(name))) return true;
          // `retry(() => fetch(url), { timeout: 5000 })`: the helper is given a deadline.
          if (
            node.arguments.some(
              (arg) =>
                arg.type === AST_NODE_TYPES.ObjectExpression &&
                keyPresence(sourceCode, arg, WRAPPER_KEYS) === 'present',
            )
          )
            return true;
          if (appliesTimeout(node)) return true;
        }
        if (
          node.type === AST_NODE_TYPES.ArrayExpression &&
          node.parent?.type === AST_NODE_TYPES.CallExpression &&
          calleeName(node.parent) === 'race'
        ) {
          return true;
        }
      }
      return false;
    }

    /** A call of a function declared in the file whose body arms a timer or creates a timeout signal. */
    function appliesTimeout(call: TSESTree.CallExpression): boolean {
      const callee = skipWrappers(call.callee);
      if (callee.type !== AST_NODE_TYPES.Identifier) return false;
      const def = resolveVariable(sourceCode, callee)?.defs[0];
      let fn: TSESTree.Node | undefined;
      if (def?.type === 'FunctionName') fn = def.node;
      else if (def?.type === 'Variable' && def.node.init && isFunctionNode(def.node.init)) fn = def.node.init;
      if (!fn) return false;
      return someDescendant(
        fn,
        (node) => {
          if (node.type !== AST_NODE_TYPES.CallExpression) return false;
          const name = calleeName(node);
          const target = skipWrappers(node.callee);
          if (
            name === 'timeout' &&
            target.type === AST_NODE_TYPES.MemberExpression &&
            skipWrappers(target.object).type === AST_NODE_TYPES.Identifier &&
            (skipWrappers(target.object) as TSESTree.Identifier).name === 'AbortSignal'
          ) {
            return true;
          }
          // A timer that aborts or rejects (a deadline), not a sleep that resolves.
          const callback = name === 'setTimeout' ? node.arguments[0] : undefined;
          return (
            !!callback &&
            isFunctionNode(callback) &&
            someDescendant(
              callback,
              (inner) =>
                inner.type === AST_NODE_TYPES.CallExpression &&
                ['abort', 'reject', 'destroy', 'cancel'].includes(calleeName(inner) ?? ''),
              false,
              sourceCode.visitorKeys,
            )
          );
        },
        false,
        sourceCode.visitorKeys,
      );
    }

    /** A caller's `signal` visible at the call (a parameter or a binding destructured from one). */
    function signalInScope(call: TSESTree.CallExpression): TSESLint.Scope.Variable | undefined {
      for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(call); scope; scope = scope.upper) {
        const variable = scope.set.get('signal');
        if (!variable) continue;
        const def = variable.defs[0];
        if (def?.type === 'Parameter') return variable;
        if (def?.type === 'Variable' && def.node.init) {
          const init = skipWrappers(def.node.init);
          if (init.type === AST_NODE_TYPES.Identifier || init.type === AST_NODE_TYPES.MemberExpression) return variable;
        }
        return undefined;
      }
      return undefined;
    }

    /** Whether the caller's signal may be undefined (optional parameter, default-less destructuring, or unknown). */
    function signalMayBeMissing(variable: TSESLint.Scope.Variable): boolean {
      const identifier = variable.defs[0]?.name;
      if (types && identifier) {
        const optional = types.ask(identifier, () => {
          const tsNode = types.tsNode(identifier);
          if (!tsNode) return undefined;
          const type = types.checker.getTypeAtLocation(tsNode);
          // 32768 | 16384 are ts.TypeFlags.Undefined | Null; 3 is Any | Unknown.
          if (type.flags & 3) return true;
          return type.isUnion() ? type.types.some((member) => (member.flags & (32768 | 16384)) !== 0) : false;
        });
        if (optional !== undefined) return optional;
      }
      if (identifier?.type !== AST_NODE_TYPES.Identifier) return true;
      if (identifier.optional) return true;
      const annotation = identifier.typeAnnotation?.typeAnnotation;
      return !(
        annotation?.type === AST_NODE_TYPES.TSTypeReference &&
        annotation.typeName.type === AST_NODE_TYPES.Identifier &&
        annotation.typeName.name === 'AbortSignal'
      );
    }

    function suggestions(
      call: TSESTree.CallExpression,
      request: RequestCall,
      signal: TSESLint.Scope.Variable | undefined,
    ): TSESLint.ReportSuggestionArray<MessageId> {
      const result: TSESLint.ReportSuggestionArray<MessageId> = [];
      const timeoutSignal = `AbortSignal.timeout(${ms})`;
      if (request.kind === 'fetch' || request.kind === 'http') {
        if (signal) {
          const combined = signalMayBeMissing(signal)
            ? `signal ? AbortSignal.any([signal, ${timeoutSignal}]) : ${timeoutSignal}`
            : `AbortSignal.any([signal, ${timeoutSignal}])`;
          const fix = optionFix(call, request, 'signal', combined);
          if (fix) result.push({ messageId: 'suggestAnySignal', data: { ms }, fix });
        } else {
          const fix = optionFix(call, request, 'signal', timeoutSignal);
          if (fix) result.push({ messageId: 'suggestSignal', data: { ms }, fix });
        }
      }
      if (request.kind !== 'fetch') {
        const value = request.kind === 'got' ? `{ request: ${ms} }` : ms;
        const fix = optionFix(call, request, 'timeout', value);
        if (fix) result.push({ messageId: 'suggestTimeout', data: { ms }, fix });
        const created = request.instance?.options;
        if (created && request.instance?.timeout === 'absent') {
          result.push({
            messageId: 'suggestInstanceTimeout',
            data: { ms },
            fix: (fixer) => setPropertyFix(sourceCode, fixer, created, 'timeout', value),
          });
        }
      }
      return result;
    }

    /** An edit putting `property` into the call's options: into the literal, around a variable (`{ ...init, … }`), or as a new argument. */
    function optionFix(
      call: TSESTree.CallExpression,
      request: RequestCall,
      key: string,
      value: string,
    ): TSESLint.ReportFixFunction | undefined {
      const property = `${key}: ${value}`;
      const options = request.options && skipWrappers(request.options);
      if (options?.type === AST_NODE_TYPES.ObjectExpression)
        return (fixer) => setPropertyFix(sourceCode, fixer, options, key, value);
      if (request.options) {
        const original = request.options;
        return (fixer) => fixer.replaceText(original, `{ ...${sourceCode.getText(original)}, ${property} }`);
      }
      const args = call.arguments;
      if (request.kind === 'http' && args.length >= 1 && request.optionsIndex === 1) {
        // `https.get(url, callback)` → `https.get(url, { … }, callback)`
        return (fixer) => fixer.insertTextAfter(args[0]!, `, { ${property} }`);
      }
      const missing = request.optionsIndex - args.length;
      if (missing < 0) return undefined;
      const filler = 'undefined, '.repeat(missing);
      const last = args.at(-1);
      if (!last) return undefined;
      return (fixer) => fixer.insertTextAfter(last, `, ${filler}{ ${property} }`);
    }

    /** A URL written as a local address (`http://localhost:…`): a test or development call to the process's own server. */
    function isLocalUrl(call: TSESTree.CallExpression): boolean {
      const first = call.arguments[0];
      if (!first) return false;
      let node = skipWrappers(first);
      while (node.type === AST_NODE_TYPES.BinaryExpression) node = skipWrappers(node.left);
      const text =
        node.type === AST_NODE_TYPES.Literal || node.type === AST_NODE_TYPES.TemplateLiteral
          ? sourceCode.getText(node)
          : '';
      return /^['"`]https?:\/\/(?:localhost|127\.0\.0\.1|\[::1\])[:/'"`$]/.test(text);
    }

    function check(call: TSESTree.CallExpression): void {
      const request = classify(call);
      if (!request || isLocalUrl(call)) return;
      if (optionsProtect(request)) return;
      if (request.instance && request.instance.timeout !== 'absent') return;
      if (request.kind === 'http' && httpRequestTimedOut(call)) return;
      if (wrapped(call)) return;
      const signal = request.kind === 'fetch' || request.kind === 'http' ? signalInScope(call) : undefined;
      // A `signal` already in the options that is dead (a never-aborted controller) is replaced rather than combined.
      const hasSignalKey = request.options
        ? keyPresence(sourceCode, request.options, SIGNAL_KEYS) === 'present'
        : false;
      context.report({
        node: call,
        messageId: signal && !hasSignalKey ? 'signalNotPassed' : 'noTimeout',
        data: { client: `\`${request.label}\`` },
        suggest: hasSignalKey ? [] : suggestions(call, request, signal),
      });
    }

    return {
      CallExpression: check,
    };
  },
});
