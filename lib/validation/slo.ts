import { z } from "zod";
import {
  INSTANT_RANGE_MESSAGE,
  instantInRange,
  MAX_INT4,
  nameSchema,
  optionalUrlSchema,
  slugSchema,
  timezoneSchema,
} from "./common";
import { managedBySchema } from "./catalog";
import { formatPromqlError, promqlError } from "@/lib/promql/parse";
import { checkSeriesSelector } from "@/lib/promql/selector";

/**
 * One series selector, parsed with Prometheus' grammar (lib/promql) in the browser and on the server alike,
 * so invalid PromQL never reaches a rule file, with or without a Prometheus to ask.
 */
const selector = z
  .string()
  .trim()
  .min(1, "is required")
  .max(4000, "must be at most 4000 characters")
  .superRefine((value, ctx) => {
    if (value === "" || value.length > 4000) return;
    const r = checkSeriesSelector(value);
    if (!r.ok) ctx.addIssue({ code: "custom", message: r.message });
  });

// Latency matchers are the text inside the braces; parsed as `x{…}` and positions shifted back to the field.
function checkLatencyMatchers(matchers: string, ctx: z.RefinementCtx) {
  if (matchers === "") return;
  if (/[{}]/.test(matchers))
    return ctx.addIssue({
      code: "custom",
      path: ["matchers"],
      message: 'write the matchers without braces, e.g. service="checkout"',
    });
  const text = `x{${matchers}}`;
  const r = checkSeriesSelector(text);
  if (!r.ok) {
    const at = Math.max(0, Math.min(r.error.offset - 2, matchers.length));
    // The closing brace is ours, not the user's: past the end of the field it is the end of input.
    const message =
      at === matchers.length ? r.error.message.replace('unexpected "}"', "unexpected end of input") : r.error.message;
    return ctx.addIssue({
      code: "custom",
      path: ["matchers"],
      message: formatPromqlError(promqlError(matchers, at, message)),
    });
  }
  if (r.selector.matchers.some((m) => m.name === "le"))
    ctx.addIssue({ code: "custom", path: ["matchers"], message: "leave out le: it is set from the threshold" });
}

export const ratioSliSchema = z
  .object({
    kind: z.literal("ratio"),
    total: selector,
    good: selector.optional(),
    bad: selector.optional(),
  })
  .refine((s) => (s.good === undefined) !== (s.bad === undefined), {
    message: "set exactly one of good or bad",
    path: ["good"],
  });

export const latencySliSchema = z
  .object({
    kind: z.literal("latency"),
    metric: z
      .string()
      .trim()
      .regex(
        /^[a-zA-Z_:][a-zA-Z0-9_:]*$/,
        "must be a histogram metric name without _bucket, e.g. http_request_duration_seconds",
      ),
    matchers: z.string().trim().max(2000).default(""),
    thresholdSeconds: z.number({ error: "must be a number of seconds" }).positive("must be greater than 0"),
  })
  .superRefine((sli, ctx) => checkLatencyMatchers(sli.matchers, ctx));

/** A 0/1 gauge (e.g. probe_success{job="blackbox"}): good = its samples that are 1, total = all its samples. */
export const boolGaugeSliSchema = z.object({
  kind: z.literal("boolGauge"),
  metric: selector,
});

/** The SLIs a timeslice SLI can judge per slice. */
export const eventSliSchema = z.discriminatedUnion("kind", [ratioSliSchema, latencySliSchema, boolGaugeSliSchema], {
  error: "kind must be ratio, latency or boolGauge",
});

/**
 * Timeslice SLI (OpenSLO Timeslices): a slice of sliceMinutes is good when the good share of `of` inside it
 * is at least `threshold` (OpenSLO timeSliceTarget); the objective is then the share of good slices.
 */
export const timesliceSliSchema = z.object({
  kind: z.literal("timeslice"),
  sliceMinutes: z.union([z.literal(1), z.literal(5)], { error: "must be 1 or 5 (minutes)" }),
  threshold: z
    .number({ error: "must be a share between 0 and 1, e.g. 0.99" })
    .gt(0, "must be greater than 0")
    .max(1, "must be at most 1 (every event of the slice good)"),
  of: eventSliSchema,
});

export const sliSchema = z.discriminatedUnion(
  "kind",
  [ratioSliSchema, latencySliSchema, boolGaugeSliSchema, timesliceSliSchema],
  { error: "kind must be ratio, latency, boolGauge or timeslice" },
);
export type SliInput = z.infer<typeof sliSchema>;

