// Custom messages between the StatefulSet Lens server and its clients. This is the only server module the
// VS Code client imports, so it holds plain types and method names only: no runtime imports.

/** A zero-based line/character position (UTF-16 characters, as LSP). */
export interface PreviewPosition {
  line: number;
  character: number;
}

export interface PreviewRange {
  start: PreviewPosition;
  end: PreviewPosition;
}

/** `statefulsetLens/preview`: the preview model of one StatefulSet. */
export const PreviewRequestMethod = 'statefulsetLens/preview';

export interface PreviewParams {
  /** The document holding the StatefulSet. */
  uri: string;
  /** Picks the StatefulSet whose object contains this position; the first one in the file when absent. */
  position?: PreviewPosition;
  /** Picks the StatefulSet by name (takes precedence over `position`). */
  name?: string;
  /** What-if: compute the model as if `spec.replicas` were this value. */
  replicas?: number;
  /** Show the StatefulSet as this Kustomize overlay (its folder URI, from `PreviewModel.overlays`) deploys it. */
  overlay?: string;
}

/** The list of StatefulSets in a document, for a pick list. */
export const ListStatefulSetsRequestMethod = 'statefulsetLens/listStatefulSets';

export interface ListStatefulSetsParams {
  uri: string;
}

export interface StatefulSetSummary {
  name: string;
  namespace: string;
  /** The metadata.name node. */
  range: PreviewRange;
}

export type PreviewUpdateStatus = 'updated' | 'kept' | 'on-delete';
export type PreviewRetentionAction = 'Retain' | 'Delete';

export interface PreviewPod {
  ordinal: number;
  name: string;
  /** Undefined when the pods get no DNS names (empty serviceName). */
  dns?: string;
  pvcs: string[];
  /** 1-based step in which the pod is created (all 1 with Parallel). */
  startStep: number;
  /** Whether a template change rolls out to this pod under the current strategy and partition. */
  update: PreviewUpdateStatus;
  /** What-if only: the pod exists only with the override (`added`) or only without it (`removed`). */
  change?: 'added' | 'removed';
}

export interface PreviewService {
  name: string;
  namespace: string;
  uri: string;
  headless: boolean;
  ports: { name?: string; port?: number; protocol: string }[];
  range: PreviewRange;
}

/**
 * A field of a Helm template written as a template expression: unknown until rendering. `values` is the
 * `.Values` path it reads when the expression is one plain lookup (`{{ .Values.replicas }}`).
 */
export interface PreviewTemplatedField {
  /** `replicas`, `ordinals.start`, `podManagementPolicy`, `updateStrategy.type`, `updateStrategy.rollingUpdate.partition`, `name` or `serviceName`. */
  field: string;
  /** The expression as written. */
  source: string;
  values?: string;
}

/** An enum field written with a value the API server does not accept (it rejects the StatefulSet). */
export interface PreviewInvalidValue {
  /** `podManagementPolicy`, `updateStrategy.type`, `persistentVolumeClaimRetentionPolicy.whenScaled` or `….whenDeleted`. */
  field: string;
  value: string;
  allowed: string[];
  range: PreviewRange;
}

