/**
 * Which workspace folder a file belongs to, that folder's Tripwire settings, and the rule settings a
 * file gets: the recommended preset, then the workspace's eslint.config (read, never run), then
 * `tripwire.rules`. Settings are looked up once per folder and cached until the client says they
 * changed.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { minimatch } from 'minimatch';
import { MessageType, ShowMessageNotification } from 'vscode-languageserver/node';
import type { Session, WorkspaceFolderInfo } from './session.js';
import { describeError } from './session.js';
import { normalizeSettings, type RuleSetting, type TripwireSettings } from './settings.js';
import { rulesForFile } from './workspace-config.js';

/** The file-system path of a document, or undefined when it has none (an `untitled:` document gets one in the current folder). */
export function filePathOf(uri: string): string | undefined {
  try {
    if (uri.startsWith('file:')) return fileURLToPath(uri);
  } catch {
    return undefined;
  }
  if (uri.startsWith('untitled:'))
    return path.join(process.cwd(), `${uri.slice('untitled:'.length).replace(/[^\w.-]/g, '_')}.ts`);
  return undefined;
}

function isInside(folder: string, filePath: string): boolean {
  const relative = path.relative(folder, filePath);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The innermost workspace folder containing `filePath`. */
export function folderFor(session: Session, filePath: string): WorkspaceFolderInfo | undefined {
  let best: WorkspaceFolderInfo | undefined;
  for (const folder of session.folders) {
    if (isInside(folder.path, filePath) && (!best || folder.path.length > best.path.length)) best = folder;
  }
  return best;
}

export function folderInfo(uri: string): WorkspaceFolderInfo | undefined {
  const folderPath = filePathOf(uri);
  return folderPath === undefined ? undefined : { uri, path: folderPath };
}

function pushedTripwireSection(session: Session): unknown {
  const pushed = session.pushedSettings as { tripwire?: unknown } | undefined;
  return pushed && typeof pushed === 'object' ? pushed.tripwire : undefined;
}

/** Settings for a folder (or the global ones): pulled per folder when the client supports it, else pushed. */
export function settingsFor(session: Session, folder: WorkspaceFolderInfo | undefined): Promise<TripwireSettings> {
  const key = folder?.uri ?? '';
  let cached = session.settingsCache.get(key);
  if (!cached) {
    cached = pullSettings(session, folder);
    session.settingsCache.set(key, cached);
  }
  return cached;
}

async function pullSettings(session: Session, folder: WorkspaceFolderInfo | undefined): Promise<TripwireSettings> {
  if (session.capabilities.workspace?.configuration) {
    try {
      const item = folder ? { scopeUri: folder.uri, section: 'tripwire' } : { section: 'tripwire' };
      const pulled: unknown = await session.connection.workspace.getConfiguration(item);
      if (pulled !== null && pulled !== undefined) return normalizeSettings(pulled);
    } catch (error) {
      session.logOnce(
        'configuration-request',
        'warn',
        `workspace/configuration failed; using pushed settings: ${describeError(error)}`,
      );
    }
  }
  return normalizeSettings(pushedTripwireSection(session));
}

/** Forgets every folder's settings and the workspace configs read so far. */
export function invalidateSettings(session: Session): void {
  session.settingsCache.clear();
  session.configReader.invalidate();
}

/** Whether `tripwire.exclude` matches the file (relative to its folder, or absolute). */
export function isExcluded(
  filePath: string,
  folder: WorkspaceFolderInfo | undefined,
  settings: TripwireSettings,
): boolean {
  if (settings.exclude.length === 0) return false;
  const relative = folder ? path.relative(folder.path, filePath).split(path.sep).join('/') : undefined;
  const absolute = filePath.split(path.sep).join('/');
  return settings.exclude.some(
    (glob) =>
      (relative !== undefined && minimatch(relative, glob, { dot: true })) || minimatch(absolute, glob, { dot: true }),
  );
}

/** The type-aware mode in force: type information needs a trusted workspace. */
export function effectiveTypeAware(session: Session, settings: TripwireSettings): TripwireSettings['typeAware'] {
  return session.trusted ? settings.typeAware : 'off';
}

/** Recommended preset < the workspace eslint.config (trusted only) < `tripwire.rules` (trusted only). */
export function ruleSettingsFor(
  session: Session,
  filePath: string,
  folder: WorkspaceFolderInfo | undefined,
  settings: TripwireSettings,
): Record<string, RuleSetting> {
  if (!session.trusted) return {};
  const rules: Record<string, RuleSetting> = {};
  if (settings.useWorkspaceConfig) {
    const configPath = session.configReader.findConfigFile(filePath, folder?.path);
    if (configPath) {
      const config = session.configReader.read(configPath);
      if (config.error) {
        session.logOnce(
          `config-error:${configPath}`,
          'warn',
          `Tripwire could not read ${configPath} (it is never executed): ${config.error}`,
        );
      }
      if (config.unreadable.length > 0) {
        session.logOnce(
          `config-unreadable:${configPath}`,
          'info',
          `${configPath}: ${[...new Set(config.unreadable)].join(', ')} are not written as literals; ` +
            'Tripwire reads the config without running it, so it uses its defaults (or tripwire.rules) for them.',
        );
      }
      Object.assign(rules, rulesForFile(config, filePath));
      if (config.enablesTripwireRules) showDuplicateNotice(session, configPath);
    }
  }
  return Object.assign(rules, settings.rules);
}

/** Once per session: the ESLint extension runs the config's tripwire/* rules too, so problems could show twice. */
function showDuplicateNotice(session: Session, configPath: string): void {
  if (session.duplicateNoticeShown || session.initOptions.eslintExtensionInstalled !== true) return;
  session.duplicateNoticeShown = true;
  void session.connection.sendNotification(ShowMessageNotification.type, {
    type: MessageType.Info,
    message:
      `${path.basename(configPath)} enables tripwire/* rules, and the ESLint extension runs them too, so each Tripwire problem can appear twice. ` +
      'Keep one: let Tripwire report them (no workspace code runs) and add "eslint.rules.customizations": [{ "rule": "tripwire/*", "severity": "off" }] to your settings, ' +
      'or set "tripwire.enable": false for this workspace to rely on the ESLint extension.',
  });
}
