import { AST_NODE_TYPES, type TSESLint } from '@typescript-eslint/utils';

const TEST_FILE = /(?:^|[/\\])(?:__tests__|__mocks__)[/\\]|\.(?:test|spec|e2e)\.[cm]?[jt]sx?$/i;
const UI_MODULES =
  /^(?:react|react-dom|preact|vue|svelte|solid-js|lit|@angular\/core|next\/navigation|next\/router|@remix-run\/react|react-native)(?:\/|$)/;

/** Test files: a request there is bounded by the test runner's own timeout. */
export function isTestFile(filename: string): boolean {
  return TEST_FILE.test(filename);
}

/**
 * Browser UI code: JSX markup, the DOM, a `'use client'` module, or a module importing a UI framework. Its requests
 * are bounded by the page's lifetime, not by a server's resources.
 */
export function isBrowserUiFile(filename: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  // JSX markup (in a `.jsx`/`.tsx` file): a component.
  if (/\.[jt]sx$/i.test(filename) && /<\/[A-Za-z]|\/>/.test(sourceCode.text)) return true;
  // Page code: the DOM or a service worker.
  if (
    /\b(?:document\.(?:getElementById|querySelector|createElement|body)|navigator\.serviceWorker|window\.(?:location|addEventListener|document))\b/.test(
      sourceCode.text,
    )
  )
    return true;
  for (const statement of sourceCode.ast.body) {
    if (
      statement.type === AST_NODE_TYPES.ExpressionStatement &&
      statement.expression.type === AST_NODE_TYPES.Literal &&
      statement.expression.value === 'use client'
    ) {
      return true;
    }
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && UI_MODULES.test(String(statement.source.value)))
      return true;
  }
  return false;
}
