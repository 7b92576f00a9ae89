/**
 * Cheap, syntax-only test for the "Generate functional options" refactor (`refactor.rewrite.tripwire.functionalOptions`):
 * is the cursor on a class, interface or type alias that has optional members? The edit itself is
 * computed lazily (in `codeAction/resolve`) with {@link planFunctionalOptions} and `planToWorkspaceEdit`.
 */
import ts from 'typescript';
import { findRegion } from './generate-options.js';

export interface OptionsTypeAtCursor {
  /** Name of the class, interface or type alias. */
  typeName: string;
  kind: 'class' | 'interface' | 'type';
  /** True when the file already holds this type's generated region (offer "Update functional options"). */
  hasRegion: boolean;
  /** Offset range of the declaration's name. */
  nameStart: number;
  nameEnd: number;
}

function hasOptionalMembers(members: ts.NodeArray<ts.TypeElement> | ts.NodeArray<ts.ClassElement>): boolean {
  return members.some(
    (member) =>
      ((ts.isPropertySignature(member) || ts.isMethodSignature(member)) && member.questionToken !== undefined) ||
      (ts.isPropertyDeclaration(member) &&
        !ts.isPrivateIdentifier(member.name) &&
        (member.questionToken !== undefined || member.initializer !== undefined) &&
        !(
          ts.getCombinedModifierFlags(member) &
          (ts.ModifierFlags.Static | ts.ModifierFlags.Private | ts.ModifierFlags.Protected)
        )),
  );
}

/**
 * The options-like type whose declaration contains `offset`, or undefined.
 *
 * @param text the document text (unsaved edits included)
 * @param fileName its path (only `.ts`/`.tsx`/`.mts`/`.cts` qualify)
 * @param offset the cursor offset
 */
export function optionsTypeAt(text: string, fileName: string, offset: number): OptionsTypeAtCursor | undefined {
  if (!/\.[cm]?tsx?$/.test(fileName) || /\.d\.[cm]?ts$/.test(fileName)) return undefined;
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  for (const statement of sourceFile.statements) {
    if (offset < statement.getStart(sourceFile) || offset > statement.end) continue;
    let kind: OptionsTypeAtCursor['kind'] | undefined;
    let name: ts.Identifier | undefined;
    let optional = false;
    if (ts.isClassDeclaration(statement) && statement.name) {
      kind = 'class';
      name = statement.name;
      optional = hasOptionalMembers(statement.members);
    } else if (ts.isInterfaceDeclaration(statement)) {
      kind = 'interface';
      name = statement.name;
      optional = hasOptionalMembers(statement.members);
    } else if (ts.isTypeAliasDeclaration(statement)) {
      kind = 'type';
      name = statement.name;
      const literals = ts.isTypeLiteralNode(statement.type)
        ? [statement.type]
        : ts.isIntersectionTypeNode(statement.type)
          ? statement.type.types.filter(ts.isTypeLiteralNode)
          : [];
      optional = literals.some((literal) => hasOptionalMembers(literal.members));
    }
    if (kind === undefined || name === undefined || !optional) return undefined;
    let hasRegion = false;
    try {
      hasRegion = findRegion(text, name.text) !== undefined;
    } catch {
      hasRegion = true; // a damaged region still means "update", where the generator explains the damage
    }
    return { typeName: name.text, kind, hasRegion, nameStart: name.getStart(sourceFile), nameEnd: name.end };
  }
  return undefined;
}
