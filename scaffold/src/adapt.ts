/**
 * Source adaptations applied to canonical modules before they are written into a user's project:
 * ES modules → CommonJS, indentation, and quote style. Each works on the syntax tree (via the
 * TypeScript parser), never on regular expressions over code, so strings and comments that happen
 * to look like code are left alone.
 */
import ts from 'typescript';

/** Indentation unit of a project: some spaces, or a tab. */
export type IndentUnit = string;
/** Quote character a project prefers for string literals. */
export type QuoteStyle = "'" | '"';

interface TextEdit {
  start: number;
  end: number;
  text: string;
}

function applyEdits(text: string, edits: TextEdit[]): string {
  let output = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
    output = output.slice(0, edit.start) + edit.text + output.slice(edit.end);
  }
  return output;
}

function parse(text: string, fileName: string): ts.SourceFile {
  const kind = /\.[cm]?tsx?$/.test(fileName) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
}

/**
 * Rewrites an ES module (JavaScript) as CommonJS: `import` declarations become `require` calls,
 * `export` is removed from declarations, and one `module.exports = { … }` is appended.
 *
 * @param source JavaScript module text using `import`/`export`
 * @param fileName used to choose the parser and in error messages
 * @returns CommonJS text
 * @throws {Error} for `export default`, re-exports and side-effect-only imports with bindings it cannot express
 */
export function esmToCommonJs(source: string, fileName = 'module.js'): string {
  const sourceFile = parse(source, fileName);
  const edits: TextEdit[] = [];
  const exported: string[] = [];
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement)) {
      const specifier = statement.moduleSpecifier.getText(sourceFile);
      const clause = statement.importClause;
      let replacement: string;
      if (clause === undefined) {
        replacement = `require(${specifier});`;
      } else if (clause.name !== undefined && clause.namedBindings === undefined) {
        replacement = `const ${clause.name.text} = require(${specifier});`;
      } else if (
        clause.namedBindings !== undefined &&
        ts.isNamespaceImport(clause.namedBindings) &&
        clause.name === undefined
      ) {
        replacement = `const ${clause.namedBindings.name.text} = require(${specifier});`;
      } else if (
        clause.namedBindings !== undefined &&
        ts.isNamedImports(clause.namedBindings) &&
        clause.name === undefined
      ) {
        const names = clause.namedBindings.elements.map((element) =>
          element.propertyName === undefined
            ? element.name.text
            : `${element.propertyName.getText(sourceFile)}: ${element.name.text}`,
        );
        replacement = `const { ${names.join(', ')} } = require(${specifier});`;
      } else {
        throw new Error(`${fileName}: cannot express this import as require(): ${statement.getText(sourceFile)}`);
      }
      edits.push({ start: statement.getStart(sourceFile), end: statement.end, text: replacement });
      continue;
    }
    if (ts.isExportDeclaration(statement) || ts.isExportAssignment(statement)) {
      throw new Error(`${fileName}: re-exports and default exports are not converted to CommonJS`);
    }
    const modifiers = ts.canHaveModifiers(statement) ? (ts.getModifiers(statement) ?? []) : [];
    const exportKeyword = modifiers.find((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
    if (exportKeyword === undefined) continue;
    if (modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword)) {
      throw new Error(`${fileName}: default exports are not converted to CommonJS`);
    }
    let end = exportKeyword.end;
    while (source[end] === ' ') end += 1;
    edits.push({ start: exportKeyword.getStart(sourceFile), end, text: '' });
    if ((ts.isClassDeclaration(statement) || ts.isFunctionDeclaration(statement)) && statement.name !== undefined) {
      exported.push(statement.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name))
          throw new Error(`${fileName}: exported destructuring is not converted to CommonJS`);
        exported.push(declaration.name.text);
      }
    } else {
      throw new Error(
        `${fileName}: cannot convert this export to CommonJS: ${statement.getText(sourceFile).slice(0, 60)}`,
      );
    }
  }
  const converted = applyEdits(source, edits);
  if (exported.length === 0) return converted;
  return `${converted.replace(/\s*$/, '\n')}\nmodule.exports = { ${exported.join(', ')} };\n`;
}

/**
 * Re-indents text written with two-space indentation to another unit. Leading whitespace is
 * converted level by level; a leftover single space (the ` * ` of a JSDoc block) is kept.
 * Lines inside multi-line template literals are left untouched.
 *
 * @param source text indented with two spaces per level
 * @param unit the target unit, e.g. `'    '` or `'\t'`
 * @param fileName used to choose the parser
 * @returns the re-indented text
 */
