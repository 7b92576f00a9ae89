/**
 * Name lists that say what a call does with the function handed to it. Anything not listed is an
 * unknown call, which the rule treats as running its callback right away (no report).
 */

/** Timers, schedulers and state updaters: the callback runs on a later turn of the event loop. */
export const TIMER_FUNCTIONS = new Set([
  'setTimeout',
  'setInterval',
  'setImmediate',
  'queueMicrotask',
  'requestAnimationFrame',
  'requestIdleCallback',
  'nextTick',
  '$nextTick',
  'setState',
]);

/** Calls that only cancel a handle: reading a handle to cancel it wants its latest value. */
export const CANCEL_FUNCTIONS = new Set([
  'clearTimeout',
  'clearInterval',
  'clearImmediate',
  'cancelAnimationFrame',
  'cancelIdleCallback',
]);

/** Promise reactions. */
export const PROMISE_REACTIONS = new Set(['then', 'catch', 'finally']);

/** jQuery Deferred / Q reactions: deferred like `.then`, but only when handed a function. */
export const DEFERRED_REACTIONS = new Set(['done', 'fail', 'always']);

/** jQuery's Ajax shorthands (`$.get(url, data => …)`): the callback runs when the response arrives. */
export const AJAX_METHODS = new Set(['get', 'post', 'getJSON', 'getScript', 'load', 'ajax']);
export const JQUERY_NAMES = new Set(['$', 'jQuery']);

/** Browser APIs whose function arguments are completion callbacks (`chrome.tabs.query({}, tabs => …)`). */
export const CALLBACK_API_ROOTS = new Set(['chrome', 'browser', 'navigator']);

/** Node's `http.get(url, res => …)` / `https.request(…)`. */
export const HTTP_MODULE_NAMES = new Set(['http', 'https']);

/** Event subscriptions: the listener runs whenever the event fires. */
export const LISTENER_METHODS = new Set([
  'on',
  'once',
  'addEventListener',
  'addListener',
  'prependListener',
  'prependOnceListener',
  'subscribe',
  'listen',
  'onmessage',
  'watch',
  'listenTo',
  'listenToOnce',
]);

/** jQuery-style event shorthands; only treated as listeners when handed a function. */
export const EVENT_SHORTHAND_METHODS = new Set([
  'click',
  'dblclick',
  'change',
  'submit',
  'keyup',
  'keydown',
  'keypress',
  'mouseenter',
  'mouseleave',
  'mouseover',
  'mouseout',
  'mousedown',
  'mouseup',
  'hover',
  'one',
  'delegate',
  'ready',
  'focus',
  'blur',
  'scroll',
  'resize',
]);

/** jQuery animations: a function argument is the completion callback. */
export const ANIMATION_METHODS = new Set([
  'animate',
  'fadeIn',
  'fadeOut',
  'fadeTo',
  'slideUp',
  'slideDown',
  'slideToggle',
]);

/** Collections that keep what they are given: the stored function can be called at any later time. */
export const STORING_METHODS = new Set(['push', 'unshift', 'splice', 'add', 'set', 'enqueue', 'schedule', 'defer']);

/** HTTP route registration on an app/router object. */
export const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options', 'use']);
export const ROUTER_OBJECT_NAME = /^(?:app|router|server|api|fastify|routes?|express|koa|hono)$/i;

/** Test runners: test bodies and hooks run after the file has been collected. */
export const TEST_FUNCTIONS = new Set([
  'it',
  'test',
  'specify',
  'beforeEach',
  'afterEach',
  'beforeAll',
  'afterAll',
  'before',
  'after',
]);

/** Array (and string) methods that call their callback before they return. */
export const SYNCHRONOUS_CALLBACK_METHODS = new Set([
  'map',
  'filter',
  'reduce',
  'reduceRight',
  'sort',
  'toSorted',
  'forEach',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'some',
  'every',
  'flatMap',
  'from',
  'replace',
  'replaceAll',
]);

/** Methods whose result holds what their callback returned. */
export const RESULT_COLLECTING_METHODS = new Set(['map', 'flatMap', 'from']);

/** `Promise.all([...])` and friends: awaiting their result awaits every member. */
export const PROMISE_COMBINATORS = new Set(['all', 'allSettled', 'race', 'any']);

/** First parameter names of Node-style error-first callbacks (`fs.readFile(path, (err, data) => …)`). */
export const ERROR_FIRST_PARAMETER = /^(?:err|error|er)$/;
export const STRONG_ERROR_FIRST_PARAMETER = /^(?:err|error)$/;
/** `(e, data) => …` counts as error-first only with a result-like second parameter (`(e, i)` is an element). */
export const SHORT_ERROR_PARAMETER = /^e$/;
export const RESULT_PARAMETER =
  /^(?:data|result|results|res|response|body|rows|stats|stat|files|content|contents|buffer|buf|stdout|info|doc|docs|reply)$/;

/** Request-handler parameter pairs (`(req, res) => …`). */
export const REQUEST_PARAMETER = /^(?:req|request)$/;
export const RESPONSE_PARAMETER = /^(?:res|response|reply)$/;

/** Object keys that hand a callback over for later (`$.ajax({ success: … })`, `{ onClick: … }`). */
export const CALLBACK_OPTION_KEY =
  /^(?:on(?!ce$|ly$)[A-Za-z_].*|success|error|complete|done|fail|always|callback|cb|handler|listener)$/;

/**
 * Node core modules whose exported functions take a callback only to call it later (a completion
 * callback, a watcher, a request handler); their `…Sync` variants are synchronous and take none.
 */
export const CALLBACK_MODULES = new Set([
  'fs',
  'child_process',
  'dns',
  'zlib',
  'crypto',
  'net',
  'http',
  'https',
  'http2',
  'tls',
  'dgram',
  'readline',
  'timers',
]);

/** Constructors of collections whose `.set(…)`/`.add(…)` keep the value they are given. */
export const COLLECTION_CONSTRUCTORS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet']);

/** Storing method names that only store on a receiver known to be a collection (`Map`/`Set`). */
export const COLLECTION_ONLY_STORING_METHODS = new Set(['set', 'add']);

/**
 * `onClick(el, fn)`, `editor.onDidChangeSelection(fn)`: a function handed to an `on…` call registers
 * a listener (the same convention as `{ onClick: fn }` keys and JSX `on…` props). Only used when the
 * file does not declare the callee; a local declaration is read instead.
 */
export const LISTENER_NAME = /^on[A-Z]/;

/** jQuery's older `.bind('click', fn)` / `.live('click', fn)`: listeners when the first argument names an event. */
export const EVENT_BINDING_METHODS = new Set(['bind', 'live']);
