import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../util/create-rule.js';

export type MessageId = 'sharedBinding' | 'suggestLet' | 'suggestSnapshot';
export type Options = [];

export default createRule<Options, MessageId>({
  name: 'no-loop-closure-capture',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow deferred closures created in a loop that read a binding the loop keeps changing',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      sharedBinding:
        '`{{name}}` {{why}}; this function runs after the iteration that created it has ended and will see a later value.',
      suggestLet: 'Declare `{{name}}` with `let` so each iteration gets its own binding.',
      suggestSnapshot: 'Copy `{{name}}` into `const {{snapshot}}` before creating the function and use the copy.',
    },
    schema: [],
  },
  defaultOptions: [],
  create() {
    return {
      ArrowFunctionExpression(_node: TSESTree.ArrowFunctionExpression): void {},
    };
  },
});
