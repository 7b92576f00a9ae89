// Types of bench/lib/lsp.mjs (only what the tests use).
import type { Summary } from './stats.mjs';

export const DEFAULT_DEBOUNCE_MS: number;
export const CODE_ACTION_PROBE_INTERVAL_MS: number;
export const TYPE_AWARE_SETTINGS: { typeAware: string; typeAwareBudgetMs: number };
export interface CodeActionTrial {
  startAt: number;
  diagnosticsAt: number;
  probes: { sentAt: number; answeredAt: number }[];
}
export function summarizeCodeActionProbes(trials: readonly CodeActionTrial[]): {
  trials: number;
  inLint: Summary;
  first: Summary;
  answeredBeforeDiagnostics: number;
  unanswered: number;
  lintMs: Summary;
};
export function debounceFromManifest(manifest: unknown): { ms: number; source: string };
export function residentMemoryMb(pid: number): { rssMb: number | undefined; peakRssMb: number | undefined };
export function runLspBenchmark(options: {
  repositoryRoot: string;
  corpus: unknown;
  edits: number;
  codeActionTrials?: number;
  log: (line: string) => void;
  serverPath?: string;
}): Promise<Record<string, unknown>>;
