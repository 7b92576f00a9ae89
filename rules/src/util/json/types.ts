import {
  AST_NODE_TYPES,
  ESLintUtils,
  type ParserServicesWithTypeInformation,
  type TSESLint,
  type TSESTree,
} from '@typescript-eslint/utils';
import type * as ts from 'typescript';

/** The checker and node maps of a typed lint run. */
export interface TypeTools {
  checker: ts.TypeChecker;
  services: ParserServicesWithTypeInformation;
}

/**
 * Returns a getter that asks for parser services once per file, and yields the checker only when a program
 * exists. The TypeScript module itself is never loaded: everything here goes through public methods of
 * types and the checker, and intrinsic names, because enum values (`TypeFlags`) differ between versions.
 */
export function typeToolsGetter(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
): () => TypeTools | undefined {
  let tools: TypeTools | null | undefined;
  return () => {
    if (tools === undefined) {
      // Parsers other than typescript-eslint's (espree for .js) have no services at all: no types, no error.
      if (!context.sourceCode.parserServices?.esTreeNodeToTSNodeMap) {
        tools = null;
        return undefined;
      }
      const services = ESLintUtils.getParserServices(context, true);
      tools = services.program
        ? { checker: services.program.getTypeChecker(), services: services as ParserServicesWithTypeInformation }
        : null;
    }
    return tools ?? undefined;
  };
}

/** `any`, `unknown`, `undefined`, `bigint`… for intrinsic types; undefined for everything else. */
export function intrinsicName(type: ts.Type): string | undefined {
  const name = (type as { intrinsicName?: unknown }).intrinsicName;
  return typeof name === 'string' ? name : undefined;
}

/** True for `any` and `unknown` (not for the error type of an unresolved name, which says nothing). */
export function isAnyOrUnknown(type: ts.Type): boolean {
  const name = intrinsicName(type);
  return name === 'any' || name === 'unknown';
}

/**
 * True for a declared type that claims no shape a JSON value could violate, as the untyped rules read
 * `unknown`, `object`, `{}` and `Record<string, unknown>`: the non-primitive `object`, or an object type with no
 * properties and no call signatures whose index signature (if any) holds `any`/`unknown`.
 */
export function isShapelessType(type: ts.Type): boolean {
  if (isAnyOrUnknown(type) || intrinsicName(type) === 'object') return true;
  if (type.isUnion() || type.isIntersection() || intrinsicName(type) !== undefined || type.isLiteral()) return false;
  if (
    type.getProperties().length > 0 ||
    type.getCallSignatures().length > 0 ||
    type.getConstructSignatures().length > 0
  )
    return false;
  const index = type.getStringIndexType() ?? type.getNumberIndexType();
  return index === undefined || isAnyOrUnknown(index);
}

/**
 * With types only: the declared type of the member a parsed value is assigned to (`this.config = JSON.parse(s)`),
 * when it claims a shape (more than `any`, `unknown`, `object`, `{}`). `value` is the expression holding the parsed value.
 */
export function assignedMemberType(
  tools: TypeTools,
  value: TSESTree.Node,
): { type: ts.Type; node: TSESTree.MemberExpression } | undefined {
  let current = value;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      (current.parent.type === AST_NODE_TYPES.TSAsExpression &&
        (current.parent.typeAnnotation.type === AST_NODE_TYPES.TSAnyKeyword ||
          current.parent.typeAnnotation.type === AST_NODE_TYPES.TSUnknownKeyword)))
  ) {
    current = current.parent;
  }
  const parent = current.parent;
  if (
    parent?.type !== AST_NODE_TYPES.AssignmentExpression ||
    parent.operator !== '=' ||
    parent.right !== current ||
    parent.left.type !== AST_NODE_TYPES.MemberExpression
  ) {
    return undefined;
  }
  const type = tools.services.getTypeAtLocation(parent.left);
  return isShapelessType(type) || intrinsicName(type) === 'error' ? undefined : { type, node: parent.left };
}
