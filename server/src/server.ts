/** Entry point of dist/server.js: `node dist/server.js --stdio` (see `--help`). */
import { main } from './main.js';

main(process.argv.slice(2));
