/** Resource names for the layered-module generator: validation and every spelling the templates use. */
import {
  camelCase,
  kebabCase,
  pascalCase,
  pluralize,
  RESERVED_WORDS,
  splitWords,
  TYPE_KEYWORDS,
  withArticle,
} from '../names.js';

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
  /** `order items`: prose about several. */
  wordsPlural: string;
  /** `an order item`: prose with its indefinite article. */
  aWords: string;
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
    throw new ResourceNameError(
      `The resource name "${name}" looks like a path; give a plain name such as "order" and choose the folder with --dir.`,
    );
  }
  if (!/^[A-Za-z][A-Za-z0-9]*(?:[-_ ][A-Za-z0-9]+)*$/.test(name)) {
    throw new ResourceNameError(
      `The resource name "${name}" is not usable: start with a letter and use letters, digits and single - or _ between words (e.g. "order-item").`,
    );
  }
  const parts = splitWords(name).map((word) => word.toLowerCase());
  const words = parts.join(' ');
  const camel = camelCase(words);
  if (RESERVED_WORDS.has(camel) || TYPE_KEYWORDS.has(camel))
    throw new ResourceNameError(
      `The resource name "${name}" is a reserved word in TypeScript; choose another (e.g. "${camel}-item").`,
    );
  if (camel.length > 60) throw new ResourceNameError(`The resource name "${name}" is too long (at most 60 letters).`);
  const pluralParts = [...parts.slice(0, -1), pluralize(parts.at(-1) ?? '')];
  return {
    kebab: kebabCase(words),
    camel,
    pascal: pascalCase(words),
    kebabPlural: pluralParts.join('-'),
    words,
    wordsPlural: pluralParts.join(' '),
    aWords: withArticle(words),
  };
}
