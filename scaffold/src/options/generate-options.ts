/**
 * Functional options generator: from a class, interface or type alias describing an options/config
 * object, produces a marked region holding
 *
 * - `<Name>OptionValues`: the value each option accepts, by key;
 * - `<Name>Option`: a frozen, inspectable `{ key, value }` record;
 * - `DEFAULT_<NAME>`: the frozen defaults (from initializers or JSDoc `@default`; `undefined` for a
 *   property declared with `?` that has neither; a placeholder that fails type-checking only where
 *   no valid default exists);
 * - one `withX(value)` per optional property, carrying the property's JSDoc;
 * - `create<Name>(required…, ...options)` returning a frozen `Readonly<Name>`.
 *
 * The region is found again by its markers on a re-run: everything inside is regenerated (keeping
 * the default values already present), everything outside is left byte for byte. An unchanged type
 * yields the identical text, so callers can skip the edit.
 */
import { Node, Project, ts } from 'ts-morph';
import { camelCase, constantCase, isIdentifier, pascalCase, RESERVED_WORDS } from '../names.js';
import { inferIndent, inferQuote } from '../project-style.js';
import type {
  ClassDeclaration,
  InterfaceDeclaration,
  JSDoc,
  SourceFile,
  Symbol as MorphSymbol,
  TypeAliasDeclaration,
  TypeParameterDeclaration,
} from 'ts-morph';

/** Thrown when the type cannot be turned into functional options; the message says why and what to do. */
export class OptionsGeneratorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OptionsGeneratorError';
  }
}

/** Code style of the generated text. */
export interface OptionsStyle {
  /** One level of indentation, e.g. two spaces or a tab. */
  indent: string;
  /** Quote character for string literals. */
  quote: "'" | '"';
}

/** One property of the config type as the generator sees it. */
export interface ConfigProperty {
  /** Property name as declared. */
  name: string;
  /** Whether it gets a `withX` and a default (optional, or a class property with an initializer). */
  optional: boolean;
  /** Whether it is declared `readonly`. */
  readonly: boolean;
  /** JSDoc description lines to carry over to `withX`. */
  docLines: string[];
  /** JSDoc tags other than `@default` (e.g. `@deprecated`, `@see`), one entry per tag, possibly multi-line. */
  docTags: string[];
  /** Whether the property is declared with `?` (its value may be absent). */
  questionToken: boolean;
  /** Default expression text from an initializer or `@default`, when it is a valid expression. */
  defaultText: string | undefined;
  /** A `@default` that is prose rather than an expression, shown next to the placeholder. */
  defaultNote: string | undefined;
}

/** The config type, reduced to what the generator needs. */
export interface ConfigShape {
  kind: 'class' | 'interface' | 'type';
  name: string;
  exported: boolean;
  /** Type parameter declarations as written (`K extends string = string`). */
  typeParameters: Array<{ name: string; text: string; constraint: string | undefined }>;
  properties: ConfigProperty[];
  /** Offset just after the declaration (end of its last line). */
  insertAt: number;
}

/** Where the generated region goes. */
export type OptionsTarget = 'same-file' | 'options-file';

export interface GenerateOptionsRequest {
  /** Path of the file declaring the type (used for names, never read here). */
  fileName: string;
  /** Current text of that file. */
  sourceText: string;
  /** Name of the class, interface or type alias. */
  typeName: string;
  /** `same-file` (default) or `options-file` (`<base>.options.ts` next to the source). */
  target?: OptionsTarget;
  /** Current text of the options file, when it exists (for `options-file`). */
  optionsFileText?: string;
  /** Specifier the options file uses to import the source (default `./<base>.js`). */
  importSpecifier?: string;
  /** Code style; detected from the source file when omitted. */
  style?: Partial<OptionsStyle>;
  /** An existing ts-morph project to parse in (gives access to types declared in other files). */
  project?: Project;
}

