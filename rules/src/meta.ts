/** Kept equal to `rules/package.json` by `test/rules/plugin.test.ts`. */
export const PLUGIN_NAME = 'eslint-plugin-tripwire';
export const PLUGIN_VERSION = '0.1.0';
/** The namespace rules are registered under in a flat config (`tripwire/<rule>`). */
export const PLUGIN_NAMESPACE = 'tripwire';