export const ROLLING_WINDOW_DAYS = [7, 28, 30] as const;
export const windowSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({
      kind: z.literal("rolling"),
      days: z.union(
        ROLLING_WINDOW_DAYS.map((d) => z.literal(d)),
        { error: "must be 7, 28 or 30" },
      ),
    }),
    z.object({
      kind: z.literal("calendar"),
      unit: z.enum(["month", "week"], { error: "must be month or week" }),
      timezone: timezoneSchema.default("UTC"),
    }),
  ],
  { error: "kind must be rolling or calendar" },
);
export type WindowInput = z.infer<typeof windowSchema>;

export const objectiveSchema = z
  .number({ error: "must be a number between 0 and 1, e.g. 0.999" })
  .gt(0, "must be greater than 0")
  .lt(1, "must be less than 1 (100 % leaves no error budget)");

const RESERVED_ALERT_LABELS = ["slo_id", "service", "slo", "tier", "long_window", "short_window"];
// Key checks in superRefine: zod reports a failed record key only as "Invalid key in record".
const PROMETHEUS_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/**
 * Alert label and annotation values are Prometheus (Go) templates, and one unclosed `{{` fails the whole
 * rule file under promtool: check that every action opened is closed before the next one opens.
 */
const templateActionsClosed = (v: string): boolean => {
  for (let at = v.indexOf("{{"); at !== -1; at = v.indexOf("{{", at + 2)) {
    const close = v.indexOf("}}", at + 2);
    const next = v.indexOf("{{", at + 2);
    if (close === -1 || (next !== -1 && next < close) || v.slice(at + 2, close).trim() === "") return false;
    at = close;
  }
  return true;
};
const nameMap = (max: number, reserved: readonly string[] = [], templates = false) =>
  z.record(z.string(), z.string().max(max, `must be at most ${max} characters`)).superRefine((m, ctx) => {
    for (const [k, v] of Object.entries(m)) {
      if (!PROMETHEUS_NAME.test(k))
        ctx.addIssue({
          code: "custom",
          path: [k],
          message: "label names are Prometheus label names (letters, digits and _)",
        });
      else if (reserved.includes(k))
        ctx.addIssue({
          code: "custom",
          path: [k],
          message: "is set by srecp on every alert (slo_id, service, slo, tier, long_window, short_window)",
        });
      else if (templates && !templateActionsClosed(v))
        ctx.addIssue({
          code: "custom",
          path: [k],
          message:
            "has an unclosed or empty {{ … }} template action (Prometheus reads alert labels and annotations as templates)",
        });
    }
  });

// Without .default(): updateSloSchema is .partial(), and a default there would reset the field on every PATCH.
const labelsRecord = nameMap(200);
const labelsSchema = labelsRecord.default({});
const alertLabelsSchema = nameMap(500, RESERVED_ALERT_LABELS, true).default({});
const annotationsSchema = nameMap(5000, [], true).default({});
const severityAlertSchema = z
  .object({
    enabled: z.boolean({ error: "must be true or false" }).default(true),
    labels: alertLabelsSchema,
    annotations: annotationsSchema,
  })
  .strict()
  .default({ enabled: true, labels: {}, annotations: {} });

/** Alert name, labels and annotations of the burn-rate alerts (kept from Sloth and Pyrra imports); lib/slo/alert-settings.ts. */
const alertSettingsObject = z
  .object({
    name: z
      .string()
      .trim()
      .regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, "must be a Prometheus alert name, e.g. CheckoutHighErrorRate")
      .max(200)
      .nullish()
      .transform((v) => v || null),
    labels: alertLabelsSchema,
    annotations: annotationsSchema,
    page: severityAlertSchema,
    ticket: severityAlertSchema,
  })
  .strict();
export const alertSettingsSchema = alertSettingsObject.default({
  name: null,
  labels: {},
  annotations: {},
  page: { enabled: true, labels: {}, annotations: {} },
  ticket: { enabled: true, labels: {}, annotations: {} },
});
export type AlertSettingsInput = z.infer<typeof alertSettingsSchema>;
/** A human title shown next to the slug (OpenSLO metadata.displayName). */
const displayNameText = z.string().trim().max(200, "must be at most 200 characters");
export const sloDisplayNameSchema = displayNameText.default("");
/** The SLI's own name (OpenSLO SLI metadata.name), kept so an export names it the same way. */
const sliNameText = z.string().trim().max(63, "must be at most 63 characters");
export const sliNameSchema = sliNameText.default("");

