import { AST_NODE_TYPES, ESLintUtils, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
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
export function typeToolsGetter(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): () => TypeTools | undefined {
  let tools: TypeTools | null | undefined;
  return () => {
    if (tools === undefined) {
      // Parsers other than typescript-eslint's (espree for .js) have no services at all: no types, no error.
      if (!context.sourceCode.parserServices?.esTreeNodeToTSNodeMap) {
        tools = null;
        return undefined;
      }
      const services = ESLintUtils.getParserServices(context, true);
      tools = services.program ? { checker: services.program.getTypeChecker(), services: services as ParserServicesWithTypeInformation } : null;
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
 * With types only: the declared type of the member a parsed value is assigned to (`this.config = JSON.parse(s)`),
 * when it says more than `any`/`unknown`. `value` is the expression holding the parsed value.
 */
export function assignedMemberType(tools: TypeTools, value: TSESTree.Node): { type: ts.Type; node: TSESTree.MemberExpression } | undefined {
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
  return isAnyOrUnknown(type) || intrinsicName(type) === 'error' ? undefined : { type, node: parent.left };
}
