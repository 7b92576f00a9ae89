// Types of corpus/run.mjs (the parts the tests use).
export interface CorpusOptions {
  typed: boolean;
  json: boolean;
  update: boolean;
  prune: boolean;
  doc: boolean;
  plugin: string | undefined;
  only: string[] | undefined;
  help: boolean;
}
type RuleEntry = string | number | [string | number, ...unknown[]];
export const HELP: string;
export function parseArguments(argv: string[]): CorpusOptions;
export function coversPreset(
  big: { rules?: Record<string, RuleEntry> } | undefined,
  small: { rules?: Record<string, RuleEntry> } | undefined,
): boolean;
export function main(argv: string[]): Promise<number>;
