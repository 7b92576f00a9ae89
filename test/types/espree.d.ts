// espree ships no type declarations; tests only hand the module to RuleTester as a parser.
declare module 'espree' {
  export function parse(code: string, options?: unknown): unknown;
  export const version: string;
}
