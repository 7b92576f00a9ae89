import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import {
  chainRoot,
  isFunctionNode,
  memberName,
  resolveVariable,
  skipWrappers,
  someDescendant,
  type FunctionNode,
} from './ast.js';
import { askChecker } from '../checker-guard.js';

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Node modules whose named exports (nearly) all return promises. */
const PROMISE_MODULES = new Set([
  'fs/promises',
  'node:fs/promises',
  'timers/promises',
  'node:timers/promises',
  'dns/promises',
  'node:dns/promises',
  'stream/promises',
  'node:stream/promises',
]);
/** Exports of those modules that do not return a promise. */
const NON_PROMISE_EXPORTS = new Set(['setInterval', 'constants', 'scheduler', 'Resolver', 'createInterface']);
const FS_MODULES = new Set(['fs', 'node:fs']);
const TIMER_PROMISE_MODULES = new Set(['timers/promises', 'node:timers/promises']);
const PROMISE_STATICS = new Set(['resolve', 'reject', 'all', 'allSettled', 'any', 'race', 'try']);
/** Chains rooted here are command queues / jQuery deferreds, not promises whose rejection is lost. */
const NON_PROMISE_THEN_ROOTS = new Set(['cy', '$', 'jQuery']);
/**
 * Packages whose API returns promises (when no callback is passed): the default export called directly, its
 * members (`axios.post`, `fse.outputFile`), and named imports (`import { writeJson } from 'fs-extra'`).
 */
interface KnownPromiseApi {
  /** Calling the default export (or the whole `require()`) returns a promise. */
  callable?: boolean;
  /** Members of the default/namespace export, which are also the named exports, that return promises. */
  members?: ReadonlySet<string>;
}
const HTTP_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request'];
const FS_EXTRA = new Set([
  'copy',
  'move',
  'remove',
  'emptyDir',
  'emptydir',
  'ensureDir',
  'ensureFile',
  'ensureLink',
  'ensureSymlink',
  'mkdirp',
  'mkdirs',
  'outputFile',
  'outputJson',
  'outputJSON',
  'readJson',
  'readJSON',
  'writeJson',
  'writeJSON',
  'pathExists',
  'readFile',
  'writeFile',
  'appendFile',
  'unlink',
  'rm',
  'rmdir',
  'mkdir',
  'readdir',
  'stat',
  'lstat',
  'access',
  'rename',
  'copyFile',
  'symlink',
  'truncate',
  'utimes',
  'realpath',
  'chmod',
  'chown',
]);
const KNOWN_PROMISE_APIS = new Map<string, KnownPromiseApi>([
  ['axios', { callable: true, members: new Set([...HTTP_VERBS, 'postForm', 'putForm', 'patchForm']) }],
  ['got', { callable: true, members: new Set(HTTP_VERBS) }],
  ['ky', { callable: true, members: new Set(HTTP_VERBS) }],
  ['node-fetch', { callable: true }],
  ['cross-fetch', { callable: true, members: new Set(['fetch']) }],
  ['isomorphic-fetch', { callable: true }],
  ['undici', { members: new Set(['fetch', 'request']) }],
  ['fs-extra', { members: FS_EXTRA }],
  ['execa', { callable: true, members: new Set(['execa', 'execaNode', 'execaCommand']) }],
  ['mongoose', { members: new Set(['connect', 'disconnect']) }],
  ['puppeteer', { members: new Set(['launch', 'connect']) }],
  ['puppeteer-core', { members: new Set(['launch', 'connect']) }],
  ['del', { callable: true, members: new Set(['deleteAsync']) }],
  ['rimraf', { callable: true, members: new Set(['rimraf']) }],
  ['mkdirp', { callable: true, members: new Set(['mkdirp']) }],
  ['open', { callable: true }],
  ['bcrypt', { members: new Set(['hash', 'compare', 'genSalt']) }],
  ['bcryptjs', { members: new Set(['hash', 'compare', 'genSalt']) }],
]);

/** Test-framework registration calls: some return promises (node:test) that the runner itself awaits. */
export const TEST_FRAMEWORK_NAMES = new Set([
  'describe',
  'it',
  'test',
  'suite',
  'context',
  'specify',
  'before',
  'after',
  'beforeEach',
  'afterEach',
  'beforeAll',
  'afterAll',
  'fdescribe',
  'fit',
  'xdescribe',
  'xit',
  'xtest',
]);

/** Where an imported or required binding comes from. */
export interface BindingOrigin {
  source: string;
  /** Imported name, `*` for a namespace, `default` for a default import or a whole `require()`. */
  imported: string;
}

/** The module a variable was imported or required from (`import x from 'm'`, `const { a } = require('m')`). */
export function bindingOrigin(variable: TSESLint.Scope.Variable | undefined, depth = 0): BindingOrigin | undefined {
  const def = variable?.defs[0];
  if (!def) return undefined;
  if (def.type === 'ImportBinding') {
    if (def.node.type === AST_NODE_TYPES.TSImportEqualsDeclaration)
      return importEqualsOrigin(def.node, variable!, depth);
    const declaration = def.parent as TSESTree.ImportDeclaration;
    const source = String(declaration.source.value);
    const specifier = def.node;
    if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return { source, imported: '*' };
    if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier) return { source, imported: 'default' };
    if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
      const imported = specifier.imported;
      return { source, imported: imported.type === AST_NODE_TYPES.Identifier ? imported.name : String(imported.value) };
    }
    return undefined;
  }
  if (def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
    const required = requiredModule(def.node.init);
    if (!required) return undefined;
    if (def.node.id.type === AST_NODE_TYPES.Identifier) return required;
    if (def.node.id.type === AST_NODE_TYPES.ObjectPattern && required.imported === 'default') {
      for (const property of def.node.id.properties) {
        if (
          property.type === AST_NODE_TYPES.Property &&
          property.key.type === AST_NODE_TYPES.Identifier &&
          property.value.type === AST_NODE_TYPES.Identifier &&
          property.value.name === def.name.name
        ) {
          return { source: required.source, imported: property.key.name };
        }
      }
    }
  }
  return undefined;
}

