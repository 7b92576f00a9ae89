/**
 * Tripwire's settings as the server uses them. Clients send them as the `tripwire` section of
 * `workspace/configuration` (per workspace folder), of `workspace/didChangeConfiguration`, or of
 * `initializationOptions.settings`. Everything that arrives is untrusted JSON: {@link normalizeSettings}
 * keeps only well-formed values and falls back to the defaults for the rest.
 */

export type RunTrigger = 'onType' | 'onSave';
export type TypeAwareMode = 'off' | 'onSave' | 'onType';
export type RuleSeverity = 'off' | 'warn' | 'error';
/** A rule's level, or its level plus options (the ESLint array form). */
export type RuleSetting = RuleSeverity | [RuleSeverity, ...unknown[]];

export interface TripwireSettings {
  /** Lint at all. */
  enable: boolean;
  /** When to lint while editing: after each pause in typing (debounced) or only on save. */
  run: RunTrigger;
  /** Whether rules get type information, and when. Needs a trusted workspace. */
  typeAware: TypeAwareMode;
  /** Overrides by rule name without the `tripwire/` prefix (these win over everything else). */
  rules: Record<string, RuleSetting>;
  /** Globs (relative to the workspace folder, or absolute) of files never linted. */
  exclude: string[];
  /** Files larger than this many bytes are skipped. */
  maxFileSize: number;
  /** Files with a line longer than this many characters (minified or generated code) are skipped. */
  maxLineLength: number;
  /** Milliseconds a type-aware lint of one file may take before that file falls back to syntactic linting. */
  typeAwareBudgetMs: number;
  /** In a trusted workspace, read the `tripwire/*` rule settings of the workspace's `eslint.config.*` (never executed). */
  useWorkspaceConfig: boolean;
  /** Where generated errgroup/singleflight modules go (relative to the workspace folder); empty: found from the project. */
  scaffoldDirectory: string;
}

export const DEFAULT_SETTINGS: Readonly<TripwireSettings> = Object.freeze({
  enable: true,
  run: 'onType',
  typeAware: 'off',
  rules: {},
  exclude: [],
  maxFileSize: 1_000_000,
  maxLineLength: 10_000,
  typeAwareBudgetMs: 2_000,
  useWorkspaceConfig: true,
  scaffoldDirectory: '',
});

const SEVERITY_NAMES: Record<string, RuleSeverity> = {
  off: 'off',
  warn: 'warn',
  error: 'error',
  '0': 'off',
  '1': 'warn',
  '2': 'error',
};

/** `"warn"`, `1`, `["error", {…}]` → a normalised rule setting, or undefined when malformed. */
export function normalizeRuleSetting(value: unknown): RuleSetting | undefined {
  if (typeof value === 'string' || typeof value === 'number') return SEVERITY_NAMES[String(value)];
  if (Array.isArray(value) && value.length > 0) {
    const severity = normalizeRuleSetting(value[0]);
    if (typeof severity !== 'string') return undefined;
    return [severity, ...value.slice(1)];
  }
  return undefined;
}

export function severityOf(setting: RuleSetting): RuleSeverity {
  return typeof setting === 'string' ? setting : setting[0];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positiveNumber(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** Turns whatever a client sent as the `tripwire` section into complete, valid settings. */
export function normalizeSettings(raw: unknown): TripwireSettings {
  const section = isRecord(raw) ? raw : {};
  const rules: Record<string, RuleSetting> = {};
  if (isRecord(section['rules'])) {
    for (const [name, value] of Object.entries(section['rules'])) {
      const setting = normalizeRuleSetting(value);
      if (setting !== undefined) rules[name.startsWith('tripwire/') ? name.slice('tripwire/'.length) : name] = setting;
    }
  }
  const exclude = Array.isArray(section['exclude'])
    ? section['exclude'].filter((glob): glob is string => typeof glob === 'string' && glob.length > 0)
    : [];
  // VS Code sends `tripwire.scaffold.directory` nested ({ scaffold: { directory } }); other clients may send it flat.
  const scaffold = isRecord(section['scaffold']) ? section['scaffold'] : {};
  const scaffoldDirectory =
    typeof scaffold['directory'] === 'string' ? scaffold['directory'] : section['scaffold.directory'];
  return {
    enable: typeof section['enable'] === 'boolean' ? section['enable'] : DEFAULT_SETTINGS.enable,
    run: oneOf(section['run'], ['onType', 'onSave'] as const, DEFAULT_SETTINGS.run),
    typeAware: oneOf(section['typeAware'], ['off', 'onSave', 'onType'] as const, DEFAULT_SETTINGS.typeAware),
    rules,
    exclude,
    maxFileSize: positiveNumber(section['maxFileSize'], DEFAULT_SETTINGS.maxFileSize),
    maxLineLength: positiveNumber(section['maxLineLength'], DEFAULT_SETTINGS.maxLineLength),
    typeAwareBudgetMs: positiveNumber(section['typeAwareBudgetMs'], DEFAULT_SETTINGS.typeAwareBudgetMs),
    useWorkspaceConfig:
      typeof section['useWorkspaceConfig'] === 'boolean'
        ? section['useWorkspaceConfig']
        : DEFAULT_SETTINGS.useWorkspaceConfig,
    scaffoldDirectory:
      typeof scaffoldDirectory === 'string' ? scaffoldDirectory.trim() : DEFAULT_SETTINGS.scaffoldDirectory,
  };
}

/** Options a client may pass in `initialize`'s `initializationOptions` (all optional). */
export interface InitializationOptions {
  /**
   * Whether the workspace is trusted. Absent means trusted (see server/PROTOCOL.md, "Workspace trust"):
   * Tripwire never executes workspace code in either mode; trust only allows it to *read* workspace
   * data (the `tripwire/*` entries of eslint.config.*, tsconfig.json and the sources for type information).
   */
  workspaceTrusted?: boolean;
  /** Settings to use until (or instead of) `workspace/configuration`: `{ tripwire: { … } }`. */
  settings?: { tripwire?: unknown };
  /** The client has the ESLint extension (dbaeumer.vscode-eslint) installed: warn once about duplicates. */
  eslintExtensionInstalled?: boolean;
}

export function parseInitializationOptions(raw: unknown): InitializationOptions {
  if (!isRecord(raw)) return {};
  const options: InitializationOptions = {};
  if (typeof raw['workspaceTrusted'] === 'boolean') options.workspaceTrusted = raw['workspaceTrusted'];
  if (isRecord(raw['settings'])) options.settings = raw['settings'];
  if (typeof raw['eslintExtensionInstalled'] === 'boolean')
    options.eslintExtensionInstalled = raw['eslintExtensionInstalled'];
  return options;
}