export const createSloSchema = z.object({
  service: slugSchema,
  name: z
    .string()
    .trim()
    .min(1, "is required")
    .max(63)
    .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, "use lower-case letters, digits and dashes"),
  description: z.string().max(5000).default(""),
  sli: sliSchema,
  objective: objectiveSchema,
  window: windowSchema,
  runbookUrl: optionalUrlSchema,
  alerting: z.boolean().default(true),
  labels: labelsSchema,
  displayName: sloDisplayNameSchema,
  sliName: sliNameSchema,
  alertSettings: alertSettingsSchema,
  /** Set by `srecp apply` for SLOs managed as code. */
  managedBy: z.string().max(63).nullish(),
});
export type CreateSloInput = z.infer<typeof createSloSchema>;

export const updateSloSchema = z
  .object({
    description: z.string().max(5000),
    sli: sliSchema,
    objective: objectiveSchema,
    window: windowSchema,
    runbookUrl: optionalUrlSchema,
    alerting: z.boolean(),
    labels: labelsRecord,
    displayName: displayNameText,
    sliName: sliNameText,
    alertSettings: alertSettingsObject,
    managedBy: managedBySchema,
    /** The revision the edit is based on (optimistic concurrency). */
    revision: z.number().int().min(1).max(MAX_INT4, "is too large"),
  })
  .partial()
  .strict();
export type UpdateSloInput = z.infer<typeof updateSloSchema>;

export const SLO_SORT_KEYS = ["service", "name", "team", "remaining", "burn", "state"] as const;
export type SloSortKey = (typeof SLO_SORT_KEYS)[number];
/** Policy states of the SLO's service, and "pending" for an SLO whose first version awaits sign-off. */
export const SLO_STATE_FILTERS = ["healthy", "at_risk", "frozen", "no_data", "pending"] as const;
export type SloStateFilter = (typeof SLO_STATE_FILTERS)[number];

export const listSlosSchema = z.object({
  service: slugSchema.optional(),
  team: slugSchema.optional(),
  include: z.enum(["status"]).optional(),
  page: z.coerce.number().int().min(1).max(MAX_INT4, "is too large").default(1),
  pageSize: z.coerce.number().int().min(1).max(1000, "must be at most 1000").default(100),
  /** Sorted and filtered in SQL over the status read model (GET /api/v1/slos). */
  sort: z.enum(SLO_SORT_KEYS, { error: `must be one of ${SLO_SORT_KEYS.join(", ")}` }).default("service"),
  dir: z.enum(["asc", "desc"], { error: "must be asc or desc" }).default("asc"),
  q: z.string().trim().max(200, "must be at most 200 characters").optional(),
  state: z.enum(SLO_STATE_FILTERS, { error: `must be one of ${SLO_STATE_FILTERS.join(", ")}` }).optional(),
});

/** `at`: evaluate as of this instant (ISO 8601 or epoch seconds); default now. */
export const instantParam = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === "") return undefined;
    const ms = /^\d+(\.\d+)?$/.test(v) ? Number(v) * 1000 : Date.parse(v);
    if (!Number.isFinite(ms)) {
      ctx.addIssue({ code: "custom", message: "must be an ISO 8601 instant or epoch seconds" });
      return z.NEVER;
    }
    if (!instantInRange(ms)) {
      ctx.addIssue({ code: "custom", message: INSTANT_RANGE_MESSAGE });
      return z.NEVER;
    }
    return ms;
  });

/** How far ahead of the server's clock an `at` may be (a client's clock running fast), in seconds. */
export const AT_CLOCK_SKEW_SECONDS = 60;
/**
 * `at` for "as of" reads (status, burn-down, release gate): no data exists in the future, so an instant more
 * than AT_CLOCK_SKEW_SECONDS ahead of the server's clock is refused (422) instead of answered with numbers.
 */
export const asOfParam = instantParam.refine(
  (ms) => ms === undefined || ms <= Date.now() + AT_CLOCK_SKEW_SECONDS * 1000,
  {
    message: `must not be in the future (at most ${AT_CLOCK_SKEW_SECONDS} s ahead of the server's clock, for clock skew)`,
  },
);

export const statusQuerySchema = z.object({ at: asOfParam });
export const burndownQuerySchema = z.object({ from: instantParam, to: instantParam, at: asOfParam });

export const dataSourceSchema = z.object({
  name: nameSchema,
  url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }),
  authType: z.enum(["none", "bearer", "basic"]).default("none"),
  bearerToken: z.string().max(4000).nullish(),
  basicUser: z.string().max(200).nullish(),
  basicPassword: z.string().max(4000).nullish(),
  headers: z
    .record(z.string().regex(/^[A-Za-z0-9-]+$/, "must be an HTTP header name"), z.string().max(2000))
    .default({}),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
});
export type DataSourceInput = z.infer<typeof dataSourceSchema>;

export const sloPreviewSchema = createSloSchema.pick({ service: true, sli: true, objective: true, window: true });