/**
 * `import m = require('m')` → { m, default } (the whole module, like `const m = require('m')`);
 * `import f = m.f` where `m` is such a module → { m, f }; an alias of a namespace declared in code has none.
 */
function importEqualsOrigin(
  declaration: TSESTree.TSImportEqualsDeclaration,
  variable: TSESLint.Scope.Variable,
  depth: number,
): BindingOrigin | undefined {
  const reference = declaration.moduleReference;
  if (reference.type === AST_NODE_TYPES.TSExternalModuleReference) {
    const { expression } = reference;
    return expression.type === AST_NODE_TYPES.Literal && typeof expression.value === 'string'
      ? { source: expression.value, imported: 'default' }
      : undefined;
  }
  // `import a = a.b` is an error TypeScript reports, not a reason to recurse forever.
  if (
    reference.type !== AST_NODE_TYPES.TSQualifiedName ||
    reference.left.type !== AST_NODE_TYPES.Identifier ||
    depth > 8
  ) {
    return undefined;
  }
  const baseName = reference.left.name;
  let base: TSESLint.Scope.Variable | undefined;
  for (let scope: TSESLint.Scope.Scope | null = variable.scope; scope && !base; scope = scope.upper)
    base = scope.set.get(baseName);
  const origin = bindingOrigin(base, depth + 1);
  return origin && (origin.imported === 'default' || origin.imported === '*')
    ? { source: origin.source, imported: reference.right.name }
    : undefined;
}

/** `require('m')` → { m, default }; `require('m').x` → { m, x }. */
function requiredModule(init: TSESTree.Expression): BindingOrigin | undefined {
  const expression = skipWrappers(init);
  if (isRequireCall(expression)) return { source: requireSource(expression)!, imported: 'default' };
  if (expression.type === AST_NODE_TYPES.MemberExpression && isRequireCall(skipWrappers(expression.object))) {
    const name = memberName(expression);
    const source = requireSource(skipWrappers(expression.object) as TSESTree.CallExpression);
    return name && source ? { source, imported: name } : undefined;
  }
  return undefined;
}

function isRequireCall(node: TSESTree.Node): node is TSESTree.CallExpression {
  return (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === 'require' &&
    requireSource(node) !== undefined
  );
}

function requireSource(call: TSESTree.CallExpression): string | undefined {
  const [first] = call.arguments;
  return first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string' ? first.value : undefined;
}

/** Type-checker access for one file, or null when the file has no program (syntactic mode). */
export interface TypeServices {
  checker: ts.TypeChecker;
  toTsNode: (node: TSESTree.Node) => ts.Node | undefined;
}

/** Reads the parser services without throwing for non-TypeScript parsers (espree) or untyped runs. */
export function getTypeServices(context: AnyContext): TypeServices | null {
  const services = context.sourceCode.parserServices;
  if (!services?.program || !services.esTreeNodeToTSNodeMap) return null;
  const program = services.program;
  const map = services.esTreeNodeToTSNodeMap;
  return {
    checker: program.getTypeChecker(),
    toTsNode: (node) => map.get(node as never) as ts.Node | undefined,
  };
}

// Any and Unknown keep these values in every supported TypeScript; other TypeFlags moved between
// versions (TypeParameter is 1 << 19 in 6.0, where 1 << 18 is Never), so those are asked of the type.
const TYPE_FLAGS_ANY_OR_UNKNOWN = 1 | 2; // ts.TypeFlags.Any | ts.TypeFlags.Unknown

/** A plain boolean on purpose: the type guard `Type.isTypeParameter()` would narrow `type` to never after it. */
function isTypeParameter(type: ts.Type): boolean {
  return type.isTypeParameter();
}

/** True when `type` has a callable `then` (any thenable); undefined when the checker does not know (`any`, bare type parameters). */
export function isThenableType(checker: ts.TypeChecker, type: ts.Type): boolean | undefined {
  if (type.flags & TYPE_FLAGS_ANY_OR_UNKNOWN) return undefined;
  if (isTypeParameter(type)) {
    const constraint = checker.getBaseConstraintOfType(type);
    return constraint && constraint !== type ? isThenableType(checker, constraint) : undefined;
  }
  if (type.isUnion()) {
    let unknownMember = false;
    for (const member of type.types) {
      const verdict = isThenableType(checker, member);
      if (verdict === true) return true;
      if (verdict === undefined) unknownMember = true;
    }
    return unknownMember ? undefined : false;
  }
  const then = type.getProperty('then');
  if (!then) return false;
  // A promise-like `then(onFulfilled, onRejected)`: a `then` without a rejection slot, or whose first parameter is
  // not a callback, belongs to some other protocol and has no rejection to lose.
  return checker
    .getTypeOfSymbol(then)
    .getCallSignatures()
    .some((signature) => {
      const [first, second] = signature.getParameters();
      if (!first || !second) return false;
      return (
        checker.getTypeOfSymbol(first).getNonNullableType().getCallSignatures().length > 0 ||
        isUnionWithCallable(checker.getTypeOfSymbol(first))
      );
    });
}

