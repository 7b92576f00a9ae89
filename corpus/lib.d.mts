// Types of corpus/lib.mjs.
export type Verdict = 'true' | 'benign' | 'false' | 'unaudited';
export const VERDICTS: Verdict[];
export const GENERATED_LINE_LENGTH: number;

export interface CorpusReport {
  rule: string;
  file: string;
  line: number;
  column: number;
  fingerprint: string;
  message?: string;
  package?: string;
  language?: 'js' | 'ts';
}
export interface AuditEntry {
  rule: string;
  file: string;
  line: number;
  column: number;
  fingerprint: string;
  verdict: Verdict;
  reason: string;
  message?: string;
}
export interface TallyRow {
  reports: number;
  true: number;
  benign: number;
  false: number;
  unaudited: number;
  precision: number | undefined;
  actionable: number | undefined;
}
export interface Tally {
  rules: Record<string, TallyRow>;
  total: TallyRow;
}

export function exclusionReason(relative: string, text: string, include: string[]): string | undefined;
export function fingerprint(lineText: string): string;
export function readAudit(file: string): AuditEntry[];
export function auditEntryProblem(entry: unknown): string | undefined;
export function writeAudit(file: string, entries: AuditEntry[]): void;
export function compareLocations(
  a: { file: string; line: number; column: number; rule: string },
  b: { file: string; line: number; column: number; rule: string },
): number;
export function matchReports<R extends CorpusReport>(
  reports: R[],
  entries: AuditEntry[],
): { pairs: { report: R; entry: AuditEntry }[]; unaudited: R[] };
export function withRates(row: Omit<TallyRow, 'precision' | 'actionable'>): TallyRow;
export function tally(
  pairs: { report: CorpusReport; entry: AuditEntry }[],
  unauditedReports: CorpusReport[],
  ruleIds?: string[],
): Tally;
export function renderTally(result: Tally): string;
