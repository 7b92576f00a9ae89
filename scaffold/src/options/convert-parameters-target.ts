/**
 * Where the "Convert … parameters to functional options" refactor applies: a cheap, syntax-only
 * look at the text under the cursor (no program, no ts-morph), so listing code actions stays fast.
 */
import ts from 'typescript';

export interface ParametersTarget {
  /** The function's name, or the class name for a constructor (what `planConvertParameters` takes). */
  name: string;
  kind: 'constructor' | 'function';
}

/** Parameters from which the refactor is offered (below that, positional arguments read fine). */
export const MINIMUM_PARAMETERS = 4;

/**
 * The function declaration or constructor whose signature (name or parameter list, not its body)
 * holds `offset`, when it takes at least {@link MINIMUM_PARAMETERS} parameters.
 */
export function parametersTargetAt(text: string, fileName: string, offset: number): ParametersTarget | undefined {
  if (!/\.(ts|tsx|mts|cts)$/.test(fileName)) return undefined;
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  let found: ParametersTarget | undefined;
  const visit = (node: ts.Node): void => {
    if (found || offset < node.getFullStart() || offset > node.getEnd()) return;
    const signatureEnd = (node as { body?: ts.Node }).body?.getStart(sourceFile) ?? node.getEnd();
    const onSignature = offset >= node.getStart(sourceFile) && offset <= signatureEnd;
    if (onSignature && ts.isFunctionDeclaration(node) && node.name && node.parameters.length >= MINIMUM_PARAMETERS) {
      found = { name: node.name.text, kind: 'function' };
      return;
    }
    if (onSignature && ts.isConstructorDeclaration(node) && node.parameters.length >= MINIMUM_PARAMETERS) {
      const owner = node.parent;
      if (ts.isClassDeclaration(owner) && owner.name) found = { name: owner.name.text, kind: 'constructor' };
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}
