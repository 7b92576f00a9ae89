// The flat config the real `eslint` CLI loads in the concurrency row (and, with --concurrency, every
// one of its worker threads loads it again): a configuration of bench/lib/configs.mjs on a corpus,
// as described by the JSON file named by TRIPWIRE_BENCH_CLI_SPEC ({ configId, corpus, pluginEntry }).
import { readFileSync } from 'node:fs';
import { buildConfig } from './lib/configs.mjs';

const specPath = process.env.TRIPWIRE_BENCH_CLI_SPEC;
if (!specPath) throw new Error('bench/cli.config.mjs: TRIPWIRE_BENCH_CLI_SPEC names no spec file');
let spec;
try {
  spec = JSON.parse(readFileSync(specPath, 'utf8'));
} catch (error) {
  throw new Error(`bench/cli.config.mjs: cannot read the spec ${specPath}: ${error?.message ?? error}`);
}

export default await buildConfig(spec.configId, spec.corpus, spec.pluginEntry);
