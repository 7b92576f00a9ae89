// Report messages say what is wrong in one short sentence; the why and the fix live on the rule page
// (linked from every report) and in the editor's hover. Three findings stacked on one expression must
// still read as three lines, so each message's first sentence stays within about 100 characters.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import plugin from '../../rules/src/index.js';

/** Placeholders count as this many characters: a typical identifier, type or method name. */
const PLACEHOLDER_WIDTH = 12;
const MAX_FIRST_SENTENCE = 100;

function firstSentence(message: string): string {
  return message.split(/(?<=[.!?])\s+(?=[A-Z`])/)[0] ?? message;
}

describe('report messages', () => {
  for (const [name, rule] of Object.entries(plugin.rules)) {
    const messages = Object.entries(rule.meta.messages as Record<string, string>);
    it(`tripwire/${name}: every message's first sentence fits in ${MAX_FIRST_SENTENCE} characters`, () => {
      for (const [id, text] of messages) {
        const width = firstSentence(text).replace(/\{\{\s*\w+\s*\}\}/g, 'x'.repeat(PLACEHOLDER_WIDTH)).length;
        assert.ok(width <= MAX_FIRST_SENTENCE, `${id} is ${width} characters: "${text}"`);
      }
    });
  }
});
