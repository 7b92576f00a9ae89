// Types of bench/lib/lsp.mjs (only what the tests use).
export const DEFAULT_DEBOUNCE_MS: number;
export function debounceFromManifest(manifest: unknown): { ms: number; source: string };
export function residentMemoryMb(pid: number): { rssMb: number | undefined; peakRssMb: number | undefined };
export function runLspBenchmark(options: {
  repositoryRoot: string;
  corpus: unknown;
  edits: number;
  log: (line: string) => void;
  serverPath?: string;
}): Promise<Record<string, unknown>>;
