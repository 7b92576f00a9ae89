import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageId, type Options } from '../../rules/src/rules/no-lossy-json.js';
import path from 'node:path';
import { createJavaScriptRuleTester, createRuleTester, createTypedRuleTester, fixturesDir } from './rule-tester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageId, Options>;

/** Typed cases lint as a file of their own next to the fixtures' tsconfig (the project service's default project). */
const typedFile = path.join(fixturesDir, 'no-lossy-json.ts');

function typed<T extends Valid | Invalid>(testCase: T | string): T {
  return (
    typeof testCase === 'string' ? { code: testCase, filename: typedFile } : { ...testCase, filename: typedFile }
  ) as T;
}

/** Cases written in plain JavaScript: run with the TypeScript parser, with espree, and with type information. */
const sharedValid: Array<Valid | string> = [
  `const settings = JSON.parse('{"limit": 9007199254740991, "label": "12345678901234567890"}');`,
  `const data = JSON.parse(body);
const count = Number(data.count);
if (data.id === otherId) {}`,
  `const small = JSON.parse(text);
if (small.id === 42) {}`,
  // The field is quoted in the text before the parse (the rule's own suggestion): it arrives as an exact string.
  `function accountKey(payload) {
  const account = JSON.parse(payload.replace(/"accountId"\\s*:\\s*(-?\\d+)/g, '"accountId":"$1"'));
  return BigInt(account.accountId);
}`,
  // Every long integer is quoted, whatever its field.
  `const row = JSON.parse(line.replaceAll(/:\\s*(\\d{16,})/g, ':"$1"'));
if (row.owner === 98765432109876543210n) grant(row);`,
  `const { ledgerId } = JSON.parse(text.trim().replace(/"ledgerId":(\\d+)/g, '"ledgerId":"$1"'));
archive(BigInt(ledgerId));`,
];

/** Cases that use TypeScript syntax: run without and with type information. */
const typeScriptValid: Array<Valid | string> = [
  // The output of the "quote the field" suggestion below: linted again, it is not reported.
  `function snowflakeOf(body: string) {
  const data = JSON.parse(body.replace(/"id"\\s*:\\s*(-?\\d+)/g, '"id":"$1"'));
  return BigInt(data.id);
}`,
  `interface AppEvent { id: string; startsAt: string }
const event = JSON.parse(text) as AppEvent;`,
  `interface Flexible { when: string | Date; tags: string[]; meta: Record<string, number> }
const flexible = JSON.parse(text) as Flexible;`,
  `interface AppEvent { at: Date }
function isAppEvent(value: unknown): value is AppEvent { return true; }
const raw = JSON.parse(text);
if (isAppEvent(raw)) show(raw.at);`,
  `import type { AppEvent } from './types';
const event = JSON.parse(text) as AppEvent;`,
  `function parse<T>(text: string): T {
  return JSON.parse(text) as T;
}`,
  `interface Reading { value: number; at: string }
const readings: Reading[] = JSON.parse(text);`,
  `interface WithDate { at: Date }
const copy = JSON.parse(JSON.stringify(x), (key, value) => (key === 'at' ? new Date(value) : value)) as unknown;`,
  `interface Options { retries: number; onRetry?: (attempt: number) => void; log?(message: string): void }
const options = JSON.parse(text) as Options;`,
  `interface AppEvent { id: string; at: Date }
const event = JSON.parse(text) as AppEvent;
event.at = new Date(event.at);`,
  `interface AppEvent { id: string; at: Date }
function load(text: string): AppEvent {
  const raw = JSON.parse(text) as AppEvent;
  return { ...raw, at: new Date(raw.at) };
}`,
  `interface AppEvent { id: string; at: Date }
const event = JSON.parse(text, reviveDates) as AppEvent;`,
];

const sharedInvalid: Invalid[] = [
  {
    code: `const fixture = JSON.parse('{"id": 12345678901234567890, "name": "a"}');`,
    errors: [
      {
        messageId: 'unsafeIntegerLiteral',
        line: 1,
        column: 17,
        suggestions: [
          {
            messageId: 'suggestQuoteLiteral',
            output: `const fixture = JSON.parse('{"id": "12345678901234567890", "name": "a"}');`,
          },
        ],
      },
    ],
  },
  {
    code: `const order = JSON.parse(\`{"orderId": -9007199254740993}\`);`,
    errors: [
      {
        messageId: 'unsafeIntegerLiteral',
        line: 1,
        column: 15,
        suggestions: [
          {
            messageId: 'suggestQuoteLiteral',
            output: `const order = JSON.parse(\`{"orderId": "-9007199254740993"}\`);`,
          },
        ],
      },
    ],
  },
];