export function reindent(source: string, unit: IndentUnit, fileName = 'module.ts'): string {
  if (unit === '  ') return source;
  const protectedLines = linesInsideTemplates(source, fileName);
  return source
    .split('\n')
    .map((line, index) => {
      if (protectedLines.has(index)) return line;
      const match = /^( +)/.exec(line);
      if (match === null) return line;
      const width = match[1]?.length ?? 0;
      return unit.repeat(Math.floor(width / 2)) + ' '.repeat(width % 2) + line.slice(width);
    })
    .join('\n');
}

/** Zero-based line numbers that start inside a template literal (their leading whitespace is content). */
function linesInsideTemplates(source: string, fileName: string): Set<number> {
  const sourceFile = parse(source, fileName);
  const lines = new Set<number>();
  const visit = (node: ts.Node): void => {
    if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const first = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line;
      const last = sourceFile.getLineAndCharacterOfPosition(node.end).line;
      for (let line = first + 1; line <= last; line += 1) lines.add(line);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return lines;
}

/**
 * Rewrites string literals (including module specifiers) to the preferred quote character, unless
 * the literal contains that character. Comments and template literals are never touched.
 *
 * @param source module text
 * @param quote the preferred quote
 * @param fileName used to choose the parser
 * @returns the text with requoted string literals
 */
export function requote(source: string, quote: QuoteStyle, fileName = 'module.ts'): string {
  const sourceFile = parse(source, fileName);
  const edits: TextEdit[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node)) {
      const raw = node.getText(sourceFile);
      const current = raw[0];
      if (current !== quote && (current === "'" || current === '"')) {
        const body = raw.slice(1, -1);
        if (!body.includes(quote)) {
          const unescaped = body.replace(/\\(['"])/g, (whole: string, character: string) =>
            character === current ? character : whole,
          );
          edits.push({ start: node.getStart(sourceFile), end: node.end, text: `${quote}${unescaped}${quote}` });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return applyEdits(source, edits);
}

/** Statement kinds whose trailing `;` is a terminator (not part of a `for` header). */
function endsWithTerminator(node: ts.Node): boolean {
  return (
    ts.isVariableStatement(node) ||
    ts.isExpressionStatement(node) ||
    ts.isReturnStatement(node) ||
    ts.isThrowStatement(node) ||
    ts.isBreakStatement(node) ||
    ts.isContinueStatement(node) ||
    ts.isImportDeclaration(node) ||
    ts.isImportEqualsDeclaration(node) ||
    ts.isExportDeclaration(node) ||
    ts.isExportAssignment(node) ||
    ts.isDoStatement(node) ||
    ts.isTypeAliasDeclaration(node) ||
    ts.isPropertyDeclaration(node) ||
    ts.isPropertySignature(node) ||
    ts.isMethodSignature(node)
  );
}

/** The position of the next character that is neither whitespace nor inside a comment. */
function nextCodePosition(text: string, from: number): number {
  let position = from;
  while (position < text.length) {
    const character = text[position];
    if (character === ' ' || character === '\t' || character === '\n' || character === '\r') {
      position += 1;
    } else if (text.startsWith('//', position)) {
      const end = text.indexOf('\n', position);
      position = end === -1 ? text.length : end;
    } else if (text.startsWith('/*', position)) {
      const end = text.indexOf('*/', position + 2);
      position = end === -1 ? text.length : end + 2;
    } else {
      break;
    }
  }
  return position;
}

/** Characters that would join a line to the previous one once its `;` is gone (ASI hazards). */
const ASI_HAZARDS = new Set(['(', '[', '`', '+', '-', '/', '*', '<', '.', ',', '?', ':', '=']);

/**
 * Removes statement-terminating semicolons the way semicolon-free projects write code: only where
 * the next code starts on a later line and cannot continue the statement (no line starting with
 * `(`, `[`, a template, an operator…); semicolons inside one line (`for (;;)`, `{ a: T; b: U }`)
 * stay.
 *
 * @param source module text
 * @param fileName used to choose the parser
 * @returns the text without terminating semicolons
 */
export function removeSemicolons(source: string, fileName = 'module.ts'): string {
  const sourceFile = parse(source, fileName);
  const edits: TextEdit[] = [];
  const visit = (node: ts.Node): void => {
    if (endsWithTerminator(node)) {
      const last = node.getLastToken(sourceFile);
      if (last?.kind === ts.SyntaxKind.SemicolonToken) {
        const next = nextCodePosition(source, last.end);
        const between = source.slice(last.end, next);
        const nextCharacter = source[next];
        if (
          next >= source.length ||
          (between.includes('\n') && nextCharacter !== undefined && !ASI_HAZARDS.has(nextCharacter))
        ) {
          edits.push({ start: last.getStart(sourceFile), end: last.end, text: '' });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return applyEdits(source, edits);
}
