// Realistic one-line edits of a source file for the warm single-file and language-server runs:
// every edit inserts a different comment line after a top-level closing brace near the middle of
// the file, so the text changes (new program version, new checker) but stays parseable.

/** Index (0-based) of the line after which edits are inserted: a top-level `}` nearest the middle. */
export function editAnchorLine(text) {
  const lines = text.split('\n');
  const middle = Math.floor(lines.length / 2);
  let best = -1;
  for (let index = 0; index < lines.length; index++) {
    if (/^\}[;)]*\s*$/.test(lines[index]) && (best === -1 || Math.abs(index - middle) < Math.abs(best - middle)))
      best = index;
  }
  return best === -1 ? lines.length - 1 : best;
}

/** A function `(editNumber) => text` producing the n-th edited version of `text`. */
export function makeEditor(text) {
  const lines = text.split('\n');
  const anchor = editAnchorLine(text);
  const before = lines.slice(0, anchor + 1).join('\n');
  const after = lines.slice(anchor + 1).join('\n');
  return (editNumber) => `${before}\n// tripwire-bench edit ${editNumber}\n${after}`;
}
