// Types of bench/lib/corpora.mjs.
export interface PinnedPackage {
  name: string;
  version: string;
  integrity: string;
  source: string;
}
export interface CorpusDefinition {
  id: string;
  language: 'ts' | 'js';
  description: string;
  extensions: string[];
  sourceType?: 'module' | 'commonjs' | 'script';
  installDependencies: boolean;
  packages: PinnedPackage[];
  tsconfig: Record<string, unknown>;
  singleFile?: string;
  midSizeProject?: string;
}
export interface CorpusFile {
  path: string;
  relative: string;
  lines: number;
  nonBlank: number;
}
export interface PreparedCorpus {
  id: string;
  language: 'ts' | 'js';
  description: string;
  sourceType?: string;
  root: string;
  packages: { name: string; version: string; integrity: string }[];
  singleFile?: string;
  midSizeProject?: string;
  files: CorpusFile[];
  lines: number;
  nonBlank: number;
}
export const CORPORA: CorpusDefinition[];
export function computeIntegrity(bytes: Uint8Array | string): string;
export function verifyIntegrity(bytes: Uint8Array | string, expected: string | undefined, label?: string): string;
export function packageFolderName(packageName: string): string;
export function tarballFileName(packageName: string, version: string): string;
export function countLines(text: string): { lines: number; nonBlank: number };
export function prepareCorpus(
  corpus: CorpusDefinition,
  cacheRoot: string,
  log?: (line: string) => void,
): PreparedCorpus;
export function sliceFiles<T extends { lines: number }>(files: readonly T[], targetLines: number | undefined): T[];
