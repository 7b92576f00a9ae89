#!/usr/bin/env node
// `npm run bench` — see bench/README.md. Reports; never fails the build on a missed target.
import { main } from '../bench/main.mjs';

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(`bench: ${error?.stack ?? error}`);
  process.exitCode = 2;
}
