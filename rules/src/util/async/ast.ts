import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

export type FunctionNode =
  TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

export function isFunctionNode(node: TSESTree.Node | undefined | null): node is FunctionNode {
  return (
    node != null &&
    (node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
      node.type === AST_NODE_TYPES.FunctionDeclaration ||
      node.type === AST_NODE_TYPES.FunctionExpression)
  );
}

/** Strips TypeScript-only wrappers and parentheses-free chains: `x as T`, `x!`, `<T>x`, `x satisfies T`, `a?.b()`. */
export function skipWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSInstantiationExpression:
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** The parent of `node` after climbing out of TypeScript wrappers and chain expressions. */
export function parentSkippingWrappers(node: TSESTree.Node): {
  child: TSESTree.Node;
  parent: TSESTree.Node | undefined;
} {
  let child: TSESTree.Node = node;
  let parent = node.parent;
  while (
    parent &&
    (parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSTypeAssertion ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.ChainExpression)
  ) {
    child = parent;
    parent = parent.parent;
  }
  return { child, parent };
}

/** The name of a non-computed (or string-literal computed) member property, else undefined. */
export function memberName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed) {
    return node.property.type === AST_NODE_TYPES.Identifier || node.property.type === AST_NODE_TYPES.PrivateIdentifier
      ? node.property.name
      : undefined;
  }
  return node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === 'string'
    ? node.property.value
    : undefined;
}

/** `foo` for `foo(...)`, `bar` for `a.b.bar(...)`; undefined for anything else. */
export function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const callee = skipWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return memberName(callee);
  return undefined;
}

/** The leftmost identifier of a member/call chain (`a` in `a.b().c.d()`), or `this`. */
export function chainRoot(node: TSESTree.Node): TSESTree.Identifier | TSESTree.ThisExpression | undefined {
  let current = skipWrappers(node);
  for (;;) {
    if (current.type === AST_NODE_TYPES.Identifier || current.type === AST_NODE_TYPES.ThisExpression) return current;
    if (current.type === AST_NODE_TYPES.MemberExpression) current = skipWrappers(current.object);
    else if (current.type === AST_NODE_TYPES.CallExpression) current = skipWrappers(current.callee);
    else if (current.type === AST_NODE_TYPES.TaggedTemplateExpression) current = skipWrappers(current.tag);
    else return undefined;
  }
}

/** The innermost function that contains `node` (not counting `node` itself). */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  let current = node.parent;
  while (current) {
    if (isFunctionNode(current)) return current;
    current = current.parent;
  }
  return undefined;
}

/** True when `await` is allowed at `node`: inside an async function (class static blocks and top level excluded). */
export function isInAsyncFunction(node: TSESTree.Node): boolean {
  const fn = enclosingFunction(node);
  return fn?.async === true;
}

/** Resolves an identifier to its variable through the scope chain (undefined for globals never declared). */
export function resolveVariable(
  sourceCode: Readonly<TSESLint.SourceCode>,
  identifier: TSESTree.Identifier,
): TSESLint.Scope.Variable | undefined {
  const scope = sourceCode.getScope(identifier);
  return ASTUtils.findVariable(scope, identifier) ?? undefined;
}

/** True when `identifier` refers to a global binding (not declared anywhere in the file). */
export function isGlobalReference(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): boolean {
  const variable = resolveVariable(sourceCode, identifier);
  return variable === undefined || variable.defs.length === 0;
}

/** Indentation (spaces/tabs) of the line on which `node` starts. */
export function lineIndent(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

/** Re-indents every line after the first of `text` by `extra`. */
export function indentFollowingLines(text: string, extra: string): string {
  return text
    .split('\n')
    .map((line, index) => (index === 0 || line.trim() === '' ? line : extra + line))
    .join('\n');
}

/** Whether the file being linted is TypeScript parsed as TypeScript (type annotations allowed in generated code). */
export function isTypeScriptFile(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): boolean {
  return /\.[cm]?tsx?$/i.test(context.filename) && context.sourceCode.parserServices?.esTreeNodeToTSNodeMap != null;
}

/** Whether an expression needs parentheses to be used as the operand of `await`/`void` or as a member object. */
export function needsParensAsOperand(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.MemberExpression:
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.ThisExpression:
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return false;
    case AST_NODE_TYPES.ChainExpression:
      return false;
    default:
      return true;
  }
}

/** Source text of `node`, wrapped in parentheses when it needs them as an operand; keeps existing parentheses. */
export function operandText(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  const text = sourceCode.getText(node);
  if (ASTUtils.isParenthesized(node, sourceCode)) return `(${text})`;
  return needsParensAsOperand(node) ? `(${text})` : text;
}

/** Visits every node under `root` (skipping nested functions when `skipFunctions`), stopping early when `visit` returns true. */
export function someDescendant(
  root: TSESTree.Node,
  visit: (node: TSESTree.Node) => boolean,
  skipFunctions: boolean,
  visitorKeys?: Readonly<Record<string, readonly string[] | undefined>>,
): boolean {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node)) return true;
    const keys = (visitorKeys?.[node.type] ?? Object.keys(node)) as (keyof typeof node)[];
    for (const key of keys) {
      if (key === 'parent') continue;
      const value = node[key] as unknown;
      if (Array.isArray(value)) {
        for (const item of value) {
          if (isNode(item) && !(skipFunctions && isFunctionNode(item))) stack.push(item);
        }
      } else if (isNode(value) && !(skipFunctions && isFunctionNode(value))) {
        stack.push(value);
      }
    }
  }
  return false;
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
