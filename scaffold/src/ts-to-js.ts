/**
 * Turns the canonical TypeScript modules into JavaScript that keeps its types as JSDoc, so a
 * JavaScript project gets the same API checked by `checkJs`. The TypeScript compiler parses the
 * source; the conversion is a set of text edits on it (type annotations removed and restated as
 * `@param`/`@returns`/`@type`/`@template` tags, interfaces and type aliases restated as
 * `@typedef`), which keeps the original layout, blank lines and comments intact. Afterwards the
 * result is re-parsed as JavaScript and must have no syntax errors.
 *
 * Supported on purpose: what the canonical modules use. Constructs without a faithful JSDoc
 * spelling (`as`, `!`, `satisfies`, enums, namespaces, parameter properties, overloads,
 * `implements`) throw, so a change to a canonical module that the JavaScript variant cannot carry
 * fails its tests instead of shipping untyped code.
 */
import ts from 'typescript';

interface TextEdit {
  start: number;
  end: number;
  text: string;
}

interface TagToAdd {
  /** The tag name without `@`. */
  tag: 'param' | 'returns' | 'template' | 'type' | 'readonly';
  /** The parameter name (for `param`), the names (for `template`). */
  name?: string;
  /** The type text (single line). */
  type?: string;
  /** Whether a `param` is optional (`[name]`). */
  optional?: boolean;
}

/** Thrown when the source uses a construct that has no faithful JavaScript + JSDoc spelling. */
export class UnsupportedTypeScriptError extends Error {
  /**
   * @param construct a short description of what was found
   * @param line 1-based line of the construct
   */
  constructor(construct: string, line: number) {
    super(`Cannot convert ${construct} (line ${line}) to JavaScript with JSDoc types`);
    this.name = 'UnsupportedTypeScriptError';
  }
}

function singleLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Converts TypeScript source to JavaScript with JSDoc types, keeping ES module syntax.
 *
 * @param source TypeScript module text
 * @param fileName used for error messages and the parser's file kind
 * @returns JavaScript module text
 * @throws {UnsupportedTypeScriptError} for constructs JSDoc cannot express
 */
