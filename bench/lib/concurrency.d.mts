// Types of bench/lib/concurrency.mjs.
export const DEFAULT_CONCURRENCY_MODES: string[];
export const CONCURRENCY_CONFIGS: { configId: string; label: string }[];
export function parseConcurrencyModes(text: string): string[];
export function cliArguments(input: {
  loaderArguments?: string[];
  probeUrl: string;
  eslintBin: string;
  configFile: string;
  mode: string;
  outputFile: string;
  files: string[];
}): string[];
export interface Findings {
  files: number;
  problems: number;
  fatal: number;
  fingerprint: string;
}
export function findingsOf(
  results: readonly {
    filePath: string;
    messages?: readonly { line?: number; column?: number; ruleId?: string | null; message: string; fatal?: boolean }[];
  }[],
): Findings;
export interface ConcurrencyRun extends Partial<Findings> {
  mode: string;
  wallMs?: number;
  cpuMs?: number;
  workers?: number;
  lintThreads?: number;
  peakRssMb?: number;
  peakRssPerLintThreadMb?: number;
  error?: string;
}
export function concurrencyRunFigures(input: {
  mode: string;
  wallMs: number;
  probe: { workers?: number; peakRssMb?: number; cpuMs?: number } | undefined;
  findings: Findings;
}): ConcurrencyRun;
export function compareConcurrency(runs: readonly ConcurrencyRun[]): {
  mode: string;
  wallVersusOff: number;
  cpuVersusOff: number;
  peakRssVersusOff: number;
  sameFindings: boolean | undefined;
}[];
