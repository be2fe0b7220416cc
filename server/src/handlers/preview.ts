// The custom requests of protocol.ts (statefulsetLens/preview, statefulsetLens/listStatefulSets) and the
// lenses' command (statefulsetLens.showPreview) executed server-side, which answers with the PreviewModel.
import { ResponseError, ErrorCodes, type CancellationToken } from 'vscode-languageserver/node';
import { buildPreviewModel, summarize } from '../features/previewModel';
import { planOf, previewPlan } from '../features/planView';
import { overlayChoices, overlayPreviewModel } from '../features/overlayPreview';
import { offsetAt } from '../features/ranges';
import {
  ListStatefulSetsRequestMethod, PreviewRequestMethod, ShowPreviewCommand,
  type ListStatefulSetsParams, type PreviewModel, type PreviewParams, type StatefulSetSummary,
} from '../protocol';
import { analysisSettingsOf } from '../settings';
import { analyzeYielding, throwIfCancelled, yieldToQueue, type ServerContext } from './context';

/** Open or not: the preview also works for files the scan found on disk. */
async function analyzeAny(ctx: ServerContext, uri: string, token?: CancellationToken) {
  await yieldToQueue();
  await ctx.diskChangesApplied();
  throwIfCancelled(token);
  const settings = analysisSettingsOf(await ctx.config.get(uri));
  throwIfCancelled(token);
  ctx.flush();
  await ctx.files.whenParsed(uri);
  throwIfCancelled(token);
  if (!ctx.files.workspace.getFile(uri)) return undefined;
  const analysis = await analyzeYielding(ctx, uri, settings, () => throwIfCancelled(token));
  // Read after: the analysis is of the file's parse when it ended (an edit may have landed between slices).
  const file = ctx.files.workspace.getFile(uri);
  return file && { file, settings, analysis };
}

async function preview(ctx: ServerContext, params: PreviewParams, token?: CancellationToken): Promise<PreviewModel | null> {
  if (!params || typeof params.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'preview needs a uri');
  const a = await analyzeAny(ctx, params.uri, token);
  if (!a) return null;
  const statefulSets = a.file.resources.filter((r) => r.recognized === 'StatefulSet');
  const offset = params.position ? offsetAt(a.file.text, params.position) : undefined;
  const resource = params.name !== undefined
    ? statefulSets.find((r) => r.name === params.name)
    : offset !== undefined
      ? statefulSets.find((r) => r.node.span.start <= offset && offset <= r.node.span.end) ?? statefulSets[0]
      : statefulSets[0];
  if (!resource) return null;
  // The overlay selector, and the StatefulSet as the chosen overlay deploys it.
  const note = ctx.kustomize.status.message;
  const overlay = typeof params.overlay === 'string' ? params.overlay : undefined;
  if (overlay) {
    const rendered = overlayPreviewModel(a.file, resource.node.span.start, overlay, ctx.files.workspace, a.settings);
    const overlays = overlayChoices(ctx.files.workspace, a.file.uri, a.settings, note, overlay);
    if (rendered) return { ...rendered, overlays };
  }
  const declared = a.analysis.identities.find((i) => i.span.start === resource.node.span.start) ?? ctx.files.workspace.identityOf(resource, a.settings);
  const override = typeof params.replicas === 'number' && Number.isInteger(params.replicas) && params.replicas >= 0 ? params.replicas : undefined;
  const id = override === undefined ? declared : ctx.files.workspace.identityOf(resource, a.settings, override);
  const model = buildPreviewModel(a.file, a.analysis, id, (uri) => ctx.files.workspace.getFile(uri)?.text, override === undefined ? undefined : declared);
  const plan = previewPlan(a.file, planOf(ctx.files.workspace, a.file.uri, a.settings), resource.node.span.start);
  if (plan) model.plan = plan;
  const overlays = overlayChoices(ctx.files.workspace, a.file.uri, a.settings, note);
  return overlays ? { ...model, overlays } : model;
}

export function registerPreview(ctx: ServerContext): void {
  const { connection } = ctx;
  connection.onRequest(PreviewRequestMethod, (params: PreviewParams, token: CancellationToken) => preview(ctx, params, token));
  connection.onRequest(ListStatefulSetsRequestMethod, async (params: ListStatefulSetsParams, token: CancellationToken): Promise<StatefulSetSummary[]> => {
    const a = await analyzeAny(ctx, params?.uri, token);
    return a ? summarize(a.file, a.analysis.identities) : [];
  });
  connection.onExecuteCommand(async (params, token) => {
    if (params.command !== ShowPreviewCommand) throw new ResponseError(ErrorCodes.InvalidParams, `unknown command ${params.command}`);
    const [uri, name, overlay] = (params.arguments ?? []) as unknown[];
    if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `${ShowPreviewCommand} needs [uri, name]`);
    return preview(ctx, { uri, name: typeof name === 'string' ? name : undefined, ...(typeof overlay === 'string' ? { overlay } : {}) }, token);
  });
}
