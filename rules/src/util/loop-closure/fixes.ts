import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { contains, isLoopNode, type FunctionNode, type LoopNode } from './ast.js';
import type { LoopClosureAnalyzer, SharedBinding, Variable } from './analyzer.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Fixer = TSESLint.RuleFixer;
type Fix = TSESLint.RuleFix;

/**
 * The `var` declarations to turn into `let`, when that is safe for every binding they declare and
 * gives the closure its own copy; undefined otherwise.
 */
export function letConversion(
  sourceCode: SourceCode,
  analyzer: LoopClosureAnalyzer,
  bindings: SharedBinding[],
  fn: FunctionNode,
  chain: LoopNode[],
): TSESTree.VariableDeclaration[] | undefined {
  const declarations = new Map<TSESTree.VariableDeclaration, TSESTree.Node>();
  for (const binding of bindings) {
    if (binding.reason !== 'var' || binding.variable.defs.length !== 1) return undefined;
    const definition = binding.variable.defs[0];
    if (!definition || definition.type !== 'Variable' || definition.parent.kind !== 'var') return undefined;
    const declaration = definition.parent;
    const scopeNode = letScope(declaration, chain);
    if (!scopeNode) return undefined;
    declarations.set(declaration, scopeNode);
    // As a `let`, would the closure still see the binding change?
    if (analyzer.sharedBinding(binding.variable, fn, fn, chain, scopeNode)) return undefined;
  }
  for (const [declaration, scopeNode] of declarations) {
    for (const variable of sourceCode.getDeclaredVariables(declaration)) {
      if (!isSafeAsLet(variable, scopeNode)) return undefined;
    }
  }
  return [...declarations.keys()];
}

/** The node a `let` would be scoped to: the loop for a loop-head declaration, the block for a body one. */
function letScope(declaration: TSESTree.VariableDeclaration, chain: LoopNode[]): TSESTree.Node | undefined {
  const parent = declaration.parent;
  if (
    (parent.type === AST_NODE_TYPES.ForStatement && parent.init === declaration) ||
    ((parent.type === AST_NODE_TYPES.ForInStatement || parent.type === AST_NODE_TYPES.ForOfStatement) &&
      parent.left === declaration)
  ) {
    return chain.includes(parent) ? parent : undefined;
  }
  if (
    parent.type === AST_NODE_TYPES.BlockStatement &&
    chain.some((loop) => contains(loop.body, parent)) &&
    declaration.declarations.every((declarator) => declarator.init !== null)
  ) {
    return parent;
  }
  return undefined;
}

/** Declared once, used only inside `scopeNode`, never before its declarator has run. */
function isSafeAsLet(variable: Variable, scopeNode: TSESTree.Node): boolean {
  if (variable.defs.length !== 1) return false;
  const definition = variable.defs[0];
  if (!definition || definition.type !== 'Variable') return false;
  const declarator = definition.node;
  for (const reference of variable.references) {
    const identifier = reference.identifier;
    if (!contains(scopeNode, identifier)) return false;
    if (contains(declarator.id, identifier)) continue;
    if (identifier.range[0] < declarator.range[1]) return false;
  }
  return true;
}

export function letFix(sourceCode: SourceCode, declarations: TSESTree.VariableDeclaration[]) {
  return (fixer: Fixer): Fix[] =>
    declarations.flatMap((declaration) => {
      const keyword = sourceCode.getFirstToken(declaration);
      return keyword && keyword.value === 'var' ? [fixer.replaceText(keyword, 'let')] : [];
    });
}

interface Anchor {
  statement: TSESTree.Node;
  /** In a statement list (a block, a case, the program): a declaration can go right before it. */
  inList: boolean;
}

/** The statement holding `fn` that runs right before it is created, inside the innermost loop's body. */
function anchorStatement(fn: FunctionNode, chain: LoopNode[]): Anchor | undefined {
  const innermost = chain[0];
  if (!innermost) return undefined;
  let node: TSESTree.Node = fn;
  while (node.parent) {
    const parent: TSESTree.Node = node.parent;
    if (parent === innermost) return node === innermost.body ? { statement: node, inList: false } : undefined;
    switch (parent.type) {
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.StaticBlock:
      case AST_NODE_TYPES.Program:
        return { statement: node, inList: true };
      case AST_NODE_TYPES.SwitchCase:
        if (parent.test !== node) return { statement: node, inList: true };
        break;
      case AST_NODE_TYPES.IfStatement:
        if (parent.test !== node) return { statement: node, inList: false };
        break;
      case AST_NODE_TYPES.LabeledStatement:
        if (parent.body === node) return { statement: node, inList: false };
        break;
      default:
        if (isLoopNode(parent) && parent.body === node) return { statement: node, inList: false };
    }
    node = parent;
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[$]/g, '\\$&');
}

