#!/usr/bin/env node
// `npm run corpus` — see rules/docs/real-code.md and `npm run corpus -- --help`.
import { main } from '../corpus/run.mjs';

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(`corpus: ${error?.stack ?? error}`);
  process.exitCode = 2;
}