/**
 * True when no instantiation of a generic signature can give its return type a `then` it lacks: primitives and
 * literals (and unions of them), and classes, interfaces and function types without a `then` member, whose
 * member names do not depend on type arguments. Type parameters (`T`, `this`), intersections, mapped, conditional
 * and indexed access types may gain a `then` from their type arguments, so they answer false.
 */
function lacksThenInEveryInstantiation(type: ts.Type): boolean {
  if (type.isUnion()) return type.types.every(lacksThenInEveryInstantiation);
  if (type.isLiteral() || typeof (type as { intrinsicName?: unknown }).intrinsicName === 'string') return true;
  // Object types alone carry `objectFlags`; conditional and indexed access types do not.
  if (!('objectFlags' in type) || type.isIntersection() || isTypeParameter(type)) return false;
  const declared = (type as { target?: ts.Type }).target ?? type;
  if (!declared.isClassOrInterface() && type.getCallSignatures().length === 0) return false;
  return type.getProperty('then') === undefined;
}

function isUnionWithCallable(type: ts.Type): boolean {
  return type.isUnion() && type.types.some((member) => member.getCallSignatures().length > 0);
}

export interface PromiseOracle {
  /** True when `node` evaluates to a promise (or, with types, any thenable). */
  isPromise(node: TSESTree.Node): boolean;
  /** True when the function returns a promise, judged syntactically (async, `: Promise<…>`, returns `new Promise`). */
  functionReturnsPromise(fn: FunctionNode): boolean;
  /** The function declared in this file that a call invokes, if the file declares it. */
  calleeFunction(call: TSESTree.CallExpression): FunctionNode | undefined;
  /** Type information if this file has it. */
  types: TypeServices | null;
  /** Listeners to merge into the rule's own: they index awaited calls during ESLint's traversal (no extra walk). */
  usageListeners(): Record<string, (node: never) => void>;
  /** Marks the index complete (at `Program:exit`); verdicts asked before that walk the file once instead. */
  completeUsage(): void;
}

