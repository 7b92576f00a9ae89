/** The server's version: the extension's, from the repository's package.json (bundled into dist/server.js). */
import packageJson from '../../package.json' with { type: 'json' };

export const SERVER_VERSION: string = packageJson.version;
