import ts from 'typescript';

/** The script kind TypeScript should parse a file as, from its extension (`.tsx`, `.ts`/`.mts`/`.cts`, `.jsx`, else JS). */
export function scriptKindOf(fileName: string): ts.ScriptKind {
  if (/\.tsx$/.test(fileName)) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/.test(fileName)) return ts.ScriptKind.TS;
  if (/\.jsx$/.test(fileName)) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

/** Parses `text` as the file `fileName` (parent pointers set), for the generators' text transforms. */
export function parseSourceFile(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKindOf(fileName));
}
