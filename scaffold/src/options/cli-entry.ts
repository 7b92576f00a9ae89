/** `tripwire scaffold options <file> <TypeName>`: the CLI face of the functional options generator. */
import path from 'node:path';
import type { ScaffoldGeneratorEntry } from '../cli-commands.js';
import { planConvertParameters } from './convert-parameters.js';
import { OptionsGeneratorError, planFunctionalOptions } from './index.js';

export const functionalOptionsCliEntry: ScaffoldGeneratorEntry = {
  summary: 'functional options (withX, frozen DEFAULT_X, createX) for a class, interface or type alias: scaffold options <file> <TypeName>',
  usage: [
    '  <file> <TypeName>  the file declaring the type, and its name',
    '  --options-file     write into <file>.options.ts next to the source instead of the same file',
    '  (--dir defaults to the current folder here: the workspace root the files must stay inside)',
  ].join('\n'),
  options: { 'options-file': { type: 'boolean' } },
  directoryOptional: true,
  plan: ({ directory, values, positionals, cwd }) => {
    const [file, typeName, ...extra] = positionals;
    if (file === undefined || typeName === undefined || extra.length > 0) {
      throw new OptionsGeneratorError('usage: tripwire scaffold options <file> <TypeName> [--options-file] [--dir <workspace>]');
    }
    const { plan } = planFunctionalOptions({
      root: directory,
      file: path.resolve(cwd, file),
      typeName,
      target: values['options-file'] === true ? 'options-file' : 'same-file',
    });
    return plan;
  },
};

export const convertParametersCliEntry: ScaffoldGeneratorEntry = {
  summary: 'convert a function or constructor with 4+ parameters to functional options, rewriting its call sites: scaffold convert-parameters <file> <name>',
  usage: [
    '  <file> <name>      the file declaring the function (or class, for its constructor), and its name',
    '  (--dir defaults to the current folder here: the workspace whose call sites are rewritten; use --dry-run to preview)',
  ].join('\n'),
  options: {},
  directoryOptional: true,
  plan: ({ directory, positionals, cwd }) => {
    const [file, name, ...extra] = positionals;
    if (file === undefined || name === undefined || extra.length > 0) {
      throw new OptionsGeneratorError('usage: tripwire scaffold convert-parameters <file> <name> [--dir <workspace>] [--dry-run]');
    }
    return planConvertParameters({ root: directory, file: path.resolve(cwd, file), name }).plan;
  },
};
