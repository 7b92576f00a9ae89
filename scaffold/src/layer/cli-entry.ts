/** `tripwire scaffold layer <resource> --dir <folder>`: the CLI face of the layered-module generator. */
import type { ScaffoldGeneratorEntry } from '../cli-commands.js';
import { ScaffoldUsageError } from '../usage-error.js';
import {
  planLayerModule,
  VALIDATION_LIBRARIES,
  WEB_FRAMEWORKS,
  type ValidationLibrary,
  type WebFramework,
} from './index.js';

function choice<T extends string>(flag: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new ScaffoldUsageError(`--${flag} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
}

export const layerCliEntry: ScaffoldGeneratorEntry = {
  summary: 'layered module <resource>/{handler,service,common,dao,model} with wiring and tests',
  arguments: [
    {
      name: '<resource>',
      description: 'resource name, e.g. order or order-item (kebab, camel and Pascal forms are derived)',
    },
  ],
  usage: [
    `  --validation <library>  ${VALIDATION_LIBRARIES.join('|')} (default: what package.json depends on, else hand-written guards)`,
    `  --framework <name>      ${WEB_FRAMEWORKS.join('|')} (default: what package.json depends on, else framework-neutral only)`,
    '  --skip-tests            do not generate the service and handler tests',
  ].join('\n'),
  options: { validation: { type: 'string' }, framework: { type: 'string' }, 'skip-tests': { type: 'boolean' } },
  plan: ({ directory, values, positionals }) => {
    const [resource = ''] = positionals;
    const validation = choice<ValidationLibrary>('validation', values['validation'], VALIDATION_LIBRARIES);
    const framework = choice<WebFramework>('framework', values['framework'], WEB_FRAMEWORKS);
    return planLayerModule({
      resource,
      directory,
      root: directory,
      tests: values['skip-tests'] !== true,
      ...(validation === undefined ? {} : { validation }),
      ...(framework === undefined ? {} : { framework }),
    }).plan;
  },
};
