import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, memberPropertyName, propertyKeyName, skipTypeWrappers, type FunctionNode } from './ast.js';
import { CALLBACK_MODULES, COLLECTION_CONSTRUCTORS } from './sinks.js';

/**
 * What the file itself says about a call's target: the local function or method it runs, the Node core
 * module it comes from, whether its receiver is a `Map`/`Set`. Every answer comes from declarations in
 * the same file; a name alone proves nothing.
 */

type Variable = TSESLint.Scope.Variable;
type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;
export type Resolve = (identifier: TSESTree.Identifier) => Variable | undefined;

const MAX_CLASS_DEPTH = 3;

function stringValue(node: TSESTree.Node | null | undefined): string | undefined {
  return node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string' ? node.value : undefined;
}

function coreModuleName(source: string): string {
  return source.startsWith('node:') ? source.slice('node:'.length) : source;
}

/** `require('fs')` → `'fs'`. */
function requiredModule(node: TSESTree.Node | null | undefined): string | undefined {
  if (!node) return undefined;
  const call = skipTypeWrappers(node);
  if (
    call.type !== AST_NODE_TYPES.CallExpression ||
    call.callee.type !== AST_NODE_TYPES.Identifier ||
    call.callee.name !== 'require' ||
    call.arguments.length !== 1
  ) {
    return undefined;
  }
  return stringValue(call.arguments[0]);
}

/** The only definition of a binding that is never reassigned after it. */
function singleDefinition(variable: Variable): TSESLint.Scope.Definition | undefined {
  if (variable.defs.length !== 1) return undefined;
  const writes = variable.references.filter((reference) => reference.isWrite() && !reference.init);
  return writes.length === 0 ? variable.defs[0] : undefined;
}

interface ModuleBinding {
  module: string;
  /** The export the binding holds; undefined for the module object itself (`import fs from 'fs'`). */
  exported: string | undefined;
}

/**
 * Where an imported or required binding comes from (`import { watch } from 'node:fs'` → fs / watch),
 * also when destructured from a module object (`const { watch } = fs`).
 */
function moduleBinding(variable: Variable, resolve: Resolve, depth = 0): ModuleBinding | undefined {
  const definition = singleDefinition(variable);
  if (!definition) return undefined;
  if (definition.type === 'ImportBinding') {
    const node = definition.node;
    if (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      const reference = node.moduleReference;
      if (reference.type !== AST_NODE_TYPES.TSExternalModuleReference) return undefined;
      const source = stringValue(reference.expression);
      return source === undefined ? undefined : { module: coreModuleName(source), exported: undefined };
    }
    const declaration = node.parent;
    if (declaration.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
    const source = stringValue(declaration.source);
    if (source === undefined) return undefined;
    if (node.type === AST_NODE_TYPES.ImportSpecifier) {
      const imported =
        node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : stringValue(node.imported);
      return imported === undefined ? undefined : { module: coreModuleName(source), exported: imported };
    }
    return { module: coreModuleName(source), exported: undefined };
  }
  if (definition.type !== 'Variable') return undefined;
  const declarator = definition.node;
  let source = requiredModule(declarator.init);
  const init = declarator.init && skipTypeWrappers(declarator.init);
  if (source === undefined && init?.type === AST_NODE_TYPES.Identifier && depth < 2) {
    const objectVariable = resolve(init);
    const object = objectVariable && moduleBinding(objectVariable, resolve, depth + 1);
    if (object?.exported === undefined) source = object?.module;
  }
  if (source === undefined) return undefined;
  if (declarator.id.type === AST_NODE_TYPES.Identifier) return { module: coreModuleName(source), exported: undefined };
  if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  for (const property of declarator.id.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value === definition.name) {
      const key = propertyKeyName(property);
      return key === undefined ? undefined : { module: coreModuleName(source), exported: key };
    }
  }
  return undefined;
}

/**
 * `watch(dir, cb)` imported from `fs`, `fs.readFile(…, cb)`, `child_process.exec(…, cb)`: a call into a
 * Node core module that only takes callbacks to call them later. Returns the name to show, or undefined.
 */