export interface GenerateOptionsResult {
  /** The file to write (the source file itself, or the options file). */
  fileName: string;
  /** Its text before the change (empty when the options file does not exist yet). */
  previousText: string;
  /** Its text after the change. */
  text: string;
  /** True when the text is unchanged (re-run on an unchanged type). */
  unchanged: boolean;
  /** Properties that got a `TODO` placeholder default (no valid default could be inferred). */
  placeholders: string[];
  /** Optional properties whose default is `undefined`: no initializer or `@default`, so they start unset. */
  unset: string[];
}

const REGION_TAG = 'tripwire:functional-options';

export function regionStart(typeName: string): string {
  return `// #region ${REGION_TAG} ${typeName}`;
}

export function regionEnd(typeName: string): string {
  return `// #endregion ${REGION_TAG} ${typeName}`;
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

function parameterName(property: string, taken: Set<string>): string {
  let base = isIdentifier(property) && !RESERVED_WORDS.has(property) ? property : '';
  if (base === '') {
    const camel = camelCase(property);
    base = camel === '' ? 'value' : camel;
    if (RESERVED_WORDS.has(base) || !isIdentifier(base)) base = `${base}Value`;
  }
  let name = base;
  for (let suffix = 2; taken.has(name); suffix += 1) name = `${base}${suffix}`;
  taken.add(name);
  return name;
}

// ---------------------------------------------------------------------------------------------
// Reading the type
// ---------------------------------------------------------------------------------------------

function isValidExpression(text: string): boolean {
  const probe = `const __tripwireProbe = (${text}\n);`;
  const output = ts.transpileModule(probe, {
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022 },
  });
  return (output.diagnostics ?? []).length === 0;
}

function docLinesOf(jsDocs: JSDoc[]): { lines: string[]; tags: string[]; defaultTag: string | undefined } {
  const lines: string[] = [];
  const tags: string[] = [];
  let defaultTag: string | undefined;
  for (const doc of jsDocs) {
    const description = doc.getDescription().trim();
    if (description !== '') lines.push(...description.split(/\r?\n/).map((line) => line.trimEnd()));
    for (const tag of doc.getTags()) {
      const tagName = tag.getTagName();
      if (tagName === 'default' || tagName === 'defaultValue') {
        defaultTag = (tag.getCommentText() ?? '').trim();
        continue;
      }
      const tagText = tag
        .getText()
        .replace(/\s*\*\/\s*$/, '')
        .split(/\r?\n/)
        .map((line) => line.replace(/^\s*\*\s?/, '').trimEnd())
        .join('\n')
        .trim();
      tags.push(tagText);
    }
  }
  return { lines, tags, defaultTag };
}

