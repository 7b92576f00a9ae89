/**
 * The language server as the tests run it when they need the rules of ./test-rules.ts: the shipped
 * entry's `main`, given those rules through the engine. Bundled by scripts/build.mjs to
 * .cache/test-server/server.cjs, outside what ships.
 */
import { main } from '../../server/src/main.js';
import { TEST_RULES } from './test-rules.js';

main(process.argv.slice(2), { extraRules: TEST_RULES });
