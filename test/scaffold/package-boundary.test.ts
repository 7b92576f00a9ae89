// tripwire-scaffold knows nothing of editors: no module of the package imports an LSP or VS Code
// package, its manifest depends on none, and the server reaches it only by its package name.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const full = path.join(folder, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.[cm]?ts$/.test(entry) ? [full] : [];
  });
}

/** Every module specifier a file imports or re-exports (static and dynamic). */
function importsOf(file: string): string[] {
  const sourceFile = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier !== undefined &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      specifiers.push(node.moduleSpecifier.text);
    }
    if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return specifiers;
}

describe('tripwire-scaffold package boundary', () => {
  const packageFiles = sourceFiles(path.join(repoRoot, 'scaffold', 'src')).filter(
    (file) => !file.includes(`${path.sep}canonical${path.sep}`),
  );

  it('imports no LSP or VS Code package and nothing outside the package', () => {
    assert.ok(packageFiles.length > 10);
    const all = packageFiles.flatMap(importsOf);
    assert.ok(
      all.includes('typescript') && all.includes('ts-morph') && all.includes('./plan.js'),
      'the imports are read',
    );
    for (const file of packageFiles) {
      for (const specifier of importsOf(file)) {
        assert.doesNotMatch(specifier, /^vscode/, `${path.relative(repoRoot, file)} imports ${specifier}`);
        if (specifier.startsWith('.')) {
          const target = path.resolve(path.dirname(file), specifier);
          assert.ok(
            target.startsWith(path.join(repoRoot, 'scaffold', 'src')),
            `${path.relative(repoRoot, file)} reaches outside the package: ${specifier}`,
          );
        }
      }
    }
  });

  it('depends on no editor package', () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'scaffold', 'package.json'), 'utf8')) as Record<
      string,
      Record<string, string> | undefined
    >;
    const dependencies = Object.keys({ ...manifest['dependencies'], ...manifest['peerDependencies'] });
    assert.deepEqual(
      dependencies.filter((name) => /vscode|languageserver/.test(name)),
      [],
    );
  });

  it('is reached from the server by its package name only', () => {
    for (const file of sourceFiles(path.join(repoRoot, 'server', 'src'))) {
      for (const specifier of importsOf(file)) {
        assert.doesNotMatch(
          specifier,
          /(^|\/)scaffold\/src\//,
          `${path.relative(repoRoot, file)} imports the package's sources directly: ${specifier}`,
        );
      }
    }
  });
});