function defaultsFrom(
  initializer: string | undefined,
  defaultTag: string | undefined,
): Pick<ConfigProperty, 'defaultText' | 'defaultNote'> {
  if (initializer !== undefined && !/\bthis\b|#/.test(initializer))
    return { defaultText: initializer, defaultNote: undefined };
  if (defaultTag !== undefined && defaultTag !== '') {
    if (isValidExpression(defaultTag)) return { defaultText: defaultTag, defaultNote: undefined };
    return { defaultText: undefined, defaultNote: defaultTag };
  }
  return { defaultText: undefined, defaultNote: undefined };
}

function typeParametersOf(declarations: TypeParameterDeclaration[]): ConfigShape['typeParameters'] {
  return declarations.map((parameter) => ({
    name: parameter.getName(),
    text: parameter.getText(),
    constraint: parameter.getConstraint()?.getText(),
  }));
}

function endOfLine(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

function readClass(declaration: ClassDeclaration): ConfigShape {
  if (declaration.isAbstract()) {
    throw new OptionsGeneratorError(
      `${declaration.getName()} is abstract: functional options need a class that can be constructed.`,
    );
  }
  const requiredConstructorParameter = declaration
    .getConstructors()
    .flatMap((constructor) => constructor.getParameters())
    .find((parameter) => !parameter.isOptional() && !parameter.hasInitializer());
  if (requiredConstructorParameter) {
    throw new OptionsGeneratorError(
      `${declaration.getName()}'s constructor takes the required parameter \`${requiredConstructorParameter.getName()}\`: functional options need a class constructible with \`new ${declaration.getName()}()\`. Use "Convert constructor parameters to functional options" instead.`,
    );
  }
  const properties: ConfigProperty[] = [];
  for (const property of declaration.getProperties()) {
    if (property.isStatic() || property.hasModifier(ts.SyntaxKind.DeclareKeyword)) continue;
    const scope = property.getScope();
    if (scope === 'private' || scope === 'protected') continue;
    const nameNode = property.getNameNode();
    if (Node.isPrivateIdentifier(nameNode) || Node.isComputedPropertyName(nameNode)) continue; // #private survives untouched
    const name = property.getName().replace(/^(['"])(.*)\1$/, '$2');
    const { lines, tags, defaultTag } = docLinesOf(property.getJsDocs());
    const initializer = property.getInitializer()?.getText();
    properties.push({
      name,
      optional: property.hasQuestionToken() || initializer !== undefined,
      questionToken: property.hasQuestionToken(),
      readonly: property.isReadonly(),
      docLines: lines,
      docTags: tags,
      ...defaultsFrom(initializer, defaultTag),
    });
  }
  return {
    kind: 'class',
    name: declaration.getName() ?? '',
    exported: declaration.isExported(),
    typeParameters: typeParametersOf(declaration.getTypeParameters()),
    properties,
    insertAt: endOfLine(declaration.getSourceFile().getFullText(), declaration.getEnd()),
  };
}

function propertyFromSymbol(symbol: MorphSymbol): ConfigProperty | undefined {
  const name = symbol.getName();
  if (name.startsWith('__@') || name.startsWith('#')) return undefined;
  const declaration = symbol.getDeclarations()[0];
  let jsDocs: JSDoc[] = [];
  let readonly = false;
  if (declaration && (Node.isPropertySignature(declaration) || Node.isMethodSignature(declaration))) {
    jsDocs = declaration.getJsDocs();
    readonly = Node.isPropertySignature(declaration) && declaration.isReadonly();
  }
  const { lines, tags, defaultTag } = docLinesOf(jsDocs);
  return {
    name,
    optional: symbol.isOptional(),
    questionToken: symbol.isOptional(),
    readonly,
    docLines: lines,
    docTags: tags,
    ...defaultsFrom(undefined, defaultTag),
  };
}

function readObjectType(declaration: InterfaceDeclaration | TypeAliasDeclaration): ConfigShape {
  const type = declaration.getType();
  if (Node.isTypeAliasDeclaration(declaration) && (type.isUnion() || !type.isObject()) && !type.isIntersection()) {
    throw new OptionsGeneratorError(
      `${declaration.getName()} is not an object type (found \`${type.getText(declaration)}\`): functional options need one options shape.`,
    );
  }
  const properties = type
    .getProperties()
    .map(propertyFromSymbol)
    .filter((property): property is ConfigProperty => property !== undefined);
  return {
    kind: Node.isInterfaceDeclaration(declaration) ? 'interface' : 'type',
    name: declaration.getName(),
    exported: declaration.isExported(),
    typeParameters: typeParametersOf(declaration.getTypeParameters()),
    properties,
    insertAt: endOfLine(declaration.getSourceFile().getFullText(), declaration.getEnd()),
  };
}

/** Finds the named class, interface or type alias in a source file and reads its shape. */
export function readConfigShape(sourceFile: SourceFile, typeName: string): ConfigShape {
  const declaration =
    sourceFile.getClass(typeName) ?? sourceFile.getInterface(typeName) ?? sourceFile.getTypeAlias(typeName);
  if (!declaration) {
    const known = [
      ...sourceFile.getClasses().map((node) => node.getName()),
      ...sourceFile.getInterfaces().map((node) => node.getName()),
      ...sourceFile.getTypeAliases().map((node) => node.getName()),
    ].filter((name): name is string => name !== undefined);
    throw new OptionsGeneratorError(
      `No class, interface or type alias named ${typeName} in ${sourceFile.getBaseName()}${known.length > 0 ? ` (found: ${known.join(', ')})` : ''}.`,
    );
  }
  const shape = Node.isClassDeclaration(declaration) ? readClass(declaration) : readObjectType(declaration);
  if (!shape.properties.some((property) => property.optional)) {
    throw new OptionsGeneratorError(
      `${typeName} has no optional properties${shape.kind === 'class' ? ' or initialized fields' : ''}: there is nothing to turn into options.`,
    );
  }
  return shape;
}

// ---------------------------------------------------------------------------------------------
// Existing region
// ---------------------------------------------------------------------------------------------

interface RegionLocation {
  start: number;
  /** Offset after the end marker's line. */
  end: number;
}

export function findRegion(text: string, typeName: string): RegionLocation | undefined {
  const startMarker = regionStart(typeName);
  const endMarker = regionEnd(typeName);
  const startPattern = new RegExp(`^[ \\t]*${startMarker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \\t]*$`, 'm');
  const startMatch = startPattern.exec(text);
  if (!startMatch) return undefined;
  const endIndex = text.indexOf(endMarker, startMatch.index);
  if (endIndex === -1) {
    throw new OptionsGeneratorError(
      `The generated region for ${typeName} has a start marker but no end marker (\`${endMarker}\`); restore it or delete the region.`,
    );
  }
  return { start: startMatch.index, end: endOfLine(text, endIndex) };
}

/** Default values already in the region (hand-filled placeholders survive a re-run). */
function existingDefaults(regionText: string, defaultsName: string): Map<string, string> {
  const defaults = new Map<string, string>();
  const file = ts.createSourceFile('region.ts', regionText, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node): void => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === defaultsName &&
      node.initializer
    ) {
      let initializer: ts.Expression = node.initializer;
      if (ts.isCallExpression(initializer) && initializer.arguments[0]) initializer = initializer.arguments[0];
      if (ts.isObjectLiteralExpression(initializer)) {
        for (const property of initializer.properties) {
          if (ts.isPropertyAssignment(property)) {
            const key =
              ts.isIdentifier(property.name) || ts.isStringLiteral(property.name) ? property.name.text : undefined;
            if (key !== undefined) defaults.set(key, property.initializer.getText(file));
          } else if (ts.isShorthandPropertyAssignment(property)) {
            defaults.set(property.name.text, property.name.text);
          }
        }
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return defaults;
}

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

export interface RenderOptions {
  style: OptionsStyle;
  /** Default texts found in the previous region, by property name. */
  previousDefaults: ReadonlyMap<string, string>;
}

function renderDoc(lines: readonly string[], indent = ''): string {
  if (lines.length === 0) return '';
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((line) => (line === '' ? `${indent} *` : `${indent} * ${line}`)).join('\n')}\n${indent} */\n`;
}

/** Names the generator declares for one config type. */
export function generatedNames(typeName: string): {
  values: string;
  option: string;
  defaults: string;
  create: string;
  placeholder: string;
} {
  return {
    values: `${typeName}OptionValues`,
    option: `${typeName}Option`,
    defaults: `DEFAULT_${constantCase(typeName)}`,
    create: `create${typeName}`,
    placeholder: `TODO_${constantCase(typeName)}_DEFAULT`,
  };
}

export function withName(property: string): string {
  const pascal = pascalCase(property);
  return `with${pascal === '' ? 'Value' : pascal}`;
}

/** Renders the whole region (markers included) for a shape. */
export function renderRegion(
  shape: ConfigShape,
  options: RenderOptions,
): { text: string; placeholders: string[]; unset: string[] } {
  const { indent: I, quote: Q } = options.style;
  const quoted = (text: string): string =>
    `${Q}${text.replace(/\\/g, '\\\\').replace(new RegExp(Q, 'g'), `\\${Q}`)}${Q}`;
  const keyText = (name: string): string => (isIdentifier(name) ? name : quoted(name));
  const names = generatedNames(shape.name);
  const typeArgs = shape.typeParameters.length > 0 ? `<${shape.typeParameters.map((p) => p.name).join(', ')}>` : '';
  const typeParams = shape.typeParameters.length > 0 ? `<${shape.typeParameters.map((p) => p.text).join(', ')}>` : '';
  const taken = new Set(shape.typeParameters.map((p) => p.name));
  let keyVariable = 'Key';
  while (taken.has(keyVariable)) keyVariable = `${keyVariable}_`;
  const defaultTypeArgs =
    shape.typeParameters.length > 0
      ? `<${shape.typeParameters
          .map((p) =>
            p.constraint !== undefined &&
            !shape.typeParameters.some((other) => new RegExp(`\\b${other.name}\\b`).test(p.constraint!))
              ? p.constraint
              : p.constraint === undefined
                ? 'unknown'
                : 'never',
          )
          .join(', ')}>`
      : '';
  const configRef = `${shape.name}${typeArgs}`;
  const valuesRef = `${names.values}${typeArgs}`;
  const optional = shape.properties.filter((property) => property.optional);
  const required = shape.properties.filter((property) => !property.optional);

  const placeholders: string[] = [];
  const unset: string[] = [];
  const out: string[] = [];
  out.push(regionStart(shape.name));
  out.push(
    `// Generated by Tripwire from ${shape.name}. Re-running the generator rewrites this region and keeps the defaults you`,
    '// filled in; put your own code outside it.',
    '',
  );

  // Values interface.
  out.push(`/** The value each option of {@link ${shape.name}} accepts, by property name. */`);
  out.push(`export interface ${names.values}${typeParams} {`);
  for (const property of optional) {
    const absent = property.questionToken ? ' | undefined' : '';
    out.push(
      `${I}${property.readonly ? 'readonly ' : ''}${keyText(property.name)}: ${configRef}[${quoted(property.name)}]${absent};`,
    );
  }
  out.push('}', '');

  // Option type.
  out.push(
    '/**',
    ` * One functional option for {@link ${names.create}}: a frozen \`{ key, value }\` record, so a list of options`,
    ' * can be logged, compared and inspected. Build it with the `with…` functions below.',
    ' */',
    `export type ${names.option}${typeParams} = {`,
    `${I}readonly [${keyVariable} in keyof ${valuesRef}]: {`,
    `${I}${I}readonly key: ${keyVariable};`,
    `${I}${I}readonly value: ${valuesRef}[${keyVariable}] | undefined;`,
    `${I}};`,
    `}[keyof ${valuesRef}];`,
    '',
  );

  // Defaults.
  const defaultEntries = optional.map((property) => {
    const previous = options.previousDefaults.get(property.name);
    if (previous === 'undefined') unset.push(property.name);
    if (previous !== undefined && previous !== names.placeholder) return `${I}${keyText(property.name)}: ${previous},`;
    if (property.defaultText !== undefined) return `${I}${keyText(property.name)}: ${property.defaultText},`;
    if (property.questionToken && property.defaultNote === undefined) {
      // Declared with `?`: absent is a valid value, so the option starts unset instead of failing to compile.
      unset.push(property.name);
      return `${I}${keyText(property.name)}: undefined,`;
    }
    placeholders.push(property.name);
    const note =
      property.defaultNote !== undefined ? ` (@default says: ${property.defaultNote.replace(/\s+/g, ' ')})` : '';
    return `${I}${keyText(property.name)}: ${names.placeholder}, // TODO: choose the default for ${property.name}${note}`;
  });
  if (placeholders.length > 0) {
    out.push(
      '/** Stands in for defaults Tripwire could not infer: it fails type-checking until you replace it. */',
      `declare const ${names.placeholder}: unique symbol;`,
      '',
    );
  }
  out.push(
    `/** The defaults {@link ${names.create}} starts from, before any option is applied. */`,
    `export const ${names.defaults}: Readonly<${names.values}${defaultTypeArgs}> = Object.freeze({`,
    ...defaultEntries,
    '});',
    '',
  );

  // withX functions.
  const usedWithNames = new Set<string>();
  for (const property of optional) {
    const functionName = withName(property.name);
    if (usedWithNames.has(functionName)) {
      throw new OptionsGeneratorError(
        `Properties of ${shape.name} map to the same option function ${functionName}; rename one of them.`,
      );
    }
    usedWithNames.add(functionName);
    const doc = [...property.docLines];
    if (doc.length > 0) doc.push('');
    doc.push(
      `Sets \`${property.name}\` (default: \`${names.defaults}${isIdentifier(property.name) ? `.${property.name}` : `[${quoted(property.name)}]`}\`).`,
      'Passing `undefined` keeps the default; when several options set it, the last one wins.',
    );
    for (const tag of property.docTags) doc.push('', ...tag.split('\n'));
    out.push(renderDoc(doc).trimEnd());
    out.push(
      `export function ${functionName}${typeParams}(value: ${valuesRef}[${quoted(property.name)}] | undefined): ${names.option}${typeArgs} {`,
      `${I}return Object.freeze({ key: ${quoted(property.name)}, value });`,
      '}',
      '',
    );
  }

  // create function.
  const takenParameters = new Set<string>(['options', 'settings', 'option']);
  const parameters = required.map((property) => ({
    property,
    parameter: parameterName(property.name, takenParameters),
  }));
  const signatureParameters = [
    ...parameters.map(({ property, parameter }) => `${parameter}: ${configRef}[${quoted(property.name)}]`),
    `...options: readonly ${names.option}${typeArgs}[]`,
  ];
  const requiredAssignments = parameters.map(({ property, parameter }) =>
    isIdentifier(property.name) && property.name === parameter ? parameter : `${keyText(property.name)}: ${parameter}`,
  );
  const requiredObject = requiredAssignments.length > 0 ? `{ ${requiredAssignments.join(', ')} }` : '';
  out.push(
    '/**',
    ` * Creates a frozen {@link ${shape.name}}.`,
    ' *',
    ` * Required settings are positional. Every other setting starts from {@link ${names.defaults}} and is`,
    ' * then overridden by `options` in the order given: the last option for a key wins, and an option whose',
    ' * value is `undefined` is skipped, so it never erases a default.',
    ' */',
  );
  const signature = `export function ${names.create}${typeParams}(${signatureParameters.join(', ')}): Readonly<${configRef}> {`;
  if (signature.length <= 120) out.push(signature);
  else {
    out.push(`export function ${names.create}${typeParams}(`);
    out.push(
      ...signatureParameters.map(
        (parameter, index) => `${I}${parameter}${index < signatureParameters.length - 1 ? ',' : ''}`,
      ),
    );
    out.push(`): Readonly<${configRef}> {`);
  }
  out.push(
    `${I}const settings: Record<string, unknown> = {};`,
    `${I}for (const [key, value] of Object.entries(${names.defaults})) {`,
    `${I}${I}if (value !== undefined) settings[key] = value;`,
    `${I}}`,
    `${I}for (const option of options) {`,
    `${I}${I}if (option.value !== undefined) settings[option.key] = option.value;`,
    `${I}}`,
  );
  if (shape.kind === 'class') {
    const sources = ['settings', ...(requiredObject !== '' ? [requiredObject] : [])].join(', ');
    out.push(`${I}return Object.freeze(Object.assign(new ${configRef}(), ${sources}));`);
  } else {
    const spread = requiredObject !== '' ? `{ ...settings, ${requiredAssignments.join(', ')} }` : '{ ...settings }';
    out.push(`${I}return Object.freeze(${spread} as ${configRef});`);
  }
  out.push('}');
  out.push(regionEnd(shape.name));
  return { text: `${out.join('\n')}\n`, placeholders, unset };
}

// ---------------------------------------------------------------------------------------------
// Whole-file generation
// ---------------------------------------------------------------------------------------------

/** `src/server.ts` → `src/server.options.ts`. */
export function optionsFileNameFor(fileName: string): string {
  const extension = /\.(d\.)?[cm]?tsx?$/.exec(fileName)?.[0] ?? '';
  return `${fileName.slice(0, fileName.length - extension.length)}.options.ts`;
}

function defaultImportSpecifier(fileName: string): string {
  const base = fileName.replace(/\\/g, '/').split('/').pop() ?? fileName;
  const stem = base.replace(/\.(d\.)?[cm]?tsx?$/, '');
  const extension = /\.mts$/.test(base) ? '.mjs' : /\.cts$/.test(base) ? '.cjs' : '.js';
  return `./${stem}${extension}`;
}

/** Generates (or regenerates) the functional options of `typeName`; the result says which file changes. */
export function generateFunctionalOptions(request: GenerateOptionsRequest): GenerateOptionsResult {
  if (!/\.[cm]?tsx?$/.test(request.fileName) || /\.d\.[cm]?ts$/.test(request.fileName)) {
    throw new OptionsGeneratorError(
      `Functional options are generated into TypeScript source files; ${request.fileName} is not one.`,
    );
  }
  const target = request.target ?? 'same-file';
  const project =
    request.project ??
    new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true, target: ts.ScriptTarget.ES2022 } });
  const sourceFile =
    project.getSourceFile(request.fileName) ??
    project.createSourceFile(request.fileName, request.sourceText, { overwrite: true });
  if (sourceFile.getFullText() !== request.sourceText) sourceFile.replaceWithText(request.sourceText);
  const shape = readConfigShape(sourceFile, request.typeName);
  const style: OptionsStyle = {
    indent: inferIndent([request.sourceText]) ?? '  ',
    quote: inferQuote([{ fileName: request.fileName, text: request.sourceText }]) ?? "'",
    ...request.style,
  };

  if (target === 'same-file') {
    const text = request.sourceText;
    const existing = findRegion(text, request.typeName);
    const names = generatedNames(request.typeName);
    const previousDefaults = existing
      ? existingDefaults(text.slice(existing.start, existing.end), names.defaults)
      : new Map<string, string>();
    const { text: region, placeholders, unset } = renderRegion(shape, { style, previousDefaults });
    const next = existing
      ? text.slice(0, existing.start) + region + text.slice(existing.end)
      : `${text.slice(0, shape.insertAt)}${text.slice(0, shape.insertAt).endsWith('\n') ? '' : '\n'}\n${region}${text.slice(shape.insertAt)}`;
    return {
      fileName: request.fileName,
      previousText: text,
      text: next,
      unchanged: next === text,
      placeholders,
      unset,
    };
  }

  if (!shape.exported) {
    throw new OptionsGeneratorError(
      `${request.typeName} is not exported, so ${optionsFileNameFor(request.fileName).split('/').pop()} cannot import it: export it, or generate into the same file.`,
    );
  }
  const optionsFileName = optionsFileNameFor(request.fileName);
  const previousText = request.optionsFileText ?? '';
  const existing = findRegion(previousText, request.typeName);
  const names = generatedNames(request.typeName);
  const previousDefaults = existing
    ? existingDefaults(previousText.slice(existing.start, existing.end), names.defaults)
    : new Map<string, string>();
  const { text: region, placeholders, unset } = renderRegion(shape, { style, previousDefaults });
  const specifier = request.importSpecifier ?? defaultImportSpecifier(request.fileName);
  const importKeyword = shape.kind === 'class' ? 'import' : 'import type';
  const importLine = `${importKeyword} { ${request.typeName} } from ${style.quote}${specifier}${style.quote};\n`;
  // The import sits inside the region so the region is self-contained and a re-run rewrites it too.
  const regionWithImport = region.replace(/\n/, `\n${importLine}`);
  let next: string;
  if (existing) next = previousText.slice(0, existing.start) + regionWithImport + previousText.slice(existing.end);
  else if (previousText.trim() === '') next = regionWithImport;
  else next = `${previousText}${previousText.endsWith('\n') ? '' : '\n'}\n${regionWithImport}`;
  return { fileName: optionsFileName, previousText, text: next, unchanged: next === previousText, placeholders, unset };
}