const typeScriptInvalid: Invalid[] = [
  {
    code: `interface AppEvent { id: string; startsAt: Date }
const event = JSON.parse(text) as AppEvent;`,
    errors: [
      {
        messageId: 'lossyType',
        line: 2,
        column: 15,
        suggestions: [
          {
            messageId: 'suggestReviver',
            output: `interface AppEvent { id: string; startsAt: Date }
const event = JSON.parse(text, (key, value) => (key === 'startsAt' && typeof value === 'string' ? new Date(value) : value)) as AppEvent;`,
          },
        ],
      },
    ],
  },
  {
    code: `interface PriceCache { entries: Map<string, number> }
async function load(res: Response) {
  const cache: PriceCache = await res.json();
  return cache.entries.get('a');
}`,
    errors: [
      {
        messageId: 'lossyType',
        line: 3,
        column: 35,
        suggestions: [
          {
            messageId: 'suggestReviver',
            output: `interface PriceCache { entries: Map<string, number> }
async function load(res: Response) {
  const cache: PriceCache = await res.text().then((text) => JSON.parse(text, (key, value) => (key === 'entries' && value !== null && typeof value === 'object' ? new Map(Object.entries(value)) : value)));
  return cache.entries.get('a');
}`,
          },
        ],
      },
    ],
  },
  {
    code: `class Money {
  constructor(public cents: number) {}
  format() { return (this.cents / 100).toFixed(2); }
}
interface Order { id: string; total: Money }
const order = JSON.parse(text) as Order;`,
    errors: [
      {
        messageId: 'lossyType',
        line: 6,
        column: 15,
        suggestions: [],
      },
    ],
  },
  {
    code: `interface Account { id: bigint; name: string }
const account: Account = JSON.parse(text);`,
    errors: [
      {
        messageId: 'lossyType',
        line: 2,
        column: 26,
        suggestions: [
          {
            messageId: 'suggestReviver',
            output: `interface Account { id: bigint; name: string }
const account: Account = JSON.parse(text, (key: string, value: unknown, context?: { source?: string }) => (key === 'id' && typeof value === 'number' ? BigInt(context?.source ?? value) : value));`,
          },
        ],
      },
    ],
  },
  {
    code: `interface TreeNode { label: string; children: TreeNode[]; seenAt?: Date | null }
const tree = JSON.parse(text) as TreeNode;`,
    errors: [
      {
        messageId: 'lossyType',
        line: 2,
        column: 14,
        suggestions: [
          {
            messageId: 'suggestReviver',
            output: `interface TreeNode { label: string; children: TreeNode[]; seenAt?: Date | null }
const tree = JSON.parse(text, (key, value) => (key === 'seenAt' && typeof value === 'string' ? new Date(value) : value)) as TreeNode;`,
          },
        ],
      },
    ],
  },
  {
    code: `interface Handler { name: string; run(): void }
const handler = JSON.parse(text) as Handler;`,
    errors: [
      {
        messageId: 'lossyType',
        line: 2,
        column: 17,
        suggestions: [],
      },
    ],
  },
  {
    code: `interface Patch { name: string; deletedAt: undefined }
const patch = JSON.parse(text) as Patch;`,
    errors: [
      {
        messageId: 'lossyType',
        line: 2,
        column: 15,
        suggestions: [],
      },
    ],
  },
  {
    code: `interface Rule { name: string; pattern: RegExp }
const rules = JSON.parse(text) as Rule[];`,
    errors: [
      {
        messageId: 'lossyType',
        line: 2,
        column: 15,
        suggestions: [],
      },
    ],
  },
  {
    code: `interface Team { members: Set<string> }
function readTeam(text: string): Team {
  return JSON.parse(text);
}`,
    errors: [
      {
        messageId: 'lossyType',
        line: 3,
        column: 10,
        suggestions: [
          {
            messageId: 'suggestReviver',
            output: `interface Team { members: Set<string> }
function readTeam(text: string): Team {
  return JSON.parse(text, (key, value) => (key === 'members' && Array.isArray(value) ? new Set(value) : value));
}`,
          },
        ],
      },
    ],
  },
  {
    code: `interface Base { createdAt: Date }
interface Post extends Base { title: string }
const post = JSON.parse(text) as Post;`,
    errors: [
      {
        messageId: 'lossyType',
        line: 3,
        column: 14,
        suggestions: [
          {
            messageId: 'suggestReviver',
            output: `interface Base { createdAt: Date }
interface Post extends Base { title: string }
const post = JSON.parse(text, (key, value) => (key === 'createdAt' && typeof value === 'string' ? new Date(value) : value)) as Post;`,
          },
        ],
      },
    ],
  },
  {
    code: `interface AppEvent { at: Date }
fetch('/events/1')
  .then((res) => res.json())
  .then((event: AppEvent) => show(event.at.getTime()));`,
    errors: [
      {
        messageId: 'lossyType',
        line: 3,
        column: 18,
        suggestions: [
          {
            messageId: 'suggestReviver',
            output: `interface AppEvent { at: Date }
fetch('/events/1')
  .then((res) => res.text().then((text) => JSON.parse(text, (key, value) => (key === 'at' && typeof value === 'string' ? new Date(value) : value))))
  .then((event: AppEvent) => show(event.at.getTime()));`,
          },
        ],
      },
    ],
  },
  {
    code: `function snowflakeOf(body: string) {
  const data = JSON.parse(body);
  return BigInt(data.id);
}`,
    errors: [
      {
        messageId: 'precisionLost',
        line: 2,
        column: 16,
        suggestions: [
          {
            messageId: 'suggestQuoteField',
            output: `function snowflakeOf(body: string) {
  const data = JSON.parse(body.replace(/"id"\\s*:\\s*(-?\\d+)/g, '"id":"$1"'));
  return BigInt(data.id);
}`,
          },
          {
            messageId: 'suggestReviver',
            output: `function snowflakeOf(body: string) {
  const data = JSON.parse(body, (key: string, value: unknown, context?: { source?: string }) => (key === 'id' && typeof value === 'number' ? BigInt(context?.source ?? value) : value));
  return BigInt(data.id);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `async function lastTweet(url: string) {
  const res = await fetch(url);
  const tweet = await res.json();
  return tweet.id === 1234567890123456789n;
}`,
    errors: [
      {
        messageId: 'precisionLost',
        line: 3,
        column: 23,
        suggestions: [
          {
            messageId: 'suggestReviver',
            output: `async function lastTweet(url: string) {
  const res = await fetch(url);
  const tweet = await res.text().then((text) => JSON.parse(text, (key: string, value: unknown, context?: { source?: string }) => (key === 'id' && typeof value === 'number' ? BigInt(context?.source ?? value) : value)));
  return tweet.id === 1234567890123456789n;
}`,
          },
        ],
      },
    ],
  },
  {
    code: `const { id }: { id: number } = JSON.parse(text);
ledger.add(BigInt(id));`,
    errors: [
      {
        messageId: 'precisionLost',
        line: 1,
        column: 32,
        suggestions: [
          {
            messageId: 'suggestQuoteField',
            output: `const { id }: { id: number } = JSON.parse(text.replace(/"id"\\s*:\\s*(-?\\d+)/g, '"id":"$1"'));
ledger.add(BigInt(id));`,
          },
          {
            messageId: 'suggestReviver',
            output: `const { id }: { id: number } = JSON.parse(text, (key: string, value: unknown, context?: { source?: string }) => (key === 'id' && typeof value === 'number' ? BigInt(context?.source ?? value) : value));
ledger.add(BigInt(id));`,
          },
        ],
      },
    ],
  },
];

createRuleTester().run('no-lossy-json', rule, {
  valid: [...sharedValid, ...typeScriptValid],
  invalid: [...sharedInvalid, ...typeScriptInvalid],
});

createJavaScriptRuleTester().run('no-lossy-json (JavaScript)', rule, {
  valid: sharedValid,
  invalid: sharedInvalid,
});

createTypedRuleTester().run('no-lossy-json (type information)', rule, {
  valid: [...sharedValid, ...typeScriptValid].map((testCase) => typed<Valid>(testCase)),
  invalid: [...sharedInvalid, ...typeScriptInvalid].map((testCase) => typed<Invalid>(testCase)),
});

/** Plain JavaScript: the bigint reviver has no type annotations there. */
const javaScriptOnlyInvalid: Invalid[] = [
  {
    code: `const data = JSON.parse(body);
const snowflake = BigInt(data.id);`,
    errors: [
      {
        messageId: 'precisionLost',
        line: 1,
        column: 14,
        suggestions: [
          {
            messageId: 'suggestQuoteField',
            output: `const data = JSON.parse(body.replace(/"id"\\s*:\\s*(-?\\d+)/g, '"id":"$1"'));
const snowflake = BigInt(data.id);`,
          },
          {
            messageId: 'suggestReviver',
            output: `const data = JSON.parse(body, (key, value, context) => (key === 'id' && typeof value === 'number' ? BigInt(context?.source ?? value) : value));
const snowflake = BigInt(data.id);`,
          },
        ],
      },
    ],
  },
  {
    code: `async function lastTweet(url) {
  const res = await fetch(url);
  const tweet = await res.json();
  return tweet.id === 1234567890123456789n;
}`,
    errors: [
      {
        messageId: 'precisionLost',
        line: 3,
        column: 23,
        suggestions: [
          {
            messageId: 'suggestReviver',
            output: `async function lastTweet(url) {
  const res = await fetch(url);
  const tweet = await res.text().then((text) => JSON.parse(text, (key, value, context) => (key === 'id' && typeof value === 'number' ? BigInt(context?.source ?? value) : value)));
  return tweet.id === 1234567890123456789n;
}`,
          },
        ],
      },
    ],
  },
  {
    // Another field is quoted: `memberId` still reaches BigInt rounded.
    code: `const member = JSON.parse(payload.replace(/"accountId"\\s*:\\s*(-?\\d+)/g, '"accountId":"$1"'));
const key = BigInt(member.memberId);`,
    errors: [
      {
        messageId: 'precisionLost',
        line: 1,
        column: 16,
        suggestions: [
          {
            messageId: 'suggestQuoteField',
            output: `const member = JSON.parse(payload.replace(/"accountId"\\s*:\\s*(-?\\d+)/g, '"accountId":"$1"').replace(/"memberId"\\s*:\\s*(-?\\d+)/g, '"memberId":"$1"'));
const key = BigInt(member.memberId);`,
          },
          {
            messageId: 'suggestReviver',
            output: `const member = JSON.parse(payload.replace(/"accountId"\\s*:\\s*(-?\\d+)/g, '"accountId":"$1"'), (key, value, context) => (key === 'memberId' && typeof value === 'number' ? BigInt(context?.source ?? value) : value));
const key = BigInt(member.memberId);`,
          },
        ],
      },
    ],
  },
  {
    // The replacement keeps the digits bare: nothing is quoted.
    code: `const member = JSON.parse(payload.replace(/"accountId"\\s*:\\s*(-?\\d+)/g, '"accountId":$1'));
const key = BigInt(member.accountId);`,
    errors: [
      {
        messageId: 'precisionLost',
        line: 1,
        column: 16,
        suggestions: [
          {
            messageId: 'suggestQuoteField',
            output: `const member = JSON.parse(payload.replace(/"accountId"\\s*:\\s*(-?\\d+)/g, '"accountId":$1').replace(/"accountId"\\s*:\\s*(-?\\d+)/g, '"accountId":"$1"'));
const key = BigInt(member.accountId);`,
          },
          {
            messageId: 'suggestReviver',
            output: `const member = JSON.parse(payload.replace(/"accountId"\\s*:\\s*(-?\\d+)/g, '"accountId":$1'), (key, value, context) => (key === 'accountId' && typeof value === 'number' ? BigInt(context?.source ?? value) : value));
const key = BigInt(member.accountId);`,
          },
        ],
      },
    ],
  },
];

createJavaScriptRuleTester().run('no-lossy-json (JavaScript only)', rule, {
  valid: [],
  invalid: javaScriptOnlyInvalid,
});

// Type information follows types the syntax cannot: mapped and utility types, types from other declarations.
const pickedDate = `interface Full { at: Date; name: string }
type Stamp = Pick<Full, 'at'>;
const stamp = JSON.parse(text) as Stamp;`;

createTypedRuleTester().run('no-lossy-json (only with type information)', rule, {
  valid: [],
  invalid: [
    typed<Invalid>({
      code: pickedDate,
      errors: [
        {
          messageId: 'lossyType',
          line: 3,
          column: 15,
          suggestions: [
            {
              messageId: 'suggestReviver',
              output: `interface Full { at: Date; name: string }
type Stamp = Pick<Full, 'at'>;
const stamp = JSON.parse(text, (key, value) => (key === 'at' && typeof value === 'string' ? new Date(value) : value)) as Stamp;`,
            },
          ],
        },
      ],
    }),
  ],
});

createRuleTester().run('no-lossy-json (without type information)', rule, {
  valid: [pickedDate],
  invalid: [],
});

const memberAssignment = `interface Session { startedAt: Date }
class Store {
  session?: Session;
  async restore(res: Response) {
    this.session = await res.json();
  }
}`;

createTypedRuleTester().run('no-lossy-json (typed member assignment)', rule, {
  valid: [],
  invalid: [
    typed<Invalid>({
      code: memberAssignment,
      errors: [
        {
          messageId: 'lossyType',
          line: 5,
          column: 26,
          suggestions: [
            {
              messageId: 'suggestReviver',
              output: `interface Session { startedAt: Date }
class Store {
  session?: Session;
  async restore(res: Response) {
    this.session = await res.text().then((text) => JSON.parse(text, (key, value) => (key === 'startedAt' && typeof value === 'string' ? new Date(value) : value)));
  }
}`,
            },
          ],
        },
      ],
    }),
  ],
});
