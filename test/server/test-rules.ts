/**
 * Rules for the server tests, never part of the shipped server. They let the tests prove behaviour
 * the real rules do not trigger on purpose: a rule that throws, a rule that is slow, a rule that blocks
 * until the test releases it, a rule that ends the lint worker, a rule with an autofix, and a rule
 * whose result depends on type information from another file. The test server (./test-server.ts)
 * runs them in its lint worker as the plugin `tripwire-test`; they report only on files that mention
 * their marker.
 */
import { existsSync, writeFileSync } from 'node:fs';
import type { Rule } from 'eslint';
import type { ExtraRules } from '../../server/src/lint-engine.js';

const throws: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: 'Throws on the identifier __tripwire_throw__ (test only).' },
    schema: [],
  },
  create() {
    return {
      'Identifier[name="__tripwire_throw__"]'() {
        throw new Error('test rule failure on __tripwire_throw__');
      },
    };
  },
};

const slow: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: 'Busy-waits N ms when the file contains __tripwire_slow_N__ (test only).' },
    schema: [],
  },
  create(context) {
    return {
      Program() {
        const match = /__tripwire_slow_(\d+)__/.exec(context.sourceCode.text);
        if (!match) return;
        const until = performance.now() + Number(match[1]);
        while (performance.now() < until) {
          // deliberately burning CPU: this is what a slow rule looks like to the server
        }
      },
    };
  },
};

/** Sleeps without burning the CPU other processes share. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

const block: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'On __tripwire_block__("<file>"): writes <file>.started, waits until <file> exists, then prints and ' +
        'reports the text tag __tripwire_tag_<tag>__ of the linted text (test only).',
    },
    schema: [],
  },
  create(context) {
    return {
      Program(node) {
        const text = context.sourceCode.text;
        const release = /__tripwire_block__\("([^"]+)"\)/.exec(text)?.[1];
        if (release === undefined) return;
        writeFileSync(`${release}.started`, text);
        while (!existsSync(release)) pause(10);
        const tag = /__tripwire_tag_(\w+)__/.exec(text)?.[1] ?? 'none';
        // Output of a rule: it must reach the log, never the LSP stream.
        console.log(`tripwire-test block: released the text tagged ${tag}`);
        context.report({ node, message: `linted the text tagged ${tag}` });
      },
    };
  },
};

const endWorker: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Ends the lint worker: process.exit(3) in the middle of the lint on __tripwire_exit_worker__, an exception ' +
        'thrown outside ESLint right after the lint on __tripwire_throw_later__, memory kept until the heap ' +
        'runs out on __tripwire_exhaust_memory__ (test only).',
    },
    schema: [],
  },
  create() {
    return {
      'Identifier[name="__tripwire_exit_worker__"]'() {
        process.exit(3);
      },
      'Identifier[name="__tripwire_exhaust_memory__"]'() {
        const kept: number[][] = [];
        for (;;) kept.push(Array.from({ length: 1 << 16 }, (_, index) => index));
      },
      'Identifier[name="__tripwire_throw_later__"]'() {
        setImmediate(() => {
          throw new Error('test failure outside ESLint on __tripwire_throw_later__');
        });
      },
    };
  },
};

const fixable: Rule.RuleModule = {
  meta: {
    type: 'suggestion',
    docs: { description: 'Renames __tripwire_fixme__ to fixed (test only).' },
    fixable: 'code',
    hasSuggestions: true,
    messages: { rename: 'Rename __tripwire_fixme__.', suggest: 'Rename to suggested' },
    schema: [],
  },
  create(context) {
    return {
      'Identifier[name="__tripwire_fixme__"]'(node: Rule.Node) {
        context.report({
          node,
          messageId: 'rename',
          fix: (fixer) => fixer.replaceText(node, 'fixed'),
          suggest: [{ messageId: 'suggest', fix: (fixer) => fixer.replaceText(node, 'suggested') }],
        });
      },
    };
  },
};

interface TypedServices {
  program?: {
    getTypeChecker(): { getTypeAtLocation(node: unknown): { getSymbol(): { getName(): string } | undefined } };
  };
  esTreeNodeToTSNodeMap?: { get(node: unknown): unknown };
}

const typeProbe: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: 'Reports calls named probe*() whose type is a Promise; needs type information (test only).' },
    messages: { promise: 'probe call returns a Promise (type-aware).' },
    schema: [],
  },
  create(context) {
    const services = context.sourceCode.parserServices as TypedServices | undefined;
    const program = services?.program;
    if (!program || !services.esTreeNodeToTSNodeMap) return {};
    const checker = program.getTypeChecker();
    return {
      'CallExpression[callee.name=/^probe/]'(node: Rule.Node) {
        const type = checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap!.get(node));
        if (type.getSymbol()?.getName() === 'Promise') context.report({ node, messageId: 'promise' });
      },
    };
  },
};

export const TEST_RULES: ExtraRules = {
  namespace: 'tripwire-test',
  rules: { throws, slow, block, 'end-worker': endWorker, fixable, 'type-probe': typeProbe },
};
