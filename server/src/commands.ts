/** `workspace/executeCommand`: the commands listed in server/PROTOCOL.md, "Commands". */
import type { ExecuteCommandParams, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { reloadTypeInformation } from './document-linter.js';
import { ServerCommands } from './protocol.js';
import type { Scaffolding } from './scaffolding.js';
import type { Session } from './session.js';
import { describeError } from './session.js';
import { lintWorkspace } from './workspace-lint.js';

/** The commands this server executes, for the `executeCommandProvider` capability. */
export const EXECUTED_COMMANDS = [
  ServerCommands.lintWorkspace,
  ServerCommands.reloadTypeInformation,
  ServerCommands.showDocumentation,
  ServerCommands.scaffold,
];

function folderUriArgument(argument: unknown): string | undefined {
  if (!argument || typeof argument !== 'object') return undefined;
  const folderUri = (argument as { folderUri?: unknown }).folderUri;
  return typeof folderUri === 'string' ? folderUri : undefined;
}

export async function executeCommand(
  session: Session,
  scaffolding: Scaffolding,
  params: ExecuteCommandParams,
  workDoneProgress: WorkDoneProgressReporter,
): Promise<unknown> {
  const [first] = params.arguments ?? [];
  try {
    switch (params.command) {
      case ServerCommands.lintWorkspace:
        return await lintWorkspace(session, folderUriArgument(first), workDoneProgress);
      case ServerCommands.reloadTypeInformation:
        reloadTypeInformation(session);
        return { reloaded: true };
      case ServerCommands.showDocumentation: {
        if (typeof first !== 'string' || !/^https?:\/\//.test(first)) return { shown: false };
        const shown = await session.connection.window.showDocument({ uri: first, external: true });
        return { shown: shown.success };
      }
      case ServerCommands.scaffold:
        return await scaffolding.executeScaffold(first);
      default:
        session.log('warn', `Unknown command ${params.command}`);
        return null;
    }
  } catch (error) {
    session.log('error', `Command ${params.command} failed: ${describeError(error)}`);
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
