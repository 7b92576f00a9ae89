import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, findVariable, isFunctionNode, memberChainRoot, skipTransparentWrappers } from './ast.js';

/** Runtime validation libraries Tripwire knows how to suggest, by the module name users import. */
export type ValidationLibrary = 'zod' | 'valibot' | 'yup' | 'joi' | 'ajv' | 'io-ts' | 'superstruct' | 'typia';

const LIBRARY_BY_MODULE: ReadonlyArray<readonly [RegExp, ValidationLibrary]> = [
  [/^zod(\/.*)?$/, 'zod'],
  [/^valibot$/, 'valibot'],
  [/^yup$/, 'yup'],
  [/^(joi|@hapi\/joi)$/, 'joi'],
  [/^ajv(\/.*)?$/, 'ajv'],
  [/^io-ts(\/.*)?$/, 'io-ts'],
  [/^superstruct$/, 'superstruct'],
  [/^typia$/, 'typia'],
];

/** One import of a validation library: the library, and the local names it brought in. */
export interface LibraryImport {
  library: ValidationLibrary;
  /** Local name of a default or namespace import (`z`, `v`, `Joi`, `typia`, `t`), if any. */
  namespaceName: string | undefined;
  /** Imported name → local name, for named imports (`{ parse as vParse }` → parse → vParse). */
  named: Map<string, string>;
}

function moduleLibrary(moduleName: string): ValidationLibrary | undefined {
  return LIBRARY_BY_MODULE.find(([pattern]) => pattern.test(moduleName))?.[1];
}

/** The validation libraries a file imports (ESM imports and top-level `require` calls), in source order. */
export function findValidationImports(program: TSESTree.Program): LibraryImport[] {
  const found: LibraryImport[] = [];
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      const library = moduleLibrary(statement.source.value);
      if (!library || statement.importKind === 'type') continue;
      const entry: LibraryImport = { library, namespaceName: undefined, named: new Map() };
      for (const specifier of statement.specifiers) {
        if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
          if (specifier.importKind === 'type') continue;
          const importedName =
            specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
          entry.named.set(importedName, specifier.local.name);
        } else {
          entry.namespaceName = specifier.local.name;
        }
      }
      found.push(entry);
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const init = declarator.init;
        if (
          init?.type !== AST_NODE_TYPES.CallExpression ||
          init.callee.type !== AST_NODE_TYPES.Identifier ||
          init.callee.name !== 'require' ||
          init.arguments[0]?.type !== AST_NODE_TYPES.Literal ||
          typeof init.arguments[0].value !== 'string'
        ) {
          continue;
        }
        const library = moduleLibrary(init.arguments[0].value);
        if (!library) continue;
        const entry: LibraryImport = { library, namespaceName: undefined, named: new Map() };
        if (declarator.id.type === AST_NODE_TYPES.Identifier) entry.namespaceName = declarator.id.name;
        else if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
          for (const property of declarator.id.properties) {
            if (
              property.type === AST_NODE_TYPES.Property &&
              property.key.type === AST_NODE_TYPES.Identifier &&
              property.value.type === AST_NODE_TYPES.Identifier
            ) {
              entry.named.set(property.key.name, property.value.name);
            }
          }
        }
        found.push(entry);
      }
    }
  }
  return found;
}

/** Names of calls that check a value at run time: schema methods, guard and assertion helpers. */
const VALIDATOR_NAME =
  /^(parse|safeParse|parseAsync|safeParseAsync|spa|assert\w*|validate\w*|is|is[A-Z_$]\w*|isValid\w*|check\w*|ensure\w*|guard\w*|decode|create|mask|attempt|verify\w*|cast|conform\w*|matches|from(JSON|Json)|expect\w*|assertEquals|equals)$/;

/** True when a call's callee name looks like a validator (see {@link VALIDATOR_NAME}). */
export function isValidatorName(name: string | undefined): boolean {
  return name !== undefined && VALIDATOR_NAME.test(name);
}

/** True when a called identifier resolves to a local function declared as a type guard or assertion function. */
function isLocalGuardFunction(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): boolean {
  if (call.callee.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode, call.callee);
  for (const definition of variable?.defs ?? []) {
    const node = definition.node;
    const fn =
      node.type === AST_NODE_TYPES.VariableDeclarator && node.init && isFunctionNode(node.init) ? node.init : node;
    if (
      (fn.type === AST_NODE_TYPES.FunctionDeclaration ||
        fn.type === AST_NODE_TYPES.ArrowFunctionExpression ||
        fn.type === AST_NODE_TYPES.FunctionExpression ||
        fn.type === AST_NODE_TYPES.TSDeclareFunction) &&
      fn.returnType?.typeAnnotation.type === AST_NODE_TYPES.TSTypePredicate
    ) {
      return true;
    }
  }
  return false;
}

/**
 * True when an expression (a reference to parsed JSON, or a member chain on it) sits where it is checked
 * at run time: an argument of a validator call, the operand of `typeof`, `instanceof`, `in`, or `Array.isArray`.
 */
export function isValidationUse(sourceCode: Readonly<TSESLint.SourceCode>, reference: TSESTree.Node): boolean {
  // Climb member chains: `typeof data.port` validates `data` as much as `typeof data` does.
  let expression: TSESTree.Node = reference;
  while (
    (expression.parent?.type === AST_NODE_TYPES.MemberExpression && expression.parent.object === expression) ||
    expression.parent?.type === AST_NODE_TYPES.TSNonNullExpression ||
    expression.parent?.type === AST_NODE_TYPES.ChainExpression ||
    (expression.parent?.type === AST_NODE_TYPES.TSAsExpression &&
      expression.parent.typeAnnotation.type === AST_NODE_TYPES.TSUnknownKeyword)
  ) {
    expression = expression.parent;
  }
  const parent = expression.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'typeof') return true;
  if (parent.type === AST_NODE_TYPES.BinaryExpression) {
    if (parent.operator === 'instanceof' && parent.left === expression) return true;
    if (parent.operator === 'in' && parent.right === expression) return true;
  }
  if (
    parent.type === AST_NODE_TYPES.CallExpression &&
    parent.arguments.includes(expression as TSESTree.CallExpressionArgument)
  ) {
    if (isValidatorName(calleeName(parent))) return true;
    if (isLocalGuardFunction(sourceCode, parent)) return true;
    const callee = skipTransparentWrappers(parent.callee);
    if (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      memberChainRoot(callee).type === AST_NODE_TYPES.Identifier &&
      /^(Array|Number)$/.test((memberChainRoot(callee) as TSESTree.Identifier).name) &&
      /^(isArray|isInteger|isSafeInteger|isFinite)$/.test(calleeName(parent) ?? '')
    ) {
      return true;
    }
  }
  return false;
}
