/**
 * The public API of `tripwire-scaffold`: generators that return plans (the files they want to
 * exist), the plan check/write steps, the pure text transforms behind the editor refactors, and
 * the `tripwire scaffold` command line. Nothing here depends on an editor protocol: edits are
 * plain {@link FileChange}s (offsets into a file's text) that a front end translates.
 */
export {
  assertInsideRoot,
  checkPlan,
  describeCheck,
  planChanges,
  ScaffoldConflictError,
  ScaffoldPathError,
  ScaffoldWriteError,
  writePlan,
  type FileChange,
  type FileCheck,
  type FileStatus,
  type OffsetEdit,
  type PlanChangesOptions,
  type PlanCheck,
  type PlannedFile,
  type ScaffoldPlan,
  type WriteOptions,
  type WriteResult,
} from './plan.js';
export {
  CANONICAL_MODULES,
  CONCURRENCY_MODULES,
  isConcurrencyModule,
  planConcurrencyScaffold,
  planResilienceScaffold,
  RESILIENCE_MODULES,
  type CanonicalModule,
  type ConcurrencyModule,
  type ConcurrencyScaffoldRequest,
  type ResilienceModule,
} from './concurrency.js';
export { detectProjectStyle, type ProjectStyle, type TestRunner } from './project-style.js';
export {
  buildMapWithLimitEdit,
  computeMapWithLimitRewrite,
  DEFAULT_LIMIT,
  importSpecifierFor,
  locateConcurrencyModule,
  mapWithLimitTitle,
  type MapWithLimitEditRequest,
  type RewriteRequest,
  type ScaffoldEditRequest,
} from './bounded-concurrency-fix.js';
export {
  buildForOfToErrGroupEdit,
  buildSingleFlightWrapEdit,
  computeForOfToErrGroup,
  computeSingleFlightWrap,
  ERRGROUP_REFACTOR_TITLE,
  SINGLEFLIGHT_REFACTOR_TITLE,
  type RefactorComputation,
  type RefactorRequest,
} from './concurrency-refactors.js';
export {
  buildRetryWrapEdit,
  buildWithTimeoutEdit,
  computeRetryWrap,
  computeWithTimeoutWrap,
  RETRY_REFACTOR_RETRIES,
  RETRY_REFACTOR_TITLE,
  WITH_TIMEOUT_DEFAULT_MS,
  withTimeoutTitle,
  type WithTimeoutRequest,
} from './resilience-refactors.js';
export {
  planFunctionalOptions,
  OptionsGeneratorError,
  type FunctionalOptionsPlan,
  type FunctionalOptionsRequest,
} from './options/index.js';
export { optionsTypeAt, type OptionsTypeAtCursor } from './options/code-action.js';
export {
  planConvertParameters,
  type ConvertParametersRequest,
  type ConvertParametersResult,
} from './options/convert-parameters.js';
export { parametersTargetAt, MINIMUM_PARAMETERS, type ParametersTarget } from './options/convert-parameters-target.js';
export {
  planLayerModule,
  resourceNames,
  ResourceNameError,
  VALIDATION_LIBRARIES,
  WEB_FRAMEWORKS,
  type LayerScaffoldRequest,
  type LayerScaffoldResult,
} from './layer/index.js';
export { checkNodeTypes, nodeTypesNotes, type NodeTypesCheck } from './node-types.js';
export {
  camelCase,
  capitalize,
  constantCase,
  indefiniteArticle,
  kebabCase,
  pascalCase,
  pluralize,
  splitWords,
  withArticle,
} from './names.js';
export { ScaffoldUsageError } from './usage-error.js';
export {
  EXIT,
  runCli,
  runScaffoldCommand,
  scaffoldGenerators,
  scaffoldVersion,
  type CliIO,
  type FlagValues,
  type GeneratorContext,
  type ScaffoldGeneratorEntry,
} from './cli-commands.js';
