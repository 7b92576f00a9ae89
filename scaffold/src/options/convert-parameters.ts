/**
 * Refactor "Convert constructor parameters to functional options": a function or class constructor
 * with 4+ parameters keeps its required parameters positional and takes the rest as
 * `...options: <Name>SettingsOption[]`. It
 *
 * 1. declares `<Name>Settings` (one property per parameter; a parameter default becomes `@default`),
 * 2. generates its functional options region (withX, DEFAULT_…, create…Settings) with the options generator,
 * 3. rewrites the signature and reads the optional values back at the top of the body,
 * 4. rewrites every call site in the project (ts-morph references): `f(a, b, 5, undefined, x)` →
 *    `f(a, b, withTimeout(5), withLogger(x))`, adding the `withX` imports next to the existing one.
 *
 * It refuses (with the places listed) whatever it cannot rewrite faithfully: spread arguments,
 * the function used as a value, subclasses calling `super(…)`, parameter properties, destructured
 * or rest parameters, defaults that read other parameters. The result is a plan of `update`d files
 * (each with its `expectedContent`), shown as a preview before it applies.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { IndentationText, Node, Project, QuoteKind, ts } from 'ts-morph';
import type {
  CallExpression,
  ConstructorDeclaration,
  FunctionDeclaration,
  NewExpression,
  ParameterDeclaration,
  SourceFile,
} from 'ts-morph';
import { assertInsideRoot, type PlannedFile, type ScaffoldPlan } from '../plan.js';
import { pascalCase } from '../names.js';
import { sourceFileStyle } from '../project-style.js';
import { generateFunctionalOptions, OptionsGeneratorError, withName } from './generate-options.js';

export interface ConvertParametersRequest {
  /** Workspace root: every rewritten file must be inside it. */
  root: string;
  /** File declaring the function or class. */
  file: string;
  /** Function name, or class name (its constructor is converted). */
  name: string;
  /** A project to use (tests); otherwise the nearest tsconfig.json's files, or every .ts file under `root`. */
  project?: Project;
  /** Minimum number of parameters (default 4). */
  minimumParameters?: number;
}

export interface ConvertParametersResult {
  plan: ScaffoldPlan;
  /** Name of the generated settings interface. */
  settingsName: string;
  /** Number of call sites rewritten. */
  callSites: number;
}