/** One per rule invocation (file): knows promises by syntax and the file's own declarations; by types when present. */
export function createPromiseOracle(context: AnyContext): PromiseOracle {
  const sourceCode = context.sourceCode;
  let types: TypeServices | null | undefined;
  const functionCache = new Map<FunctionNode, boolean>();
  const signatureCache = new WeakMap<ts.Signature, boolean | undefined>();
  let promiseCallees: Set<string> | undefined;

  function typeServices(): TypeServices | null {
    if (types === undefined) types = getTypeServices(context);
    return types;
  }

  function functionReturnsPromise(fn: FunctionNode): boolean {
    const cached = functionCache.get(fn);
    if (cached !== undefined) return cached;
    functionCache.set(fn, false); // recursion guard
    const result = computeFunctionReturnsPromise(fn);
    functionCache.set(fn, result);
    return result;
  }

  function computeFunctionReturnsPromise(fn: FunctionNode): boolean {
    if (fn.generator) return false;
    if (fn.async) return true;
    const annotation = fn.returnType?.typeAnnotation;
    if (annotation) return isPromiseTypeAnnotation(annotation);
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return isPromiseSyntactic(fn.body);
    // Every path must return a promise: no bare `return;`, and the body ends in a `return`.
    if (fn.body.body.at(-1)?.type !== AST_NODE_TYPES.ReturnStatement) return false;
    const returned: (TSESTree.Expression | null)[] = [];
    someDescendant(
      fn.body,
      (node) => {
        if (node.type === AST_NODE_TYPES.ReturnStatement) returned.push(node.argument);
        return false;
      },
      true,
    );
    return returned.every((argument) => argument !== null && isPromiseSyntactic(argument));
  }

  /** Promise by syntax: by declaration, else by how the file uses the same function (awaited elsewhere, named `…Async`). */
  function isPromiseSyntactic(input: TSESTree.Node): boolean {
    if (isPromiseByDeclaration(input)) return true;
    const node = skipWrappers(input);
    if (node.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = skipWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    if (calleeFunction(node)) return false; // declared in this file and judged above
    const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : memberName(callee);
    if (name && /[a-z0-9]Async$/.test(name)) return true;
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const object = skipWrappers(callee.object);
      if (object.type === AST_NODE_TYPES.Identifier && object.name === 'AsyncStorage') return true;
    }
    // Everything below needs the callee among the file's awaited calls: a file that awaits nothing is done here.
    if (usageComplete && awaitedCallees.size === 0) return false;
    // Usage is only trusted for plain function calls and for methods of an imported module (`api.save()`): methods of
    // other objects too often belong to thenable builders or fluent objects that are awaited in one place and
    // fire-and-forget by design in another (`reply.send()`).
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const object = skipWrappers(callee.object);
      if (object.type !== AST_NODE_TYPES.Identifier || !bindingOrigin(resolveVariable(sourceCode, object)))
        return false;
    }
    if (!usedAsPromise().has(calleeKey(callee))) return false;
    // A package's default export is usually a factory (`fastify()`, `knex()`) whose instance is also thenable.
    const origin =
      callee.type === AST_NODE_TYPES.Identifier ? bindingOrigin(resolveVariable(sourceCode, callee)) : undefined;
    if (origin && (origin.imported === 'default' || origin.imported === '*') && !origin.source.startsWith('.'))
      return false;
    // Callback-style twins of promise APIs (`server.close(cb)`, `app.listen(port, cb)`), plugin registration
    // (`app.register(plugin)`, awaited or not) and `fn.call(...)` are not judged by usage.
    if (name === 'call' || name === 'apply' || name === 'register' || name === 'after') return false;
    return !node.arguments.some((argument) => {
      const value = skipWrappers(argument);
      if (isFunctionNode(value)) return true;
      return (
        value.type === AST_NODE_TYPES.CallExpression &&
        value.arguments.some((inner) => isFunctionNode(skipWrappers(inner)))
      );
    });
  }

  /**
   * Identifier callees that the file awaits or hands to `Promise.all/race/…` (`await load()`, `Promise.all([load()])`).
   * Fed by the rule's own listeners (see `usageListeners`) so that no extra walk of the file is needed; a caller that
   * asks before the traversal is complete gets one walk of the whole file instead.
   */
  const awaitedCallees = new Set<string>();
  let usageComplete = false;

  /** Records the call under `expression` (an awaited value or a `Promise.all([...])` element), if it is a plain call. */
  function noteAwaitedCall(expression: TSESTree.Node | null | undefined, into: Set<string>): void {
    if (!expression) return;
    const call = skipWrappers(expression);
    if (call.type !== AST_NODE_TYPES.CallExpression) return;
    const callee = skipWrappers(call.callee);
    // Identifier callees, and methods of an identifier (`api.save`): only those are ever looked up.
    if (callee.type === AST_NODE_TYPES.Identifier) into.add(calleeKey(callee));
    else if (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      skipWrappers(callee.object).type === AST_NODE_TYPES.Identifier
    ) {
      into.add(calleeKey(callee));
    }
  }

  /** `save(x).then(…)` / `.catch(…)`: the call's value is used as a promise. */
  function noteChainedCall(member: TSESTree.MemberExpression, into: Set<string>): void {
    const name = memberName(member);
    if (name === 'then' || name === 'catch') noteAwaitedCall(member.object, into);
  }

  /** `Promise.all([a(), b()])` and the other statics: records the array's calls. */
  function notePromiseStaticCall(node: TSESTree.CallExpression, into: Set<string>): void {
    const callee = skipWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
    const name = memberName(callee);
    const object = skipWrappers(callee.object);
    if (object.type === AST_NODE_TYPES.Identifier && object.name === 'Promise' && name && PROMISE_STATICS.has(name)) {
      const array = node.arguments[0] && skipWrappers(node.arguments[0]);
      if (array?.type === AST_NODE_TYPES.ArrayExpression)
        for (const element of array.elements) noteAwaitedCall(element, into);
    }
  }

  /** From an identifier `Promise`, the call `Promise.x(...)` it is the object of (through TypeScript wrappers), if any. */
  function promiseStaticCallOf(identifier: TSESTree.Identifier): TSESTree.CallExpression | undefined {
    let member: TSESTree.Node | undefined = identifier.parent;
    while (member && isWrapper(member)) member = member.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || skipWrappers(member.object) !== identifier)
      return undefined;
    let call: TSESTree.Node | undefined = member.parent;
    while (call && isWrapper(call)) call = call.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || skipWrappers(call.callee) !== member) return undefined;
    return call;
  }

  /** Listeners that build the usage index during ESLint's own traversal; call `completeUsage()` at `Program:exit`. */
  function usageListeners(): Record<string, (node: never) => void> {
    const text = sourceCode.text;
    const chains = text.includes('.then(') || text.includes('.catch(');
    if (!text.includes('await') && !text.includes('Promise.') && !chains) return {};
    const listeners: Record<string, (node: never) => void> = {
      AwaitExpression: (node: TSESTree.AwaitExpression) => noteAwaitedCall(node.argument, awaitedCallees),
    };
    if (chains) {
      listeners['MemberExpression[object.type="CallExpression"]'] = (node: TSESTree.MemberExpression) =>
        noteChainedCall(node, awaitedCallees);
    }
    if (text.includes('Promise')) {
      listeners['Identifier[name="Promise"]'] = (node: TSESTree.Identifier) => {
        const call = promiseStaticCallOf(node);
        if (call) notePromiseStaticCall(call, awaitedCallees);
      };
    }
    return listeners;
  }

  function completeUsage(): void {
    usageComplete = true;
  }

  /** Callee texts that the file awaits or hands to `Promise.all/race/…`. */
  function usedAsPromise(): Set<string> {
    if (usageComplete) return awaitedCallees;
    if (promiseCallees) return promiseCallees;
    const found = new Set<string>();
    const text = sourceCode.text;
    if (text.includes('await') || text.includes('Promise.') || text.includes('.then(') || text.includes('.catch(')) {
      someDescendant(
        sourceCode.ast,
        (node) => {
          if (node.type === AST_NODE_TYPES.AwaitExpression) noteAwaitedCall(node.argument, found);
          else if (node.type === AST_NODE_TYPES.CallExpression) notePromiseStaticCall(node, found);
          else if (node.type === AST_NODE_TYPES.MemberExpression) noteChainedCall(node, found);
          return false;
        },
        false,
        sourceCode.visitorKeys,
      );
    }
    promiseCallees = found;
    return found;
  }

  /**
   * The callee's text plus the declaration its root identifier resolves to: two parameters named `dispose` in
   * different functions are different functions, and awaiting one says nothing about the other.
   */
  function calleeKey(callee: TSESTree.Node): string {
    const text = sourceCode.getText(callee).replace(/\s+/g, '').replace(/\?\./g, '.');
    const root = callee.type === AST_NODE_TYPES.MemberExpression ? skipWrappers(callee.object) : callee;
    if (root.type !== AST_NODE_TYPES.Identifier) return text;
    const declared = resolveVariable(sourceCode, root)?.defs[0]?.name;
    return declared ? `${text}@${declared.range[0]}` : text;
  }

  function isPromiseByDeclaration(input: TSESTree.Node): boolean {
    const node = skipWrappers(input);
    if (node.type === AST_NODE_TYPES.NewExpression) {
      return node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'Promise' && isGlobal(node.callee);
    }
    if (node.type === AST_NODE_TYPES.AwaitExpression) return false;
    if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
      const tag = skipWrappers(node.tag);
      return tag.type === AST_NODE_TYPES.Identifier && identifierCallReturnsPromise(tag);
    }
    if (node.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = skipWrappers(node.callee);
    if (isFunctionNode(callee)) return functionReturnsPromise(callee);
    if (callee.type === AST_NODE_TYPES.Identifier) return identifierCallReturnsPromise(callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const name = memberName(callee);
    if (!name) return false;
    const object = skipWrappers(callee.object);
    if (name === 'then' || name === 'catch' || name === 'finally') {
      const root = chainRoot(object);
      if (root?.type === AST_NODE_TYPES.Identifier && NON_PROMISE_THEN_ROOTS.has(root.name)) return false;
      if (object.type === AST_NODE_TYPES.Identifier) {
        // An object of this file with its own `then` (a thenable class): its method says what it returns.
        const member = objectMemberFunction(resolveVariable(sourceCode, object), name);
        if (member) return functionReturnsPromise(member);
      }
      // `.then(…)`, even a bare `.then()` that only starts a lazy thenable, and `.finally(fn)`: only promises have them.
      if (name === 'then' || (name === 'finally' && node.arguments.length >= 1)) return true;
      return isPromiseSyntactic(object) || isPromiseChainCall(object);
    }
    if (object.type === AST_NODE_TYPES.Identifier) {
      if (object.name === 'Promise' && isGlobal(object)) return PROMISE_STATICS.has(name);
      const variable = resolveVariable(sourceCode, object);
      const origin = bindingOrigin(variable);
      if (origin) {
        if (PROMISE_MODULES.has(origin.source) && (origin.imported === '*' || origin.imported === 'default')) {
          return !NON_PROMISE_EXPORTS.has(name);
        }
        if (FS_MODULES.has(origin.source) && origin.imported === 'promises') return true;
        if (origin.imported === '*' || origin.imported === 'default')
          return knownPromiseMethod(origin.source, name, node);
        return false;
      }
      const member = objectMemberFunction(variable, name);
      if (member) return functionReturnsPromise(member);
      return typeMemberReturnsPromise(variableTypeSource(variable), name);
    }
    if (object.type === AST_NODE_TYPES.MemberExpression && memberName(object) === 'promises') {
      const base = skipWrappers(object.object);
      if (base.type === AST_NODE_TYPES.Identifier) {
        const origin = bindingOrigin(resolveVariable(sourceCode, base));
        return origin !== undefined && FS_MODULES.has(origin.source) && origin.imported !== 'promises';
      }
      return false;
    }
    if (object.type === AST_NODE_TYPES.ThisExpression) {
      const method = thisClassMethod(object, name);
      return method ? functionReturnsPromise(method) : false;
    }
    if (
      object.type === AST_NODE_TYPES.MemberExpression &&
      skipWrappers(object.object).type === AST_NODE_TYPES.ThisExpression
    ) {
      const field = memberName(object);
      return field ? typeMemberReturnsPromise(thisFieldTypeSource(object, field), name) : false;
    }
    return false;
  }

  /** What the file says about a variable's type: its annotation, or `new C()` / `new C` of its initialiser. */
  function variableTypeSource(variable: TSESLint.Scope.Variable | undefined): TSESTree.Node | undefined {
    const def = variable?.defs[0];
    if (!def) return undefined;
    if (def.type === 'Parameter' && def.name.type === AST_NODE_TYPES.Identifier)
      return def.name.typeAnnotation?.typeAnnotation;
    if (
      def.type === 'Variable' &&
      def.node.type === AST_NODE_TYPES.VariableDeclarator &&
      def.node.id.type === AST_NODE_TYPES.Identifier
    ) {
      if (def.node.id.typeAnnotation) return def.node.id.typeAnnotation.typeAnnotation;
      const init = def.node.init && skipWrappers(def.node.init);
      if (init?.type === AST_NODE_TYPES.NewExpression && init.callee.type === AST_NODE_TYPES.Identifier)
        return init.callee;
    }
    return undefined;
  }

  /** The annotation of `this.field` in the enclosing class: a field, a constructor parameter property, or `new C()`. */
  function thisFieldTypeSource(member: TSESTree.MemberExpression, field: string): TSESTree.Node | undefined {
    let classBody: TSESTree.ClassBody | undefined;
    for (let node: TSESTree.Node | undefined = member.parent; node; node = node.parent) {
      if (node.type === AST_NODE_TYPES.ClassBody) {
        classBody = node;
        break;
      }
    }
    if (!classBody) return undefined;
    for (const element of classBody.body) {
      if (
        element.type === AST_NODE_TYPES.PropertyDefinition &&
        !element.computed &&
        (element.key.type === AST_NODE_TYPES.Identifier || element.key.type === AST_NODE_TYPES.PrivateIdentifier) &&
        element.key.name === field
      ) {
        if (element.typeAnnotation) return element.typeAnnotation.typeAnnotation;
        const value = element.value && skipWrappers(element.value);
        if (value?.type === AST_NODE_TYPES.NewExpression && value.callee.type === AST_NODE_TYPES.Identifier)
          return value.callee;
      }
      if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') {
        for (const param of element.value.params) {
          if (
            param.type === AST_NODE_TYPES.TSParameterProperty &&
            param.parameter.type === AST_NODE_TYPES.Identifier &&
            param.parameter.name === field
          ) {
            return param.parameter.typeAnnotation?.typeAnnotation;
          }
        }
      }
    }
    return undefined;
  }

  /** Whether member `name` of a type the file declares (interface, type literal, class) returns a promise. */
  function typeMemberReturnsPromise(source: TSESTree.Node | undefined, name: string, depth = 0): boolean {
    if (!source || depth > 3) return false;
    if (source.type === AST_NODE_TYPES.TSTypeLiteral) return membersReturnPromise(source.members, name);
    let typeName: TSESTree.Identifier | undefined;
    if (source.type === AST_NODE_TYPES.Identifier) typeName = source;
    else if (source.type === AST_NODE_TYPES.TSTypeReference && source.typeName.type === AST_NODE_TYPES.Identifier)
      typeName = source.typeName;
    if (!typeName) return false;
    const def = resolveVariable(sourceCode, typeName)?.defs.find(
      (candidate) => candidate.type === 'Type' || candidate.type === 'ClassName',
    );
    const declaration = def?.node;
    if (!declaration) return false;
    if (declaration.type === AST_NODE_TYPES.TSInterfaceDeclaration)
      return membersReturnPromise(declaration.body.body, name);
    if (declaration.type === AST_NODE_TYPES.TSTypeAliasDeclaration)
      return typeMemberReturnsPromise(declaration.typeAnnotation, name, depth + 1);
    if (declaration.type === AST_NODE_TYPES.ClassDeclaration) {
      const method = classMember(declaration, name, false);
      if (method) return functionReturnsPromise(method);
      return declaration.body.body.some(
        (element) =>
          (element.type === AST_NODE_TYPES.MethodDefinition ||
            element.type === AST_NODE_TYPES.TSAbstractMethodDefinition) &&
          element.key.type === AST_NODE_TYPES.Identifier &&
          element.key.name === name &&
          element.value.returnType !== undefined &&
          isPromiseTypeAnnotation(element.value.returnType.typeAnnotation),
      );
    }
    return false;
  }

  function membersReturnPromise(members: TSESTree.TypeElement[], name: string): boolean {
    for (const member of members) {
      if (member.type !== AST_NODE_TYPES.TSMethodSignature && member.type !== AST_NODE_TYPES.TSPropertySignature)
        continue;
      if (member.computed || member.key.type !== AST_NODE_TYPES.Identifier || member.key.name !== name) continue;
      if (member.type === AST_NODE_TYPES.TSMethodSignature) {
        return member.returnType !== undefined && isPromiseTypeAnnotation(member.returnType.typeAnnotation);
      }
      if (member.type === AST_NODE_TYPES.TSPropertySignature) {
        const type = member.typeAnnotation?.typeAnnotation;
        return (
          type?.type === AST_NODE_TYPES.TSFunctionType &&
          type.returnType !== undefined &&
          isPromiseTypeAnnotation(type.returnType.typeAnnotation)
        );
      }
    }
    return false;
  }

  function isPromiseChainCall(node: TSESTree.Node): boolean {
    if (node.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = skipWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const name = memberName(callee);
    return name === 'then' || name === 'catch' || name === 'finally';
  }

  function isGlobal(identifier: TSESTree.Identifier): boolean {
    const variable = resolveVariable(sourceCode, identifier);
    return variable === undefined || variable.defs.length === 0;
  }

  function identifierCallReturnsPromise(callee: TSESTree.Identifier): boolean {
    const variable = resolveVariable(sourceCode, callee);
    if (!variable || variable.defs.length === 0) return callee.name === 'fetch';
    const origin = bindingOrigin(variable);
    if (origin) {
      if (PROMISE_MODULES.has(origin.source) && origin.imported !== '*' && !NON_PROMISE_EXPORTS.has(origin.imported)) {
        return origin.imported !== 'default';
      }
      const call = callee.parent;
      return call?.type === AST_NODE_TYPES.CallExpression && knownPromiseFunction(origin, call);
    }
    const def = variable.defs[0]!;
    if (def.type === 'FunctionName' && isFunctionNode(def.node)) return functionReturnsPromise(def.node);
    const annotated = variableTypeSource(variable);
    if (annotated?.type === AST_NODE_TYPES.TSFunctionType) {
      return annotated.returnType !== undefined && isPromiseTypeAnnotation(annotated.returnType.typeAnnotation);
    }
    if (def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
      if (variable.references.some((reference) => reference.isWrite() && reference.writeExpr !== def.node.init)) {
        return false; // reassigned: we cannot know which function it holds
      }
      const init = skipWrappers(def.node.init);
      if (isFunctionNode(init)) return functionReturnsPromise(init);
      if (init.type === AST_NODE_TYPES.CallExpression && isPromisifyCall(init)) return true;
    }
    return false;
  }

  /** The function of this file a call invokes, when the file declares it (IIFE, name, `this.m`, `obj.m`). */
  function calleeFunction(call: TSESTree.CallExpression): FunctionNode | undefined {
    const callee = skipWrappers(call.callee);
    if (isFunctionNode(callee)) return callee;
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const variable = resolveVariable(sourceCode, callee);
      const def = variable?.defs[0];
      if (!def || variable!.defs.length !== 1) return undefined;
      if (def.type === 'FunctionName' && isFunctionNode(def.node)) return def.node;
      if (def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
        if (variable!.references.some((reference) => reference.isWrite() && reference.writeExpr !== def.node.init))
          return undefined;
        const init = skipWrappers(def.node.init);
        return isFunctionNode(init) ? init : undefined;
      }
      return undefined;
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const name = memberName(callee);
    if (!name) return undefined;
    const object = skipWrappers(callee.object);
    if (object.type === AST_NODE_TYPES.ThisExpression) return thisClassMethod(object, name);
    if (object.type === AST_NODE_TYPES.Identifier)
      return objectMemberFunction(resolveVariable(sourceCode, object), name);
    return undefined;
  }

  function isPromisifyCall(call: TSESTree.CallExpression): boolean {
    const callee = skipWrappers(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === 'promisify';
    return callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'promisify';
  }

  /** `obj.m` where `obj` is an object literal, a class, or `new Class()` declared in this file. */
  function objectMemberFunction(variable: TSESLint.Scope.Variable | undefined, name: string): FunctionNode | undefined {
    const def = variable?.defs[0];
    if (!def) return undefined;
    if (def.type === 'ClassName') {
      return classMember(def.node as TSESTree.ClassDeclaration, name, true);
    }
    if (def.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init)
      return undefined;
    if (def.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
    const init = skipWrappers(def.node.init);
    if (init.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of init.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
        const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : undefined;
        if (key === name && isFunctionNode(property.value)) return property.value;
      }
      return undefined;
    }
    if (init.type === AST_NODE_TYPES.ClassExpression) return classMember(init, name, true);
    if (init.type === AST_NODE_TYPES.NewExpression && init.callee.type === AST_NODE_TYPES.Identifier) {
      const classDef = resolveVariable(sourceCode, init.callee)?.defs[0];
      if (classDef?.type === 'ClassName') return classMember(classDef.node as TSESTree.ClassDeclaration, name, false);
    }
    return undefined;
  }

  function thisClassMethod(thisNode: TSESTree.ThisExpression, name: string): FunctionNode | undefined {
    let current: TSESTree.Node | undefined = thisNode.parent;
    while (current) {
      if (current.type === AST_NODE_TYPES.FunctionDeclaration) return undefined;
      if (current.type === AST_NODE_TYPES.FunctionExpression) {
        const holder = current.parent;
        if (holder?.type !== AST_NODE_TYPES.MethodDefinition) return undefined;
        const classNode = holder.parent.parent;
        return classMember(classNode, name, holder.static);
      }
      if (current.type === AST_NODE_TYPES.PropertyDefinition) {
        return classMember(current.parent.parent, name, current.static);
      }
      current = current.parent;
    }
    return undefined;
  }

  function classMember(
    classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
    name: string,
    isStatic: boolean,
  ): FunctionNode | undefined {
    for (const member of classNode.body.body) {
      if (
        (member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.PropertyDefinition) &&
        member.static === isStatic &&
        !member.computed &&
        (member.key.type === AST_NODE_TYPES.Identifier || member.key.type === AST_NODE_TYPES.PrivateIdentifier) &&
        member.key.name === name
      ) {
        if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'method') {
          if (isFunctionNode(member.value)) return member.value;
          continue; // overload or abstract signature: keep looking for the implementation
        }
        if (member.type === AST_NODE_TYPES.PropertyDefinition && member.value && isFunctionNode(member.value)) {
          return member.value;
        }
      }
    }
    return undefined;
  }

  /** The verdict for one signature's return type, computed once per signature. */
  function signatureVerdict(checker: ts.TypeChecker, signature: ts.Signature): boolean | undefined {
    if (signatureCache.has(signature)) return signatureCache.get(signature);
    const verdict = isThenableType(checker, checker.getReturnTypeOfSignature(signature));
    signatureCache.set(signature, verdict);
    return verdict;
  }

  /**
   * Cheap negative answer without resolving the call (which checks every argument, callbacks included): when
   * none of the callee's signatures returns a thenable, and no generic one could return one once instantiated,
   * whichever one the checker would resolve (or combine for an overload failure) returns no thenable either.
   * The checker calls the callee with `null` and `undefined` removed from its union (`f?.()`, or an error it
   * reports), so the signatures are read from that type too. Verdicts are cached per signature.
   */
  function calleeSignaturesNeverThenable(
    call: ts.CallExpression | ts.NewExpression,
    isNew: boolean,
    checker: ts.TypeChecker,
  ): boolean {
    const declared = checker.getTypeAtLocation(call.expression);
    const calleeType = declared.isUnion() ? declared.getNonNullableType() : declared;
    const signatures = isNew ? calleeType.getConstructSignatures() : calleeType.getCallSignatures();
    if (signatures.length === 0) return false;
    for (const signature of signatures) {
      if (signatureVerdict(checker, signature) !== false) return false;
      const typeParameters = signature.getTypeParameters();
      if (
        typeParameters &&
        typeParameters.length > 0 &&
        !lacksThenInEveryInstantiation(checker.getReturnTypeOfSignature(signature))
      )
        return false;
    }
    return true;
  }

  /** Typed verdict for calls and `new`: from the resolved signature's declared return type, cached per signature. */
  function isPromiseTyped(node: TSESTree.Node, services: TypeServices): boolean | undefined {
    const tsNode = services.toTsNode(node);
    if (!tsNode) return undefined;
    const { checker } = services;
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
      const superCall = node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Super;
      if (
        !superCall &&
        calleeSignaturesNeverThenable(
          tsNode as ts.CallExpression | ts.NewExpression,
          node.type === AST_NODE_TYPES.NewExpression,
          checker,
        )
      ) {
        return false;
      }
      const signature = checker.getResolvedSignature(tsNode as ts.CallExpression);
      if (signature) return signatureVerdict(checker, signature);
    }
    return isThenableType(checker, checker.getTypeAtLocation(tsNode));
  }

  function isPromise(input: TSESTree.Node): boolean {
    const node = skipWrappers(input);
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipWrappers(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const name = memberName(callee);
        if (name === 'then' || name === 'catch' || name === 'finally') {
          const root = chainRoot(callee.object);
          if (root?.type === AST_NODE_TYPES.Identifier && NON_PROMISE_THEN_ROOTS.has(root.name)) return false;
        }
      }
    }
    if (
      node.type !== AST_NODE_TYPES.CallExpression &&
      node.type !== AST_NODE_TYPES.NewExpression &&
      node.type !== AST_NODE_TYPES.TaggedTemplateExpression
    ) {
      if (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression) return false;
    }
    const services = typeServices();
    if (services) {
      // A checker failure on this node answers undefined: the syntactic verdict below stands in for it.
      const verdict = askChecker(context, node, () => isPromiseTyped(node, services));
      if (verdict !== undefined) return verdict;
    }
    return isPromiseSyntactic(node);
  }

  return {
    isPromise,
    functionReturnsPromise,
    calleeFunction,
    usageListeners,
    completeUsage,
    get types() {
      return typeServices();
    },
  };
}