function snapshotName(text: string, name: string, taken: Set<string>): string {
  const base = `${name}Snapshot`;
  for (let attempt = 1; ; attempt += 1) {
    const candidate = attempt === 1 ? base : `${base}${attempt}`;
    if (taken.has(candidate)) continue;
    if (!new RegExp(`(?<![\\w$])${escapeRegExp(candidate)}(?![\\w$])`).test(text)) return candidate;
  }
}

/** Inserts `const <name>Snapshot = <name>;` before the statement creating `fn` and reads the copy inside it. */
export function snapshotFix(
  sourceCode: SourceCode,
  bindings: SharedBinding[],
  fn: FunctionNode,
  chain: LoopNode[],
): ((fixer: Fixer) => Fix[]) | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return undefined; // hoisted: its creation point is not where it reads
  const anchor = anchorStatement(fn, chain);
  if (!anchor) return undefined;
  const text = sourceCode.getText();
  const taken = new Set<string>();
  const snapshots: { name: string; snapshot: string; reads: TSESTree.Identifier[] }[] = [];
  for (const binding of bindings) {
    const variable = binding.variable;
    const definition = variable.defs[0];
    if (!definition || !contains(variable.scope.block, anchor.statement)) return undefined;
    if (definition.name.range[1] > anchor.statement.range[0]) return undefined;
    const reads: TSESTree.Identifier[] = [];
    for (const reference of variable.references) {
      const identifier = reference.identifier;
      if (contains(fn, identifier)) {
        if (reference.isWrite() || identifier.type !== AST_NODE_TYPES.Identifier) return undefined;
        reads.push(identifier);
      } else if (reference.isWrite() && contains(anchor.statement, identifier)) {
        return undefined; // the statement itself changes it before the function is created
      }
    }
    const snapshot = snapshotName(text, variable.name, taken);
    taken.add(snapshot);
    snapshots.push({ name: variable.name, snapshot, reads });
  }
  const declarations = snapshots.map(({ name, snapshot }) => `const ${snapshot} = ${name};`);

  return (fixer: Fixer): Fix[] => {
    const fixes: Fix[] = [];
    if (anchor.inList) {
      const insertAt = insertionPoint(sourceCode, anchor.statement);
      const lineStart = text.lastIndexOf('\n', insertAt - 1) + 1;
      const indent = text.slice(lineStart, insertAt);
      const inserted = /^[ \t]*$/.test(indent)
        ? `${declarations.join(`\n${indent}`)}\n${indent}`
        : `${declarations.join(' ')} `;
      fixes.push(fixer.insertTextBeforeRange([insertAt, insertAt], inserted));
    } else {
      fixes.push(fixer.insertTextBefore(anchor.statement, `{ ${declarations.join(' ')} `));
      fixes.push(fixer.insertTextAfter(anchor.statement, ' }'));
    }
    for (const { name, snapshot, reads } of snapshots) {
      for (const identifier of reads) {
        const parent = identifier.parent;
        const shorthand = parent?.type === AST_NODE_TYPES.Property && parent.shorthand && parent.value === identifier;
        fixes.push(fixer.replaceText(identifier, shorthand ? `${name}: ${snapshot}` : snapshot));
      }
    }
    return fixes;
  };
}

/** Before the statement's own-line leading comments (so `// eslint-disable-next-line` stays attached). */
function insertionPoint(sourceCode: SourceCode, statement: TSESTree.Node): number {
  const previous = sourceCode.getTokenBefore(statement);
  const previousLine = previous ? previous.loc.end.line : 0;
  const comment = sourceCode.getCommentsBefore(statement).find((candidate) => candidate.loc.start.line > previousLine);
  return comment ? comment.range[0] : statement.range[0];
}
