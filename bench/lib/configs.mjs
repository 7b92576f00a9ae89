// The configurations the benchmark compares. Labels and flags are plain data (the parent process
// uses them for ordering and the report); `buildConfig` runs in the child and imports what it needs.

/**
 * id → description. Order is the order of the report; rounds rotate it.
 * typed: needs the TypeScript program (projectService).
 */
export const CONFIGURATIONS = [
  { id: 'A', label: 'parse only (no rules)', typed: false },
  { id: 'T', label: 'tripwire.configs.recommended', typed: false },
  { id: 'B', label: 'core no-loop-func + no-await-in-loop', typed: false },
  { id: 'D', label: 'promise/catch-or-return', typed: false },
  { id: 'TT0', label: 'typed parser (projectService), no rules', typed: true },
  { id: 'TT', label: 'tripwire.configs["recommended-type-checked"]', typed: true },
  { id: 'C', label: 'typescript-eslint no-floating-promises + no-misused-promises (typed)', typed: true },
];

/**
 * The module object a CommonJS package exports, whatever the loader's interop (plain node gives
 * it as `default`; tsx gives `default` = `exports.default` for packages compiled with __esModule).
 */
function commonJsExports(namespace, probe) {
  if (namespace.default && probe in namespace.default) return namespace.default;
  if (probe in namespace) return namespace;
  if (namespace['module.exports'] && probe in namespace['module.exports']) return namespace['module.exports'];
  return namespace.default ?? namespace;
}

export const CONFIGURATION_IDS = CONFIGURATIONS.map((configuration) => configuration.id);

/** Rule entries of a flat config as a map, without the plugin objects (for the report). */
export function ruleIdsOf(configObject) {
  return Object.entries(configObject?.rules ?? {})
    .filter(
      ([, level]) =>
        level !== 'off' && level !== 0 && !(Array.isArray(level) && (level[0] === 'off' || level[0] === 0)),
    )
    .map(([ruleId]) => ruleId)
    .sort();
}

/**
 * Loads the plugin. `pluginEntry` is either the package name `eslint-plugin-tripwire` (built dist/)
 * or an absolute path to the TypeScript source entry (when dist/ is missing and tsx is loaded).
 */
export async function loadTripwire(pluginEntry) {
  const namespace = await import(pluginEntry.startsWith('/') ? new URL(`file://${pluginEntry}`).href : pluginEntry);
  return commonJsExports(namespace, 'configs');
}

/**
 * The flat config array for one configuration on one corpus.
 * corpus: `{ language: 'ts' | 'js', root, sourceType? }`.
 */
export async function buildConfig(configId, corpus, pluginEntry) {
  const definition = CONFIGURATIONS.find((configuration) => configuration.id === configId);
  if (!definition) throw new Error(`unknown configuration ${configId}`);
  const filesGlob =
    corpus.language === 'ts' ? ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'] : ['**/*.js', '**/*.cjs', '**/*.mjs'];
  const languageOptions = {};
  if (corpus.sourceType) languageOptions.sourceType = corpus.sourceType;
  if (corpus.language === 'ts' || definition.typed) {
    languageOptions.parser = commonJsExports(await import('@typescript-eslint/parser'), 'parseForESLint');
  }
  if (definition.typed) {
    languageOptions.parserOptions = { projectService: true, tsconfigRootDir: corpus.root };
  }
  const base = {
    name: `bench/${configId}/base`,
    files: filesGlob,
    languageOptions,
    // The corpus's own `eslint-disable` and `/* eslint rule: … */` comments are ignored: they would
    // switch on rules of the corpus's authors (sort-keys, …) and report rules that are not loaded.
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
  };
  const config = [base];
  switch (configId) {
    case 'A':
    case 'TT0':
      break;
    case 'T': {
      const tripwire = await loadTripwire(pluginEntry);
      config.push({ ...tripwire.configs.recommended, files: filesGlob });
      break;
    }
    case 'TT': {
      const tripwire = await loadTripwire(pluginEntry);
      config.push({ ...tripwire.configs['recommended-type-checked'], files: filesGlob });
      break;
    }
    case 'B':
      config.push({ files: filesGlob, rules: { 'no-loop-func': 'error', 'no-await-in-loop': 'error' } });
      break;
    case 'D': {
      const promise = commonJsExports(await import('eslint-plugin-promise'), 'rules');
      config.push({ files: filesGlob, plugins: { promise }, rules: { 'promise/catch-or-return': 'error' } });
      break;
    }
    case 'C': {
      const { plugin } = commonJsExports(await import('typescript-eslint'), 'plugin');
      config.push({
        files: filesGlob,
        plugins: { '@typescript-eslint': plugin },
        rules: {
          '@typescript-eslint/no-floating-promises': 'error',
          '@typescript-eslint/no-misused-promises': 'error',
        },
      });
      break;
    }
    default:
      throw new Error(`configuration ${configId} has no builder`);
  }
  return config;
}
