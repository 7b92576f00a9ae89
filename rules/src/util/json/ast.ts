import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

/** True when a statement ends its path: `throw`, `return`, or a block ending in one. */
export function exits(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ThrowStatement || statement.type === AST_NODE_TYPES.ReturnStatement)
    return true;
  if (statement.type !== AST_NODE_TYPES.BlockStatement) return false;
  const last = statement.body.at(-1);
  return last !== undefined && exits(last);
}

/** Any function node. */
export type FunctionNode =
  TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

export function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression
  );
}

/** Removes TypeScript-only wrappers that do not change the runtime value (`x!`, `x satisfies T`). */
export function skipTransparentWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    if (current.type === AST_NODE_TYPES.TSNonNullExpression || current.type === AST_NODE_TYPES.TSSatisfiesExpression) {
      current = current.expression;
    } else if (current.type === AST_NODE_TYPES.ChainExpression) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

/** The static name of a member's property (`a.b`, `a['b']`), or undefined. */
export function memberPropertyName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed && member.property.type === AST_NODE_TYPES.Identifier) return member.property.name;
  if (member.computed && member.property.type === AST_NODE_TYPES.Literal && typeof member.property.value === 'string') {
    return member.property.value;
  }
  if (
    member.computed &&
    member.property.type === AST_NODE_TYPES.TemplateLiteral &&
    member.property.expressions.length === 0
  ) {
    return member.property.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/** `callee` is `object.name(...)` with a static property name; returns that name. */
export function calleePropertyName(call: TSESTree.CallExpression): string | undefined {
  const callee = skipTransparentWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression ? memberPropertyName(callee) : undefined;
}

/** The name a call is made through: `f(...)` → f, `a.b.f(...)` → f. */
export function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const callee = skipTransparentWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return memberPropertyName(callee);
  return undefined;
}

/** The identifier at the root of a member chain (`a` for `a.b[c].d`), or `this`. */
export function memberChainRoot(node: TSESTree.Node): TSESTree.Node {
  let current = skipTransparentWrappers(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = skipTransparentWrappers(current.object);
  return current;
}

/** The nearest enclosing function of a node (not the node itself), if any. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return undefined;
}

/** The variable a name refers to at a given node, found through the scope chain. */
export function findVariable(
  sourceCode: Readonly<TSESLint.SourceCode>,
  identifier: TSESTree.Identifier,
): TSESLint.Scope.Variable | undefined {
  let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(identifier);
  while (scope) {
    const variable = scope.set.get(identifier.name);
    if (variable) return variable;
    scope = scope.upper;
  }
  return undefined;
}

/** The name under which a function can be called in this file (declaration name or `const f = () => …`). */
export function functionBindingIdentifier(fn: FunctionNode): TSESTree.Identifier | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id ?? undefined;
  const parent = fn.parent;
  if (
    parent.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.init === fn &&
    parent.id.type === AST_NODE_TYPES.Identifier
  ) {
    return parent.id;
  }
  return undefined;
}

/** True when a function (or the declaration holding it) is exported from the module. */
export function isExported(fn: FunctionNode): boolean {
  for (let current: TSESTree.Node | undefined = fn.parent; current; current = current.parent) {
    if (
      current.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      current.type === AST_NODE_TYPES.ExportDefaultDeclaration
    ) {
      return true;
    }
    if (current.type !== AST_NODE_TYPES.VariableDeclarator && current.type !== AST_NODE_TYPES.VariableDeclaration) {
      return false;
    }
  }
  return false;
}

/** The statement (direct child of a block, program, or switch case) that contains a node. */
export function enclosingStatement(node: TSESTree.Node): TSESTree.Node | undefined {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; current = current.parent) {
    if (
      current.type === AST_NODE_TYPES.BlockStatement ||
      current.type === AST_NODE_TYPES.Program ||
      current.type === AST_NODE_TYPES.SwitchCase ||
      current.type === AST_NODE_TYPES.StaticBlock ||
      current.type === AST_NODE_TYPES.TSModuleBlock
    ) {
      return child;
    }
    if (isFunctionNode(current)) return undefined;
    child = current;
  }
  return undefined;
}

/** The leading whitespace of the line a node starts on. */
export function lineIndentation(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  return /^\s*/.exec(line)?.[0] ?? '';
}

/** The file's indentation unit: a tab, or the smallest run of leading spaces (two when nothing is indented). */
export function indentUnit(sourceCode: Readonly<TSESLint.SourceCode>): string {
  let smallest = 0;
  for (const line of sourceCode.lines) {
    if (line.startsWith('\t')) return '\t';
    const match = /^( +)\S/.exec(line);
    if (match?.[1] && (smallest === 0 || match[1].length < smallest)) smallest = match[1].length;
  }
  return ' '.repeat(smallest === 4 ? 4 : 2);
}

/** True for `"..."`, `'...'` and template literals without substitutions. */
export function isConstantString(node: TSESTree.Node): boolean {
  const inner = skipTransparentWrappers(node);
  if (inner.type === AST_NODE_TYPES.Literal) return typeof inner.value === 'string';
  return inner.type === AST_NODE_TYPES.TemplateLiteral && inner.expressions.length === 0;
}

/** The string value of a string literal / substitution-free template, or undefined. */
export function constantStringValue(node: TSESTree.Node): string | undefined {
  const inner = skipTransparentWrappers(node);
  if (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'string') return inner.value;
  if (inner.type === AST_NODE_TYPES.TemplateLiteral && inner.expressions.length === 0) {
    return inner.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}
