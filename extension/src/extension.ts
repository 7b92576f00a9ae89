import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

const LANGUAGES = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'] as const;

let client: LanguageClient | undefined;

function createClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    outputChannel,
    synchronize: { configurationSection: 'tripwire' },
  };
  return new LanguageClient('tripwire', 'Tripwire', serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const outputChannel = vscode.window.createOutputChannel('Tripwire', { log: true });
  context.subscriptions.push(outputChannel);
  client = createClient(context, outputChannel);
  context.subscriptions.push(
    vscode.commands.registerCommand('tripwire.showOutput', () => outputChannel.show(true)),
    vscode.commands.registerCommand('tripwire.restartServer', async () => {
      await client?.restart();
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