export function typeScriptToJavaScript(source: string, fileName = 'module.ts'): string {
  const sourceFile = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: TextEdit[] = [];
  const text = sourceFile.text;

  const lineOf = (position: number): number => sourceFile.getLineAndCharacterOfPosition(position).line + 1;
  const unsupported = (node: ts.Node, construct: string): never => {
    throw new UnsupportedTypeScriptError(construct, lineOf(node.getStart(sourceFile)));
  };
  const typeText = (node: ts.TypeNode): string => singleLine(node.getText(sourceFile));
  const indentationAt = (position: number): string => {
    const lineStart = text.lastIndexOf('\n', position - 1) + 1;
    const match = /^[ \t]*/.exec(text.slice(lineStart));
    return match === null ? '' : match[0];
  };
  const lastJsDoc = (node: ts.Node): ts.JSDoc | undefined => {
    const docs = ts
      .getJSDocCommentsAndTags(node)
      .filter((doc): doc is ts.JSDoc => ts.isJSDoc(doc) && doc.parent === node);
    return docs.at(-1);
  };
  const docDescription = (node: ts.Node): string[] => {
    const doc = lastJsDoc(node);
    const comment = doc === undefined ? undefined : ts.getTextOfJSDocComment(doc.comment);
    return comment === undefined || comment === '' ? [] : comment.split('\n');
  };

  /** Removes `<...>` type parameters or arguments. */
  const removeAngleList = (list: ts.NodeArray<ts.Node>): void => {
    const open = text.lastIndexOf('<', list.pos);
    const close = text.indexOf('>', list.end);
    edits.push({ start: open, end: close + 1, text: '' });
  };

  /** Removes `?: Type` / `: Type` after a name (or after `)` of a signature). */
  const removeAnnotation = (after: number, type: ts.TypeNode): void => {
    edits.push({ start: after, end: type.end, text: '' });
  };

  const renderTag = (tag: TagToAdd): string => {
    switch (tag.tag) {
      case 'param':
        return `@param {${tag.type ?? '*'}} ${tag.optional === true ? `[${tag.name ?? ''}]` : (tag.name ?? '')}`;
      case 'returns':
        return `@returns {${tag.type ?? '*'}}`;
      case 'template':
        return `@template ${tag.name ?? ''}`;
      case 'type':
        return `@type {${tag.type ?? '*'}}`;
      case 'readonly':
        return '@readonly';
    }
  };

  /**
   * Makes sure the JSDoc of `host` states every tag in `tags`: types are inserted into existing
   * tags that lack them, missing tags are appended, and a new comment is created when there is none.
   */
  const documentTags = (host: ts.Node, tags: TagToAdd[], inline: boolean): void => {
    if (tags.length === 0) return;
    const doc = lastJsDoc(host);
    if (doc === undefined) {
      const start = host.getStart(sourceFile);
      if (inline) {
        edits.push({ start, end: start, text: `/** ${tags.map(renderTag).join(' ')} */ ` });
      } else {
        const indent = indentationAt(start);
        const lines = tags.map((tag) => `${indent} * ${renderTag(tag)}\n`).join('');
        edits.push({ start, end: start, text: `/**\n${lines}${indent} */\n${indent}` });
      }
      return;
    }
    const existing = doc.tags ?? ts.factory.createNodeArray<ts.JSDocTag>();
    const missing: TagToAdd[] = [];
    for (const tag of tags) {
      const match = existing.find((candidate) => {
        if (tag.tag === 'param')
          return ts.isJSDocParameterTag(candidate) && candidate.name.getText(sourceFile) === tag.name;
        if (tag.tag === 'returns') return ts.isJSDocReturnTag(candidate);
        if (tag.tag === 'template') return ts.isJSDocTemplateTag(candidate);
        if (tag.tag === 'type') return ts.isJSDocTypeTag(candidate);
        return ts.isJSDocReadonlyTag(candidate);
      });
      if (match === undefined) {
        missing.push(tag);
        continue;
      }
      const hasType =
        (ts.isJSDocParameterTag(match) || ts.isJSDocReturnTag(match) || ts.isJSDocTypeTag(match)) &&
        match.typeExpression !== undefined;
      if (!hasType && (tag.tag === 'param' || tag.tag === 'returns' || tag.tag === 'type')) {
        edits.push({ start: match.tagName.end, end: match.tagName.end, text: ` {${tag.type ?? '*'}}` });
      }
    }
    if (missing.length === 0) return;
    const docText = doc.getText(sourceFile);
    const docStart = doc.getStart(sourceFile);
    if (!docText.includes('\n')) {
      // `/** text */` → multi-line, keeping the text.
      const indent = indentationAt(docStart);
      const body = docText.slice(3, -2).trim();
      const lines = [body, ...missing.map(renderTag)]
        .filter((line) => line !== '')
        .map((line) => `${indent} * ${line}\n`)
        .join('');
      edits.push({ start: docStart, end: doc.end, text: `/**\n${lines}${indent} */` });
      return;
    }
    const closing = docStart + docText.lastIndexOf('*/');
    const closingLineStart = text.lastIndexOf('\n', closing - 1) + 1;
    const indent = indentationAt(docStart);
    edits.push({
      start: closingLineStart,
      end: closingLineStart,
      text: missing.map((tag) => `${indent} * ${renderTag(tag)}\n`).join(''),
    });
  };

  const typeParameterTag = (parameters: ts.NodeArray<ts.TypeParameterDeclaration> | undefined): TagToAdd[] => {
    if (parameters === undefined || parameters.length === 0) return [];
    for (const parameter of parameters) {
      if (parameter.constraint !== undefined || parameter.default !== undefined)
        unsupported(parameter, 'a constrained or defaulted type parameter');
    }
    return [{ tag: 'template', name: parameters.map((parameter) => parameter.name.text).join(', ') }];
  };

  const typedefFor = (node: ts.InterfaceDeclaration | ts.TypeAliasDeclaration): string => {
    const indent = indentationAt(node.getStart(sourceFile));
    const lines = [...docDescription(node)];
    if (lines.length > 0) lines.push('');
    lines.push(...typeParameterTag(node.typeParameters).map(renderTag));
    if (ts.isTypeAliasDeclaration(node)) {
      lines.push(`@typedef {${typeText(node.type)}} ${node.name.text}`);
    } else {
      if (node.heritageClauses !== undefined) unsupported(node, 'an interface that extends another');
      lines.push(`@typedef {Object} ${node.name.text}`);
      for (const member of node.members) {
        if (!ts.isPropertySignature(member) || member.type === undefined || !ts.isIdentifier(member.name)) {
          return unsupported(member, 'an interface member other than a typed property');
        }
        const name = member.questionToken === undefined ? member.name.text : `[${member.name.text}]`;
        const description = singleLine(docDescription(member).join(' '));
        lines.push(`@property {${typeText(member.type)}} ${name}${description === '' ? '' : ` ${description}`}`);
      }
    }
    return `/**\n${lines.map((line) => (line === '' ? `${indent} *` : `${indent} * ${line}`)).join('\n')}\n${indent} */`;
  };

  const functionTags = (node: ts.SignatureDeclaration): TagToAdd[] => {
    const tags: TagToAdd[] = [...typeParameterTag(node.typeParameters)];
    for (const parameter of node.parameters) {
      if (parameter.type === undefined) continue;
      if (!ts.isIdentifier(parameter.name)) unsupported(parameter, 'a typed destructuring parameter');
      const rest = parameter.dotDotDotToken === undefined ? '' : '...';
      const parameterType =
        rest === '' ? typeText(parameter.type) : `...${typeText(parameter.type).replace(/\[\]$/, '')}`;
      tags.push({
        tag: 'param',
        name: parameter.name.getText(sourceFile),
        type: parameterType,
        optional: parameter.questionToken !== undefined || parameter.initializer !== undefined,
      });
    }
    if (node.type !== undefined && !ts.isConstructorDeclaration(node) && !ts.isSetAccessorDeclaration(node)) {
      tags.push({ tag: 'returns', type: typeText(node.type) });
    }
    return tags;
  };

  const stripSignature = (node: ts.SignatureDeclaration): void => {
    if (node.typeParameters !== undefined) removeAngleList(node.typeParameters);
    for (const parameter of node.parameters) {
      if (ts.isParameterPropertyDeclaration(parameter, parameter.parent))
        unsupported(parameter, 'a parameter property');
      if (parameter.type !== undefined) removeAnnotation(parameter.name.end, parameter.type);
      else if (parameter.questionToken !== undefined)
        edits.push({ start: parameter.questionToken.getStart(sourceFile), end: parameter.questionToken.end, text: '' });
    }
    if (node.type !== undefined) {
      const colon = text.lastIndexOf(':', node.type.getStart(sourceFile));
      removeAnnotation(colon, node.type);
    }
  };

  const removeModifiers = (node: ts.HasModifiers): void => {
    for (const modifier of ts.getModifiers(node) ?? []) {
      switch (modifier.kind) {
        case ts.SyntaxKind.ReadonlyKeyword:
        case ts.SyntaxKind.PrivateKeyword:
        case ts.SyntaxKind.PublicKeyword:
        case ts.SyntaxKind.ProtectedKeyword:
        case ts.SyntaxKind.OverrideKeyword: {
          let end = modifier.end;
          while (text[end] === ' ') end += 1;
          edits.push({ start: modifier.getStart(sourceFile), end, text: '' });
          break;
        }
        case ts.SyntaxKind.AbstractKeyword:
        case ts.SyntaxKind.DeclareKeyword:
          unsupported(modifier, `the ${modifier.getText(sourceFile)} modifier`);
          break;
        default:
          break;
      }
    }
  };

  const visit = (node: ts.Node): void => {
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) {
      const doc = lastJsDoc(node);
      const start = doc === undefined ? node.getStart(sourceFile) : doc.getStart(sourceFile);
      edits.push({ start, end: node.end, text: typedefFor(node) });
      return;
    }
    if (
      ts.isAsExpression(node) ||
      ts.isNonNullExpression(node) ||
      ts.isSatisfiesExpression(node) ||
      ts.isTypeAssertionExpression(node)
    ) {
      unsupported(node, 'a type assertion');
    }
    if (ts.isEnumDeclaration(node) || ts.isModuleDeclaration(node)) unsupported(node, 'an enum or namespace');
    if (
      (ts.isImportDeclaration(node) && node.importClause?.isTypeOnly === true) ||
      (ts.isExportDeclaration(node) && node.isTypeOnly)
    ) {
      unsupported(node, 'a type-only import or export');
    }
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
      if (node.heritageClauses?.some((clause) => clause.token === ts.SyntaxKind.ImplementsKeyword) === true)
        unsupported(node, 'implements');
      if (node.typeParameters !== undefined) {
        removeAngleList(node.typeParameters);
        documentTags(node, typeParameterTag(node.typeParameters), false);
      }
    }
    if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) {
      if (node.body === undefined) unsupported(node, 'an overload signature');
    }
    if (
      ts.isFunctionDeclaration(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isConstructorDeclaration(node) ||
      ts.isGetAccessorDeclaration(node) ||
      ts.isSetAccessorDeclaration(node) ||
      ts.isArrowFunction(node) ||
      ts.isFunctionExpression(node)
    ) {
      stripSignature(node);
      const host = functionDocHost(node);
      if (host !== undefined) documentTags(host, functionTags(node), false);
      if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node) && !ts.isFunctionDeclaration(node))
        removeModifiers(node);
    }
    if (ts.isPropertyDeclaration(node)) {
      removeModifiers(node);
      const isReadonly =
        ts.getModifiers(node)?.some((modifier) => modifier.kind === ts.SyntaxKind.ReadonlyKeyword) === true;
      if (node.exclamationToken !== undefined) unsupported(node, 'a definite assignment assertion');
      const tags: TagToAdd[] = [];
      if (node.type !== undefined) {
        removeAnnotation(node.name.end, node.type);
        tags.push({ tag: 'type', type: typeText(node.type) });
      }
      if (isReadonly && !ts.isPrivateIdentifier(node.name)) tags.push({ tag: 'readonly' });
      documentTags(node, tags, lastJsDoc(node) === undefined);
    }
    if (ts.isVariableStatement(node)) {
      const declarations = node.declarationList.declarations;
      const typed = declarations.filter((declaration) => declaration.type !== undefined);
      if (typed.length > 0) {
        if (declarations.length > 1) unsupported(node, 'a typed declaration list');
        const [declaration] = typed;
        if (declaration?.type !== undefined) {
          removeAnnotation(declaration.name.end, declaration.type);
          documentTags(node, [{ tag: 'type', type: typeText(declaration.type) }], lastJsDoc(node) === undefined);
        }
      }
    }
    if (ts.isCatchClause(node) && node.variableDeclaration?.type !== undefined) {
      removeAnnotation(node.variableDeclaration.name.end, node.variableDeclaration.type);
    }
    if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      node.typeArguments !== undefined &&
      node.typeArguments.length > 0
    ) {
      // `new Promise<V>(…)` → `/** @type {Promise<V>} */ (new Promise(…))`: keeps the inferred type.
      const castType = `${singleLine(node.expression.getText(sourceFile))}<${node.typeArguments.map(typeText).join(', ')}>`;
      if (ts.isCallExpression(node)) unsupported(node, 'explicit type arguments on a call');
      removeAngleList(node.typeArguments);
      const start = node.getStart(sourceFile);
      edits.push({ start, end: start, text: `/** @type {${castType}} */ (` });
      edits.push({ start: node.end, end: node.end, text: ')' });
    }
    ts.forEachChild(node, visit);
  };

  /** Where a function's JSDoc lives: the declaration itself, or the `const` statement holding an arrow function. */
  const functionDocHost = (node: ts.SignatureDeclaration): ts.Node | undefined => {
    if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) return node;
    const declaration = node.parent;
    if (
      ts.isVariableDeclaration(declaration) &&
      declaration.initializer === node &&
      ts.isVariableDeclarationList(declaration.parent) &&
      declaration.parent.declarations.length === 1 &&
      ts.isVariableStatement(declaration.parent.parent)
    ) {
      return declaration.parent.parent;
    }
    // A callback: its parameters are typed by context; annotations are dropped.
    return undefined;
  };

  visit(sourceFile);
  const ordered = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let output = text;
  let previousStart = Number.POSITIVE_INFINITY;
  for (const edit of ordered) {
    if (edit.end > previousStart)
      throw new Error(`Overlapping edits at ${lineOf(edit.start)} while converting ${fileName}`);
    output = output.slice(0, edit.start) + edit.text + output.slice(edit.end);
    if (edit.end > edit.start) previousStart = edit.start;
    else previousStart = Math.min(previousStart, edit.start);
  }
  const jsFileName = fileName.replace(/\.[cm]?tsx?$/, '.js');
  const { diagnostics = [] } = ts.transpileModule(output, {
    fileName: jsFileName,
    reportDiagnostics: true,
    compilerOptions: { allowJs: true, target: ts.ScriptTarget.ES2022 },
  });
  const [firstError] = diagnostics;
  if (firstError !== undefined) {
    throw new Error(
      `Converting ${fileName} to JavaScript produced invalid code: ${ts.flattenDiagnosticMessageText(firstError.messageText, '\n')}`,
    );
  }
  return output;
}