function isWrapper(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSTypeAssertion:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.TSInstantiationExpression:
    case AST_NODE_TYPES.ChainExpression:
      return true;
    default:
      return false;
  }
}

function isPromiseTypeAnnotation(annotation: TSESTree.TypeNode): boolean {
  if (annotation.type !== AST_NODE_TYPES.TSTypeReference) return false;
  const name = annotation.typeName;
  return name.type === AST_NODE_TYPES.Identifier && (name.name === 'Promise' || name.name === 'PromiseLike');
}

/** True when the callee is a test-framework registration (`it(...)`, `describe.only(...)`, `test.each(...)(...)`). */
export function isTestFrameworkCall(call: TSESTree.CallExpression): boolean {
  const root = chainRoot(call.callee);
  return root?.type === AST_NODE_TYPES.Identifier && TEST_FRAMEWORK_NAMES.has(root.name);
}

/** True when `node` resolves to `setTimeout`/`setInterval`… imported from `timers/promises`. */
export function isTimersPromisesBinding(
  sourceCode: Readonly<TSESLint.SourceCode>,
  identifier: TSESTree.Identifier,
): boolean {
  const origin = bindingOrigin(resolveVariable(sourceCode, identifier));
  return origin !== undefined && TIMER_PROMISE_MODULES.has(origin.source);
}

/** A call without a callback argument (the promise flavour of a dual API): no function, no last `done`/`cb`/`callback`. */
function passesNoCallback(call: TSESTree.CallExpression): boolean {
  const last = call.arguments.at(-1);
  if (last && last.type === AST_NODE_TYPES.Identifier && /^(done|cb|callback|next)$/i.test(last.name)) return false;
  return !call.arguments.some((argument) => isFunctionNode(skipWrappers(argument)));
}

/** `axios(…)`, `writeJson(…)` imported from a package whose API returns promises. */
function knownPromiseFunction(origin: BindingOrigin, call: TSESTree.CallExpression): boolean {
  const api = KNOWN_PROMISE_APIS.get(origin.source.replace(/^node:/, ''));
  if (!api || !passesNoCallback(call)) return false;
  if (origin.imported === 'default') return api.callable === true;
  return origin.imported !== '*' && api.members?.has(origin.imported) === true;
}

/** `axios.post(…)`, `fse.outputFile(…)` on the default or namespace export of such a package. */
function knownPromiseMethod(source: string, name: string, call: TSESTree.CallExpression): boolean {
  const api = KNOWN_PROMISE_APIS.get(source);
  return api?.members?.has(name) === true && passesNoCallback(call);
}