/** Everything the preview panel shows; the panel renders this and computes nothing. */
export interface PreviewModel {
  uri: string;
  name: string;
  namespace: string;
  /** The metadata.name node, for "reveal in editor". */
  nameRange: PreviewRange;
  replicas: number;
  /**
   * True for a Helm template (values not rendered). Fields in `templated` are then unknown and shown as such;
   * `replicas`, the policies and everything built from them hold the defaults the preview assumes.
   */
  template?: boolean;
  templated?: PreviewTemplatedField[];
  /** Enum values the API server rejects; the model's policies then hold the defaults, which never apply. */
  invalid?: PreviewInvalidValue[];
  /** The replicas value the manifest states (differs from `replicas` in a what-if). */
  declaredReplicas: number;
  startOrdinal: number;
  serviceName: string;
  /** Undefined when no Service of that name is in the StatefulSet's namespace. */
  service?: PreviewService;
  /** `<serviceName>.<namespace>.svc.<clusterDomain>` when serviceName is set. */
  serviceDns?: string;
  srvRecords: { portName: string; protocol: string; port?: number; record: string }[];
  podManagementPolicy: 'OrderedReady' | 'Parallel';
  updateStrategy: 'RollingUpdate' | 'OnDelete';
  partition: number;
  pods: PreviewPod[];
  claimTemplates: { name: string; range: PreviewRange; pvcs: string[]; storage?: string; accessModes: string[]; storageClassName?: string }[];
  startOrder: string[][];
  scaleDownOrder: string[][];
  updateOrder: string[];
  keptRevision: string[];
  retention: {
    whenScaled: PreviewRetentionAction;
    whenDeleted: PreviewRetentionAction;
    onScaleDown: { pod?: string; pvcs: { pvc: string; action: PreviewRetentionAction }[] };
    onDelete: { pvc: string; action: PreviewRetentionAction }[];
  };
  /**
   * What-if: the pods created (ascending, in start order) or removed (in scale-down order) by the override. The
   * lists name at most the first 1000 pods; the counts and `createdLast` / `removedLast` are always exact.
   */
  whatIf?: {
    from: number;
    to: number;
    created: string[];
    createdCount: number;
    createdLast?: string;
    /** PVCs the created pods get (created pods × claim templates). */
    createdPvcCount: number;
    removed: string[];
    removedCount: number;
    removedLast?: string;
    /** PVCs of removed pods and whether whenScaled keeps them (listed for the listed removed pods). */
    pvcs: { pvc: string; action: PreviewRetentionAction }[];
    removedPvcCount: number;
  };
  /** The Kustomize overlays that deploy this StatefulSet, for the overlay selector; absent when none does. */
  overlays?: PreviewOverlays;
  /** Findings on this StatefulSet, for a summary line in the panel: most severe first, then by position. */
  problems: { severity: 'error' | 'warning' | 'information' | 'hint'; ruleId: string; message: string; range: PreviewRange }[];
  /** What `kubectl apply` does to the StatefulSet running as the git baseline; absent when the baseline is off. */
  plan?: PreviewPlan;
}

/** One step of the apply plan, on the field it is about. */
export interface PreviewPlanStep {
  severity: 'error' | 'warning' | 'information' | 'hint';
  /** `refused`, `renamed`, `scale-down`, `scale-up`, `ordinals`, `rolling-update`, `on-delete`, … */
  kind: string;
  ruleId: string;
  /** One short line: `serviceName "web" → "web-headless": refused by the API server`. */
  summary: string;
  message: string;
  range: PreviewRange;
}

/** The preview's "Apply plan (against HEAD)" section. */
export interface PreviewPlan {
  /** `Apply plan (against HEAD)` */
  title: string;
  revision: string;
  commit?: string;
  /** One line why there is no plan (no repository, unknown revision, new since the baseline), else undefined. */
  note?: string;
  /** Refused changes first, then in the order apply carries them out. */
  steps: PreviewPlanStep[];
}

/**
 * The overlay selector of the preview: "as written" or one of the Kustomize overlays that include the
 * StatefulSet's file. With `selected` the model's names are the rendered ones (`prod-rg-0` in `shop`).
 */
export interface PreviewOverlays {
  /** Each overlay: its folder URI, its name (the folder's), and Kustomize's error when it did not render. */
  choices: { dir: string; name: string; error?: string }[];
  /** The overlay the model shows; undefined: the manifest as written. */
  selected?: string;
  /** One line when overlays are not rendered (untrusted workspace, Kustomize not installed, still rendering). */
  note?: string;
}

/** Sent (no params) when Kustomize renders changed, so an open preview asks again. */
export const OverlaysChangedNotificationMethod = 'statefulsetLens/overlaysChanged';

/** The command every lens carries; the server also executes it (returns the PreviewModel) for non-VS Code clients. */
export const ShowPreviewCommand = 'statefulsetLens.showPreview';

/** Arguments of ShowPreviewCommand: `[uri, name]`, and the overlay folder URI for an overlay's lens. */
export type ShowPreviewArguments = [uri: string, name: string, overlay?: string];

/** Initialization options the VS Code client sends. */
export interface InitializationOptions {
  /** True when Red Hat's YAML extension is active and already validates these files against schemas. */
  redHatYamlActive?: boolean;
  /**
   * False in an untrusted VS Code workspace: Kustomize overlays are then not rendered. Clients without
   * workspace trust (Neovim, Emacs) leave it out, and the user who started the server on the folder trusts it.
   */
  workspaceTrusted?: boolean;
}
