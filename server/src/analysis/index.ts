// The public facade of the pure analysis: parsing, the workspace index, identities and tree helpers.
// Adapters (the language server, the CLI) import from here only. Everything under analysis/ is pure:
// no IO, no timers, no LSP types, and it imports nothing but itself and `yaml` (a unit test enforces it).
export * from './model';
export { parseFile, MAX_FILE_LENGTH } from './parse';
export { ManifestWorkspace } from './workspace';
export { buildIdentity, isHeadless, resolveService, MAX_LISTED_PODS } from './identity';
export { classify, normalizeTypeField } from './resources';
export { asMap, asNumber, asScalar, asSeq, asString, getPair, getPath, scalarText, toPlain, toStringMap } from './yamlTree';
export { fileLineStarts, lineStarts, offsetToPosition, positionToOffset, type LineCharacter } from './positions';
export { checkFile } from './rules/index';
export { prepareRename, renameEdits, type PrepareRenameResult, type RenameResult } from './rename';
export { Baseline, isBaselineFiles, type BaselineFiles, type BaselineInput, type BaselineUnavailable } from './baseline';
export { planFile, forbiddenUpdateMessage, PLAN_RULES, type FilePlan, type PlanStep, type PlanStepKind, type StatefulSetPlan } from './plan';
export { KustomizationGraph, kustomizationGraph, isRemoteReference, type Kustomization, type KustomizationInputs, type KustomizationReference } from './kustomizeGraph';
export { KustomizeRenders, analyzeRender, renderedUri, sourceIdentity, stripOrigins, type KustomizeRenderInput, type RenderedOverlay, type RenderedStatefulSet } from './kustomizeRender';
export { normalizePath } from './rules/kustomize';