function loadProject(root: string, file: string): Project {
  let dir = path.dirname(file);
  for (;;) {
    const tsconfig = path.join(dir, 'tsconfig.json');
    if (existsSync(tsconfig)) {
      try {
        const project = new Project({ tsConfigFilePath: tsconfig });
        if (!project.getSourceFile(file)) project.addSourceFileAtPath(file);
        return project;
      } catch {
        break;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir || path.relative(root, parent).startsWith('..')) break;
    dir = parent;
  }
  const project = new Project({ compilerOptions: { strict: true, target: ts.ScriptTarget.ES2022, allowJs: false } });
  project.addSourceFilesAtPaths([
    path.join(root, '**/*.{ts,tsx,mts,cts}'),
    `!${path.join(root, '**/node_modules/**')}`,
  ]);
  if (!project.getSourceFile(file)) project.addSourceFileAtPath(file);
  return project;
}

function where(node: Node): string {
  const sourceFile = node.getSourceFile();
  const { line, column } = sourceFile.getLineAndColumnAtPos(node.getStart());
  return `${sourceFile.getFilePath()}:${line}:${column}`;
}

interface ParameterInfo {
  name: string;
  typeText: string;
  optional: boolean;
  initializer: string | undefined;
  doc: string | undefined;
}

function describeParameters(
  target: FunctionDeclaration | ConstructorDeclaration,
  jsDocParams: Map<string, string>,
): ParameterInfo[] {
  const parameters = target.getParameters();
  const names = new Set(parameters.map((parameter) => parameter.getName()));
  return parameters.map((parameter: ParameterDeclaration) => {
    if (parameter.isRestParameter())
      throw new OptionsGeneratorError(
        `Parameter ${parameter.getName()} is a rest parameter; it cannot become an option.`,
      );
    if (!Node.isIdentifier(parameter.getNameNode())) {
      throw new OptionsGeneratorError(
        `A destructured parameter (${parameter.getText()}) cannot become an option; name it first.`,
      );
    }
    if (parameter.isParameterProperty()) {
      throw new OptionsGeneratorError(
        `Parameter ${parameter.getName()} is a parameter property; move it to a field first.`,
      );
    }
    const initializer = parameter.getInitializer();
    if (initializer) {
      const readsParameter = initializer
        .getDescendantsOfKind(ts.SyntaxKind.Identifier)
        .concat(Node.isIdentifier(initializer) ? [initializer] : [])
        .some((identifier) => names.has(identifier.getText()) || identifier.getText() === 'this');
      if (readsParameter) {
        throw new OptionsGeneratorError(
          `The default of ${parameter.getName()} (${initializer.getText()}) reads another parameter or \`this\`; it cannot become a constant default.`,
        );
      }
    }
    const typeNode = parameter.getTypeNode();
    const typeText = typeNode
      ? typeNode.getText()
      : parameter.getType().getText(parameter, ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope);
    return {
      name: parameter.getName(),
      typeText,
      optional: parameter.hasQuestionToken() || initializer !== undefined,
      initializer: initializer?.getText(),
      doc: jsDocParams.get(parameter.getName()),
    };
  });
}

function jsDocParameters(target: FunctionDeclaration | ConstructorDeclaration): Map<string, string> {
  const docs = new Map<string, string>();
  for (const doc of target.getJsDocs()) {
    for (const tag of doc.getTags()) {
      if (Node.isJSDocParameterTag(tag)) {
        const comment = (tag.getCommentText() ?? '').replace(/^\s*-\s*/, '').trim();
        if (comment !== '') docs.set(tag.getName(), comment);
      }
    }
  }
  return docs;
}

function isAssigned(body: Node, name: string): boolean {
  return body.getDescendants().some((node) => {
    if (Node.isBinaryExpression(node)) {
      const operator = node.getOperatorToken().getKind();
      return (
        operator >= ts.SyntaxKind.FirstAssignment &&
        operator <= ts.SyntaxKind.LastAssignment &&
        node.getLeft().getText() === name
      );
    }
    if (Node.isPrefixUnaryExpression(node) || Node.isPostfixUnaryExpression(node)) {
      const operator = node.getOperatorToken();
      return (
        (operator === ts.SyntaxKind.PlusPlusToken || operator === ts.SyntaxKind.MinusMinusToken) &&
        node.getOperand().getText() === name
      );
    }
    return false;
  });
}

/** Plans the conversion; throws {@link OptionsGeneratorError} with the reason when it cannot be done faithfully. */
export function planConvertParameters(request: ConvertParametersRequest): ConvertParametersResult {
  const root = path.resolve(request.root);
  const file = assertInsideRoot(root, path.resolve(root, request.file));
  const project = request.project ?? loadProject(root, file);
  const sourceFile = project.getSourceFile(file) ?? project.addSourceFileAtPath(file);
  const minimum = request.minimumParameters ?? 4;
  const style = sourceFileStyle(file, sourceFile.getFullText(), root);
  project.manipulationSettings.set({
    indentationText:
      style.indent === '\t'
        ? IndentationText.Tab
        : style.indent === '    '
          ? IndentationText.FourSpaces
          : IndentationText.TwoSpaces,
    quoteKind: style.quote === '"' ? QuoteKind.Double : QuoteKind.Single,
  });

  const functionDeclaration = sourceFile.getFunction(request.name);
  const classDeclaration = functionDeclaration ? undefined : sourceFile.getClass(request.name);
  let target: FunctionDeclaration | ConstructorDeclaration | undefined = functionDeclaration;
  if (classDeclaration) {
    const constructors = classDeclaration.getConstructors();
    if (constructors.length !== 1 || !constructors[0]!.getBody()) {
      throw new OptionsGeneratorError(
        `${request.name} needs exactly one constructor with a body (overloads are not converted).`,
      );
    }
    target = constructors[0];
  } else if (functionDeclaration && (functionDeclaration.getOverloads().length > 0 || !functionDeclaration.getBody())) {
    throw new OptionsGeneratorError(`${request.name} has overloads or no body; it is not converted.`);
  }
  if (!target) throw new OptionsGeneratorError(`No function or class named ${request.name} in ${path.basename(file)}.`);
  const parameterCount = target.getParameters().length;
  if (parameterCount < minimum) {
    throw new OptionsGeneratorError(
      `${request.name} takes ${parameterCount} parameter(s); the conversion is offered from ${minimum}.`,
    );
  }
  const parameters = describeParameters(target, jsDocParameters(target));
  const firstOptional = parameters.findIndex((parameter) => parameter.optional);
  if (firstOptional === -1)
    throw new OptionsGeneratorError(
      `Every parameter of ${request.name} is required: there is nothing to turn into options.`,
    );
  const misplaced = parameters.slice(firstOptional).find((parameter) => !parameter.optional);
  if (misplaced)
    throw new OptionsGeneratorError(
      `Required parameter ${misplaced.name} follows optional ones; move it before them first.`,
    );
  const required = parameters.slice(0, firstOptional);
  const optional = parameters.slice(firstOptional);

  const baseName = classDeclaration ? request.name : pascalCase(request.name);
  const settingsName = `${baseName}Settings`;
  const optionName = `${settingsName}Option`;
  const createName = `create${settingsName}`;
  const withNames = new Map(optional.map((parameter) => [parameter.name, withName(parameter.name)]));
  const taken = [settingsName, optionName, createName, ...withNames.values()].filter(
    (name) => sourceFile.getLocal(name) !== undefined,
  );
  if (taken.length > 0)
    throw new OptionsGeneratorError(`${path.basename(file)} already declares ${taken.join(', ')}; rename them first.`);

  // Collect call sites before changing anything.
  const nameNode = functionDeclaration
    ? functionDeclaration.getNameNodeOrThrow()
    : classDeclaration!.getNameNodeOrThrow();
  const calls: Array<CallExpression | NewExpression> = [];
  const problems: string[] = [];
  for (const reference of nameNode.findReferencesAsNodes()) {
    const parent = reference.getParent();
    if (!parent) continue;
    if (
      Node.isImportSpecifier(parent) ||
      Node.isExportSpecifier(parent) ||
      Node.isImportClause(parent) ||
      Node.isNamespaceImport(parent)
    )
      continue;
    if (Node.isExportAssignment(parent)) continue;
    if (
      Node.isTypeReference(parent) ||
      Node.isTypeQuery(parent) ||
      (Node.isExpressionWithTypeArguments(parent) && !Node.isHeritageClause(parent.getParent()))
    )
      continue;
    const call =
      (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === reference ? parent.getParent() : parent) ??
      parent;
    const callee = Node.isPropertyAccessExpression(parent) && parent.getNameNode() === reference ? parent : reference;
    if ((Node.isCallExpression(call) || Node.isNewExpression(call)) && call.getExpression() === callee) {
      if (call.getArguments().some((argument) => Node.isSpreadElement(argument)))
        problems.push(`${where(call)}: spread arguments`);
      else calls.push(call);
      continue;
    }
    if (Node.isExpressionWithTypeArguments(parent)) {
      problems.push(`${where(reference)}: a subclass calls this constructor through super(…)`);
      continue;
    }
    problems.push(`${where(reference)}: used as a value, not called`);
  }
  if (problems.length > 0) {
    throw new OptionsGeneratorError(
      `Cannot rewrite every use of ${request.name} faithfully:\n  ${problems.join('\n  ')}`,
    );
  }
  for (const call of calls) {
    const file = call.getSourceFile().getFilePath();
    assertInsideRoot(root, file);
  }

  const originalTexts = new Map<SourceFile, string>();
  const remember = (changed: SourceFile): void => {
    if (!originalTexts.has(changed)) originalTexts.set(changed, changed.getFullText());
  };
  remember(sourceFile);

  // Call sites: required arguments stay, the others become withX(…) (an explicit `undefined` is dropped).
  for (const call of calls) {
    const callFile = call.getSourceFile();
    remember(callFile);
    const args = call.getArguments();
    if (args.length < required.length) continue; // already a type error; leave it as it is
    const qualifier = Node.isPropertyAccessExpression(call.getExpression())
      ? `${call.getExpression().getChildAtIndex(0).getText()}.`
      : '';
    const optionTexts: string[] = [];
    const used = new Set<string>();
    args.slice(required.length).forEach((argument, index) => {
      const parameter = optional[index];
      if (!parameter || (Node.isIdentifier(argument) && argument.getText() === 'undefined')) return;
      const functionName = withNames.get(parameter.name)!;
      used.add(functionName);
      optionTexts.push(`${qualifier}${functionName}(${argument.getText()})`);
    });
    for (let index = args.length - 1; index >= required.length; index -= 1) call.removeArgument(index);
    if (optionTexts.length > 0) call.addArguments(optionTexts);
    if (callFile !== sourceFile && qualifier === '' && used.size > 0) {
      const importDeclaration = callFile
        .getImportDeclarations()
        .find((declaration) => declaration.getModuleSpecifierSourceFile() === sourceFile);
      if (!importDeclaration)
        throw new OptionsGeneratorError(
          `${where(call)}: cannot find the import of ${request.name} to add ${[...used].join(', ')} to.`,
        );
      const present = new Set(importDeclaration.getNamedImports().map((specifier) => specifier.getName()));
      const missing = [...used].filter((name) => !present.has(name)).sort();
      if (missing.length > 0) importDeclaration.addNamedImports(missing);
    }
  }

  // The signature and the values read back at the top of the body.
  const body = target.getBodyOrThrow();
  const optionalNames = optional.map((parameter) => parameter.name);
  const reassigned = optionalNames.some((name) => Node.isBlock(body) && isAssigned(body, name));
  for (const parameter of [...target.getParameters()].reverse()) parameter.remove();
  target.addParameters([
    ...required.map((parameter) => ({ name: parameter.name, type: parameter.typeText })),
    { name: 'options', type: `readonly ${optionName}[]`, isRestParameter: true },
  ]);
  const readBack = `${reassigned ? 'let' : 'const'} { ${optionalNames.join(', ')} } = ${createName}(${[...required.map((parameter) => parameter.name), '...options'].join(', ')});`;
  if (Node.isBlock(body)) {
    const statements = body.getStatements();
    const first = statements[0];
    const isSuper =
      first !== undefined &&
      Node.isExpressionStatement(first) &&
      first.getExpression().getKind() === ts.SyntaxKind.CallExpression &&
      first.getExpression().getText().startsWith('super(');
    if (isSuper && optionalNames.some((name) => new RegExp(`\\b${name}\\b`).test(first.getText()))) {
      throw new OptionsGeneratorError(
        `The super(…) call of ${request.name} reads an optional parameter; it cannot run after the options are applied.`,
      );
    }
    body.insertStatements(isSuper ? 1 : 0, readBack);
  }

  // The settings interface, right before the function or class, then its generated options region.
  const host = functionDeclaration ?? classDeclaration!;
  const exported = host.isExported();
  const lines = [
    `/** Settings of {@link ${request.name}}, converted from its parameters. */`,
    `${exported ? 'export ' : ''}interface ${settingsName} {`,
  ];
  for (const parameter of parameters) {
    const docs = [
      parameter.doc,
      parameter.optional ? `@default ${parameter.initializer ?? 'undefined'}` : undefined,
    ].filter((line): line is string => line !== undefined);
    if (docs.length > 0) lines.push(`${style.indent}/** ${docs.join(' ')} */`);
    const optionalType =
      parameter.optional && parameter.initializer === undefined
        ? parameter.typeText.replace(/\s*\|\s*undefined$/, '')
        : parameter.typeText;
    lines.push(`${style.indent}readonly ${parameter.name}${parameter.optional ? '?' : ''}: ${optionalType};`);
  }
  lines.push('}', '');
  const hostStart = host.getStart(true);
  const withInterface = `${sourceFile.getFullText().slice(0, hostStart)}${lines.join('\n')}\n${sourceFile.getFullText().slice(hostStart)}`;
  const scratch = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true } });
  const generated = generateFunctionalOptions({
    fileName: '/scratch/settings.ts',
    sourceText: withInterface,
    typeName: settingsName,
    project: scratch,
    style,
  });
  sourceFile.replaceWithText(generated.text);

  const files: PlannedFile[] = [];
  for (const [changed, before] of originalTexts) {
    const after = changed.getFullText();
    if (after !== before) files.push({ path: changed.getFilePath(), content: after, expectedContent: before });
  }
  return { plan: { generator: 'convert-parameters', files }, settingsName, callSites: calls.length };
}
