/**
 * Minimal edits between two texts, for fix-all: the editor receives only the changed spans, so the
 * cursor does not move and undo stays small. A line diff (longest common subsequence of lines) finds
 * the changed regions; each region is then trimmed to its changed characters.
 */
import type { TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';

interface Hunk {
  /** Offsets in the old text. */
  oldStart: number;
  oldEnd: number;
  newText: string;
}

function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end === -1) {
      lines.push(text.slice(start));
      return lines;
    }
    lines.push(text.slice(start, end + 1));
    start = end + 1;
  }
}

/**
 * Matching line pairs of a longest common subsequence: common leading and trailing lines first (fixes
 * leave most of a file alone), then a dynamic programme over the rest. Undefined when the changed
 * middle is too large to diff cheaply (the caller then emits one edit for it).
 */
function lineMatches(a: string[], b: string[], maxCells = 4_000_000): Array<[number, number]> | undefined {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  const matches: Array<[number, number]> = [];
  for (let index = 0; index < head; index++) matches.push([index, index]);
  if (n > 0 && m > 0) {
    if (n * m > maxCells) return undefined;
    // lengths[i][j] = LCS length of a[head+i..] and b[head+j..], stored row-major.
    const width = m + 1;
    const lengths = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lengths[i * width + j] =
          a[head + i] === b[head + j]
            ? lengths[(i + 1) * width + j + 1]! + 1
            : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (a[head + i] === b[head + j]) {
        matches.push([head + i, head + j]);
        i++;
        j++;
      } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) i++;
      else j++;
    }
  }
  for (let index = tail; index > 0; index--) matches.push([a.length - index, b.length - index]);
  return matches;
}

function trimHunk(oldText: string, hunk: Hunk): Hunk | undefined {
  const before = oldText.slice(hunk.oldStart, hunk.oldEnd);
  const after = hunk.newText;
  if (before === after) return undefined;
  let prefix = 0;
  const shorter = Math.min(before.length, after.length);
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < shorter - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  )
    suffix++;
  let oldStart = hunk.oldStart + prefix;
  let oldEnd = hunk.oldEnd - suffix;
  let newStart = prefix;
  let newEnd = after.length - suffix;
  // LSP positions cannot point between "\r" and "\n": widen the edit to keep the pair whole.
  if (oldStart > 0 && oldText[oldStart - 1] === '\r' && oldText[oldStart] === '\n' && newStart > 0) {
    oldStart--;
    newStart--;
  }
  if (oldText[oldEnd - 1] === '\r' && oldText[oldEnd] === '\n' && newEnd < after.length) {
    oldEnd++;
    newEnd++;
  }
  return { oldStart, oldEnd, newText: after.slice(newStart, newEnd) };
}

/** Text edits (against `oldText`, non-overlapping, in order) that turn `oldText` into `newText`. */
export function minimalEdits(oldText: string, newText: string): TextEdit[] {
  if (oldText === newText) return [];
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const oldLineStarts: number[] = [];
  let total = 0;
  for (const line of a) {
    oldLineStarts.push(total);
    total += line.length;
  }
  oldLineStarts.push(total);
  const hunks: Hunk[] = [];
  const matches = lineMatches(a, b);
  if (!matches) {
    hunks.push({ oldStart: 0, oldEnd: oldText.length, newText });
  } else {
    let ai = 0;
    let bi = 0;
    for (const [ma, mb] of [...matches, [a.length, b.length] as [number, number]]) {
      if (ma > ai || mb > bi) {
        hunks.push({ oldStart: oldLineStarts[ai]!, oldEnd: oldLineStarts[ma]!, newText: b.slice(bi, mb).join('') });
      }
      ai = ma + 1;
      bi = mb + 1;
    }
  }
  const positions = TextDocument.create('file:///diff', 'plaintext', 0, oldText);
  const edits: TextEdit[] = [];
  for (const hunk of hunks) {
    const trimmed = trimHunk(oldText, hunk);
    if (!trimmed) continue;
    edits.push({
      range: { start: positions.positionAt(trimmed.oldStart), end: positions.positionAt(trimmed.oldEnd) },
      newText: trimmed.newText,
    });
  }
  return edits;
}
