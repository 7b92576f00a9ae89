/** Resource names for the layered-module generator: validation and the kebab/camel/Pascal forms. */

/** Thrown for a resource name that cannot become file and identifier names; the message says why. */
export class ResourceNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResourceNameError';
  }
}

/** Every spelling of one resource name the generator uses. */
export interface ResourceNames {
  /** `order-item`: folder and file names. */
  kebab: string;
  /** `orderItem`: variables and functions. */
  camel: string;
  /** `OrderItem`: types and classes. */
  pascal: string;
  /** `order-items`: the route path segment. */
  kebabPlural: string;
  /** `order item`: prose in messages and docs. */
  words: string;
}

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await arguments eval undefined ' +
    'object string number boolean symbol bigint never unknown any'
  ).split(' '),
);

function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[-_\s]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}

function pluralize(word: string): string {
  if (/(?:s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

/**
 * Validates a resource name (`order`, `order-item`, `orderItem`, `OrderItem`, `order_item`) and
 * derives its spellings. Names that could name a path (`/`, `\`, `..`), are empty, start with a
 * digit, hold other characters, or whose camel form is a reserved word are rejected.
 */
export function resourceNames(input: string): ResourceNames {
  const name = input.trim();
  if (name === '') throw new ResourceNameError('The resource name is empty: give one such as "order" or "order-item".');
  if (/[/\\]|\.\./.test(name) || name.startsWith('.')) {
    throw new ResourceNameError(`The resource name "${name}" looks like a path; give a plain name such as "order" and choose the folder with --dir.`);
  }
  if (!/^[A-Za-z][A-Za-z0-9]*(?:[-_ ][A-Za-z0-9]+)*$/.test(name)) {
    throw new ResourceNameError(
      `The resource name "${name}" is not usable: start with a letter and use letters, digits and single - or _ between words (e.g. "order-item").`,
    );
  }
  const parts = splitWords(name);
  const camel = parts.map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1))).join('');
  if (RESERVED.has(camel)) throw new ResourceNameError(`The resource name "${name}" is a reserved word in TypeScript; choose another (e.g. "${camel}-item").`);
  if (camel.length > 60) throw new ResourceNameError(`The resource name "${name}" is too long (at most 60 letters).`);
  const pascal = camel[0]!.toUpperCase() + camel.slice(1);
  const kebab = parts.join('-');
  const kebabPlural = [...parts.slice(0, -1), pluralize(parts[parts.length - 1]!)].join('-');
  return { kebab, camel, pascal, kebabPlural, words: parts.join(' ') };
}
