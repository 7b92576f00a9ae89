/** Cheap checks run before any parse: files Tripwire deliberately does not lint. */

/** File extensions Tripwire lints; everything else is left alone. */
export const LINTABLE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx']);

export interface SkipReason {
  /** Short machine-readable kind. */
  kind: 'too-large' | 'long-line' | 'binary';
  /** One sentence for the log. */
  message: string;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1_000) return `${(bytes / 1_000).toFixed(0)} kB`;
  return `${bytes} bytes`;
}

/** Why `text` must not be linted, or undefined when it is fine. Linear in the text, no allocation of lines. */
export function skipReason(
  text: string,
  limits: { maxFileSize: number; maxLineLength: number },
): SkipReason | undefined {
  // UTF-16 length is a lower bound of the UTF-8 size; only measure exactly near the limit.
  if (
    text.length > limits.maxFileSize ||
    (text.length * 3 > limits.maxFileSize && Buffer.byteLength(text, 'utf8') > limits.maxFileSize)
  ) {
    const bytes = Buffer.byteLength(text, 'utf8');
    return {
      kind: 'too-large',
      message: `${formatBytes(bytes)} is above tripwire.maxFileSize (${formatBytes(limits.maxFileSize)})`,
    };
  }
  // Binary content arrives as text with NUL characters (or many replacement characters) in it.
  const head = text.slice(0, 8192);
  if (head.includes('\u0000'))
    return { kind: 'binary', message: 'the content looks binary (it contains NUL characters)' };
  let replacements = 0;
  for (let index = head.indexOf('\uFFFD'); index !== -1; index = head.indexOf('\uFFFD', index + 1)) replacements += 1;
  if (replacements > 16 && replacements * 50 > head.length)
    return { kind: 'binary', message: 'the content looks binary (it is not valid UTF-8 text)' };
  let lineStart = 0;
  for (;;) {
    const lineEnd = text.indexOf('\n', lineStart);
    const length = (lineEnd === -1 ? text.length : lineEnd) - lineStart;
    if (length > limits.maxLineLength) {
      return {
        kind: 'long-line',
        message: `it has a line of ${length} characters, above tripwire.maxLineLength (${limits.maxLineLength}); minified or generated code is not linted`,
      };
    }
    if (lineEnd === -1) return undefined;
    lineStart = lineEnd + 1;
  }
}