export function coreCallbackApi(callee: TSESTree.Node, resolve: Resolve): string | undefined {
  const target = skipTypeWrappers(callee);
  let binding: ModuleBinding | undefined;
  let shown: string | undefined;
  if (target.type === AST_NODE_TYPES.Identifier) {
    const variable = resolve(target);
    binding = variable ? moduleBinding(variable, resolve) : undefined;
    if (binding?.exported === undefined) return undefined;
    shown = target.name;
  } else if (target.type === AST_NODE_TYPES.MemberExpression) {
    const method = memberPropertyName(target);
    const object = skipTypeWrappers(target.object);
    if (method === undefined) return undefined;
    if (object.type === AST_NODE_TYPES.Identifier) {
      const variable = resolve(object);
      const objectBinding = variable ? moduleBinding(variable, resolve) : undefined;
      if (objectBinding?.exported !== undefined) return undefined;
      binding = objectBinding && { module: objectBinding.module, exported: method };
      shown = `${object.name}.${method}`;
    } else {
      const source = requiredModule(object);
      binding = source === undefined ? undefined : { module: coreModuleName(source), exported: method };
      shown = `require('${source ?? ''}').${method}`;
    }
  }
  if (!binding?.exported || !CALLBACK_MODULES.has(binding.module) || /Sync$/.test(binding.exported)) return undefined;
  return shown;
}

/** A function value, seen through `as`/`!` wrappers. */
function functionValue(node: TSESTree.Node | null | undefined): FunctionNode | undefined {
  if (!node) return undefined;
  const value = skipTypeWrappers(node);
  return isFunctionNode(value) ? value : undefined;
}

/** The class a binding names (`class View {}`, `const View = class {}`). */
function classOf(variable: Variable): ClassNode | undefined {
  const definition = singleDefinition(variable);
  if (definition?.type === 'ClassName') {
    const node = definition.node;
    return node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression
      ? node
      : undefined;
  }
  if (definition?.type === 'Variable' && definition.node.init) {
    const init = skipTypeWrappers(definition.node.init);
    if (init.type === AST_NODE_TYPES.ClassExpression) return init;
  }
  return undefined;
}

