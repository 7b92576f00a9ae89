/**
 * Names for generated code, in one place: splitting a name into words, its kebab/camel/Pascal/
 * CONSTANT spellings, plurals, the indefinite article of a phrase ("an order", "a user"), and the
 * words that cannot be identifiers.
 */

/** Words that cannot name a variable, parameter or function in strict-mode JavaScript and TypeScript modules. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await arguments eval'
  ).split(' '),
);

/** Names of TypeScript's built-in types and `undefined`: legal identifiers, but confusing as type or variable names. */
export const TYPE_KEYWORDS: ReadonlySet<string> = new Set(
  'undefined object string number boolean symbol bigint never unknown any'.split(' '),
);

/** True when `text` is a plain ASCII identifier (letters, digits, `_`, `$`, not starting with a digit). */
export function isIdentifier(text: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(text);
}

/**
 * Splits a name into its words, keeping their case: `orderItem`, `OrderItem`, `order-item`,
 * `order_item` and `order item` all give `order`/`item` (with `Item` capitalised where it was);
 * runs of capitals stay one word (`HTTPServer` → `HTTP`, `Server`).
 */
export function splitWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0);
}

/** The text with its first letter in upper case: `an order` → `An order`. */
export function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `max retries` → `MaxRetries`; the rest of each word keeps its case (`HTTP` stays `HTTP`). */
export function pascalCase(text: string): string {
  return splitWords(text).map(capitalize).join('');
}

/** `max retries` → `maxRetries`. */
export function camelCase(text: string): string {
  const pascal = pascalCase(text);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/** `maxRetries` → `max-retries`. */
export function kebabCase(text: string): string {
  return splitWords(text)
    .map((word) => word.toLowerCase())
    .join('-');
}

/** `maxRetries` → `MAX_RETRIES`. */
export function constantCase(text: string): string {
  return splitWords(text)
    .map((word) => word.toUpperCase())
    .join('_');
}

/** The English plural of one lower-case word: `order` → `orders`, `address` → `addresses`, `category` → `categories`. */
export function pluralize(word: string): string {
  if (/(?:s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

// Words spelled with a vowel but spoken with a consonant ("a user", "a one-off"), and words spelled
// with a consonant but spoken with a vowel ("an hour").
const CONSONANT_SOUND = /^(?:uni|use|usa|usu|uti|ura|ure|uro|eu|ewe|one|once|ubi)/;
const VOWEL_SOUND = /^(?:hour|honest|honor|honour|heir)/;

/**
 * The indefinite article of a phrase, from the sound of its first word: `an order`, `an item`,
 * `a user`, `a unit`, `an hour`, `a product`.
 *
 * @param phrase e.g. `order item`
 * @returns `a` or `an`
 */
export function indefiniteArticle(phrase: string): 'a' | 'an' {
  const word = phrase.trim().toLowerCase();
  if (VOWEL_SOUND.test(word)) return 'an';
  if (CONSONANT_SOUND.test(word)) return 'a';
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

/** The phrase with its indefinite article: `an order`, `a user`. */
export function withArticle(phrase: string): string {
  return `${indefiniteArticle(phrase)} ${phrase}`;
}
