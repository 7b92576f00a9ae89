/** `tripwire scaffold options <file> <TypeName>`: the CLI face of the functional options generator. */
import path from 'node:path';
import type { ScaffoldGeneratorEntry } from '../cli-commands.js';
import { planConvertParameters } from './convert-parameters.js';
import { planFunctionalOptions } from './index.js';

export const functionalOptionsCliEntry: ScaffoldGeneratorEntry = {
  summary: 'functional options (withX, frozen DEFAULT_X, createX) for a class, interface or type alias',
  arguments: [
    { name: '<file>', description: 'the TypeScript file declaring the type' },
    { name: '<TypeName>', description: 'the class, interface or type alias to generate options for' },
  ],
  usage: '  --options-file   write into <file>.options.ts next to the source instead of the same file',
  options: { 'options-file': { type: 'boolean' } },
  directoryOptional: true,
  plan: ({ directory, values, positionals, cwd }) => {
    const [file = '', typeName = ''] = positionals;
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
  summary: 'a function or constructor with 4+ parameters to functional options, rewriting its call sites',
  arguments: [
    {
      name: '<file>',
      description: 'the TypeScript file declaring the function, or the class whose constructor is converted',
    },
    { name: '<name>', description: 'the function or class name' },
  ],
  usage: '',
  options: {},
  directoryOptional: true,
  plan: ({ directory, positionals, cwd }) => {
    const [file = '', name = ''] = positionals;
    return planConvertParameters({ root: directory, file: path.resolve(cwd, file), name }).plan;
  },
};