function memberName(member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition): string | undefined {
  if (!member.computed && member.key.type === AST_NODE_TYPES.Identifier) return member.key.name;
  if (!member.computed && member.key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${member.key.name}`;
  return stringValue(member.key);
}

/** A method (or function-valued field) of a class declared in the file, inherited ones included. */
function classMethod(
  classNode: ClassNode,
  name: string,
  isStatic: boolean,
  resolve: Resolve,
  depth = 0,
): FunctionNode | undefined {
  for (const member of classNode.body.body) {
    if (member.type === AST_NODE_TYPES.MethodDefinition) {
      // Overload signatures have no body: the implementation follows them.
      const value =
        member.kind === 'method' && member.static === isStatic && memberName(member) === name
          ? functionValue(member.value)
          : undefined;
      if (value) return value;
    } else if (member.type === AST_NODE_TYPES.PropertyDefinition) {
      if (member.static === isStatic && memberName(member) === name) return functionValue(member.value);
    }
  }
  const base = classNode.superClass && skipTypeWrappers(classNode.superClass);
  if (depth >= MAX_CLASS_DEPTH || base?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = resolve(base);
  const baseClass = variable ? classOf(variable) : undefined;
  return baseClass ? classMethod(baseClass, name, isStatic, resolve, depth + 1) : undefined;
}

/** The class whose instance (or constructor, for static code) `this` is at `node`. */
function thisClass(node: TSESTree.Node): { classNode: ClassNode; isStatic: boolean } | undefined {
  let child: TSESTree.Node = node;
  let parent = node.parent;
  let isStatic = false;
  while (parent) {
    if (parent.type === AST_NODE_TYPES.FunctionExpression || parent.type === AST_NODE_TYPES.FunctionDeclaration) {
      const owner = parent.parent;
      if (
        parent.type === AST_NODE_TYPES.FunctionExpression &&
        owner?.type === AST_NODE_TYPES.MethodDefinition &&
        owner.value === parent
      ) {
        isStatic = owner.static;
      } else {
        return undefined; // a plain function has its own `this`
      }
    } else if (parent.type === AST_NODE_TYPES.PropertyDefinition && parent.value === child) {
      isStatic = parent.static;
    } else if (parent.type === AST_NODE_TYPES.StaticBlock) {
      isStatic = true;
    } else if (parent.type === AST_NODE_TYPES.ClassBody) {
      const classNode = parent.parent;
      return { classNode, isStatic };
    }
    child = parent;
    parent = parent.parent;
  }
  return undefined;
}

/** The nearest function that has its own `this` (arrow functions do not), unless a class body comes first. */
function thisFunction(node: TSESTree.Node): TSESTree.FunctionExpression | TSESTree.FunctionDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.FunctionDeclaration)
      return current;
    if (current.type === AST_NODE_TYPES.ClassBody) return undefined;
  }
  return undefined;
}

/** `Widget.prototype.name = value`: the `Widget` identifier, for a member chain `X.prototype.name`. */
function prototypeOwner(member: TSESTree.Node): TSESTree.Identifier | undefined {
  const target = skipTypeWrappers(member);
  if (target.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const prototype = skipTypeWrappers(target.object);
  if (prototype.type !== AST_NODE_TYPES.MemberExpression || memberPropertyName(prototype) !== 'prototype')
    return undefined;
  const owner = skipTypeWrappers(prototype.object);
  return owner.type === AST_NODE_TYPES.Identifier ? owner : undefined;
}

/**
 * Pre-class code: the constructor function whose instance `this` is inside `fn`, which is the
 * constructor itself (`function Widget() {…}`), a prototype method (`Widget.prototype.m = function …`)
 * or a method of an object assigned to the prototype (`Widget.prototype = { m() {…} }`).
 */
function prototypeConstructor(
  fn: TSESTree.FunctionExpression | TSESTree.FunctionDeclaration,
  resolve: Resolve,
): Variable | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id ? resolve(fn.id) : undefined;
  let value: TSESTree.Node = fn;
  const holder = fn.parent;
  if (
    holder.type === AST_NODE_TYPES.Property &&
    holder.value === fn &&
    holder.parent.type === AST_NODE_TYPES.ObjectExpression
  ) {
    value = holder.parent;
  }
  const assignment = value.parent;
  if (assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.right === value) {
    const left = skipTypeWrappers(assignment.left);
    const owner =
      value === fn
        ? prototypeOwner(left)
        : left.type === AST_NODE_TYPES.MemberExpression && memberPropertyName(left) === 'prototype'
          ? skipTypeWrappers(left.object)
          : undefined;
    return owner?.type === AST_NODE_TYPES.Identifier ? resolve(owner) : undefined;
  }
  if (
    assignment?.type === AST_NODE_TYPES.VariableDeclarator &&
    assignment.init === fn &&
    assignment.id.type === AST_NODE_TYPES.Identifier
  ) {
    return resolve(assignment.id);
  }
  return undefined;
}

/** `Widget.prototype.name = function …` or `Widget.prototype = { name() {…} }` somewhere in the file. */
function prototypeMethod(constructor: Variable, name: string): FunctionNode | undefined {
  for (const reference of constructor.references) {
    const prototype = reference.identifier.parent;
    if (prototype?.type !== AST_NODE_TYPES.MemberExpression || memberPropertyName(prototype) !== 'prototype') continue;
    const next = prototype.parent;
    if (
      next?.type === AST_NODE_TYPES.MemberExpression &&
      next.object === prototype &&
      memberPropertyName(next) === name
    ) {
      const assignment = next.parent;
      if (assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === next) {
        const value = functionValue(assignment.right);
        if (value) return value;
      }
    } else if (next?.type === AST_NODE_TYPES.AssignmentExpression && next.left === prototype) {
      const object = skipTypeWrappers(next.right);
      if (object.type !== AST_NODE_TYPES.ObjectExpression) continue;
      for (const property of object.properties) {
        if (property.type === AST_NODE_TYPES.Property && !property.computed && propertyKeyName(property) === name) {
          const value = functionValue(property.value);
          if (value) return value;
        }
      }
    }
  }
  return undefined;
}

/** The method `name` that `this.name(…)` runs at `node`: a class member or a prototype method. */
function thisMethod(node: TSESTree.Node, name: string, resolve: Resolve): FunctionNode | undefined {
  const owner = thisClass(node);
  if (owner) return classMethod(owner.classNode, name, owner.isStatic, resolve);
  const fn = thisFunction(node);
  const constructor = fn && prototypeConstructor(fn, resolve);
  return constructor ? prototypeMethod(constructor, name) : undefined;
}

/**
 * The function a call runs when the file declares it: `helper(…)` for a local function,
 * `this.method(…)` in a class or a prototype method (also through `var self = this`), `obj.method(…)`
 * for an object literal or an instance of a local class, `Klass.method(…)` for a static method.
 */
export function calleeDefinition(callee: TSESTree.Node, resolve: Resolve): FunctionNode | undefined {
  const target = skipTypeWrappers(callee);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const variable = resolve(target);
    if (
      variable &&
      variable.defs.length > 1 &&
      variable.defs.every((definition) => definition.type === 'FunctionName')
    ) {
      // Overload signatures (`function f(a): void;`) followed by the one implementation.
      const implementations = variable.defs.filter(
        (definition) => definition.node.type === AST_NODE_TYPES.FunctionDeclaration,
      );
      const implementation = implementations.length === 1 ? implementations[0]?.node : undefined;
      return implementation?.type === AST_NODE_TYPES.FunctionDeclaration ? implementation : undefined;
    }
    const definition = variable && singleDefinition(variable);
    if (definition?.type === 'FunctionName') {
      const node = definition.node;
      return isFunctionNode(node) ? node : undefined;
    }
    if (definition?.type === 'Variable' && definition.node.id.type === AST_NODE_TYPES.Identifier) {
      return functionValue(definition.node.init);
    }
    return undefined;
  }
  if (target.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name =
    target.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${target.property.name}` : memberPropertyName(target);
  if (name === undefined) return undefined;
  const object = skipTypeWrappers(target.object);
  if (object.type === AST_NODE_TYPES.ThisExpression) return thisMethod(target, name, resolve);
  if (object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = resolve(object);
  if (!variable) return undefined;
  const staticClass = classOf(variable);
  if (staticClass) return classMethod(staticClass, name, true, resolve);
  const definition = singleDefinition(variable);
  if (definition?.type !== 'Variable' || !definition.node.init) return undefined;
  const init = skipTypeWrappers(definition.node.init);
  if (init.type === AST_NODE_TYPES.ThisExpression) return thisMethod(init, name, resolve); // `var self = this`
  if (init.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of init.properties) {
      if (property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === name && !property.computed) {
        return functionValue(property.value);
      }
    }
    return undefined;
  }
  if (init.type === AST_NODE_TYPES.NewExpression) return constructedClassMethod(init, name, resolve);
  return undefined;
}

function constructedClassMethod(
  expression: TSESTree.NewExpression,
  name: string,
  resolve: Resolve,
): FunctionNode | undefined {
  const callee = skipTypeWrappers(expression.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = resolve(callee);
  if (!variable) return undefined;
  const classNode = classOf(variable);
  return classNode ? classMethod(classNode, name, false, resolve) : prototypeMethod(variable, name);
}

/** The constructor `new Klass(…)` runs, for a class declared in the file. */
export function constructorDefinition(expression: TSESTree.NewExpression, resolve: Resolve): FunctionNode | undefined {
  const callee = skipTypeWrappers(expression.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = resolve(callee);
  const definition = variable && singleDefinition(variable);
  if (definition?.type === 'FunctionName' && definition.node.type === AST_NODE_TYPES.FunctionDeclaration) {
    return definition.node; // a pre-class constructor function
  }
  let classNode = variable ? classOf(variable) : undefined;
  for (let depth = 0; classNode && depth <= MAX_CLASS_DEPTH; depth += 1) {
    for (const member of classNode.body.body) {
      const value =
        member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor'
          ? functionValue(member.value)
          : undefined;
      if (value) return value;
    }
    const base: TSESTree.Node | null = classNode.superClass && skipTypeWrappers(classNode.superClass);
    const baseVariable = base?.type === AST_NODE_TYPES.Identifier ? resolve(base) : undefined;
    classNode = baseVariable ? classOf(baseVariable) : undefined;
  }
  return undefined;
}

/** The plain identifier parameter at `index` (`fn`, `fn = noop`, `fn: () => void`). */
export function parameterAt(fn: FunctionNode, index: number): TSESTree.Identifier | undefined {
  let parameter: TSESTree.Node | undefined = fn.params[index];
  if (parameter?.type === AST_NODE_TYPES.TSParameterProperty) parameter = parameter.parameter;
  if (parameter?.type === AST_NODE_TYPES.AssignmentPattern) parameter = parameter.left;
  return parameter?.type === AST_NODE_TYPES.Identifier ? parameter : undefined;
}

function isCollectionType(annotation: TSESTree.TSTypeAnnotation | undefined): boolean {
  const type = annotation?.typeAnnotation;
  return (
    type?.type === AST_NODE_TYPES.TSTypeReference &&
    type.typeName.type === AST_NODE_TYPES.Identifier &&
    COLLECTION_CONSTRUCTORS.has(type.typeName.name)
  );
}

function isCollectionConstruction(node: TSESTree.Node | null | undefined): boolean {
  if (!node) return false;
  const value = skipTypeWrappers(node);
  if (value.type !== AST_NODE_TYPES.NewExpression) return false;
  const callee = skipTypeWrappers(value.callee);
  return callee.type === AST_NODE_TYPES.Identifier && COLLECTION_CONSTRUCTORS.has(callee.name);
}

/** `this.name = new Map()` as a statement of the constructor. */
function constructorBuildsCollection(classNode: ClassNode, name: string): boolean {
  for (const member of classNode.body.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'constructor') continue;
    for (const statement of member.value.body?.body ?? []) {
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
      const expression = statement.expression;
      if (expression.type !== AST_NODE_TYPES.AssignmentExpression) continue;
      const left = skipTypeWrappers(expression.left);
      if (
        left.type === AST_NODE_TYPES.MemberExpression &&
        left.object.type === AST_NODE_TYPES.ThisExpression &&
        memberPropertyName(left) === name &&
        isCollectionConstruction(expression.right)
      ) {
        return true;
      }
    }
  }
  return false;
}

/**
 * Is `receiver` declared as a `Map`/`Set`/`WeakMap`/`WeakSet` in the file: built with `new Map()`,
 * annotated `Map<…>`, or a class field that is either?
 */
export function isKnownCollection(receiver: TSESTree.Node, resolve: Resolve): boolean {
  const target = skipTypeWrappers(receiver);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const variable = resolve(target);
    if (!variable) return false;
    for (const definition of variable.defs) {
      const name = definition.name as TSESTree.Node;
      if (name.type === AST_NODE_TYPES.Identifier && isCollectionType(name.typeAnnotation)) return true;
      if (definition.type === 'Variable' && isCollectionConstruction(definition.node.init)) return true;
    }
    return variable.references.some(
      (reference) => reference.isWrite() && isCollectionConstruction(reference.writeExpr),
    );
  }
  if (
    target.type !== AST_NODE_TYPES.MemberExpression ||
    skipTypeWrappers(target.object).type !== AST_NODE_TYPES.ThisExpression
  ) {
    return false;
  }
  const name =
    target.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${target.property.name}` : memberPropertyName(target);
  const owner = thisClass(target);
  if (name === undefined || !owner) return false;
  for (const member of owner.classNode.body.body) {
    if (member.type !== AST_NODE_TYPES.PropertyDefinition || memberName(member) !== name) continue;
    if (isCollectionConstruction(member.value) || isCollectionType(member.typeAnnotation)) return true;
  }
  return constructorBuildsCollection(owner.classNode, name);
}
