// Types of bench/lib/stats.mjs (the harness is plain JavaScript run by node; the tests are TypeScript).
export interface Summary {
  count: number;
  median: number;
  min: number;
  max: number;
  p50: number;
  p95: number;
}
export interface RatioSummary extends Summary {
  perRound: number[];
}
export type Comparison = '<=' | '>=';
export interface TargetInput {
  id: string;
  description: string;
  measured: number | undefined | null;
  limit: number;
  comparison?: Comparison;
  unit?: string;
}
export interface TargetResult {
  id: string;
  description: string;
  measured: number | null;
  limit: number;
  comparison: Comparison;
  unit: string;
  status: 'PASS' | 'MISS' | 'N/A';
}
export interface StatsPassResult {
  filePath: string;
  stats?: {
    times?: {
      passes?: {
        parse?: number | { total: number };
        rules?: Record<string, number | { total: number }>;
        total?: number | { total: number };
      }[];
    };
  };
}
export type Round = Record<string, Record<string, number | undefined> | undefined>;

export function percentile(values: readonly number[], p: number): number;
export function median(values: readonly number[]): number;
export function medianStatsPasses(lints: readonly (readonly StatsPassResult[])[]): StatsPassResult[];
export function summarize(values: readonly number[]): Summary;
export function ratio(numerator: number | undefined, denominator: number | undefined): number;
export function sameRoundRatios(
  rounds: readonly Round[],
  numeratorId: string,
  denominatorId: string,
  metric: string,
): RatioSummary;
export function evaluateTarget(input: TargetInput): TargetResult;
export function rotate<T>(list: readonly T[], by: number): T[];
export function perThousandLines(milliseconds: number, lines: number): number;
export function formatNumber(value: number | undefined, decimals?: number): string;
export function formatSpread(summary: Summary | undefined, decimals?: number): string;
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string;
