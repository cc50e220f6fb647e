"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useState, type FormEvent, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, LinkButton } from "@/components/ui/button";
import { Field, TextAreaField, describedBy } from "@/components/ui/field";
import { SelectField, type Option } from "@/components/ui/select";
import { ApiError, errorMessage } from "@/lib/query/api";
import { createSlo, sloKeys, updateSlo, useMetadata, useSloPreview, type PreviewInput } from "@/lib/query/slos";
import { formatThreshold } from "@/lib/slo/format";
import { fieldErrors } from "@/lib/validation/common";
import { createSloSchema, sloPreviewSchema, updateSloSchema } from "@/lib/validation/slo";
import { PromqlEditor } from "./promql-editor";
import { SliceBudgeting } from "./slice-budgeting";
import { BacktestPanel, nominalWindowDays } from "./backtest-panel";
import { SloPreviewPanel } from "./slo-preview-panel";
import {
  createBody,
  emptyWizard,
  mapFields,
  objectiveOf,
  OBJECTIVE_PRESETS,
  promqlFieldErrors,
  sliOf,
  updateBody,
  WINDOW_CHOICES,
  windowOf,
  type WizardState,
} from "./wizard-model";

/** A service the SLO may belong to, with the data source its SLIs are read from (null = the default). */
export type WizardService = Option & { dataSource?: string | null };

type Props = {
  services: WizardService[];
  /** Editing: the SLO's id, revision and current (newest) definition. */
  edit?: { id: string; revision: number; initial: WizardState; managedBy: string | null };
  initialService?: string;
};

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/**
 * Create or edit an SLO. Every change re-runs a debounced (500 ms) preview against the service's
 * Prometheus; field errors (client schema, Prometheus's parse errors) show next to their input.
 * Nothing is saved until the definition is valid; an edit sends its revision (409 on a concurrent change).
 */
export function SloWizard({ services, edit, initialService }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const uid = useId();
  const [s, setS] = useState<WizardState>(
    edit?.initial ?? emptyWizard(initialService ?? (services.length === 1 ? services[0]!.value : "")),
  );
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);
  const [zones, setZones] = useState<string[]>([]);
  const update = <K extends keyof WizardState>(k: K, v: WizardState[K]) => {
    setS((prev) => ({ ...prev, [k]: v }));
    setClientErrors((e) => (e ? { ...e, [k]: "" } : e));
  };
  useEffect(() => {
    setZones(typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : []);
  }, []);

  // Live preview: only for a definition that passes the shared schema.
  const previewCandidate = useMemo(() => {
    const body = { service: s.service, sli: sliOf(s), objective: objectiveOf(s), window: windowOf(s) };
    return sloPreviewSchema.safeParse(body).success ? (body as PreviewInput) : null;
  }, [s]);
  const debounced = useDebounced(previewCandidate, 500);
  const waiting = JSON.stringify(debounced) !== JSON.stringify(previewCandidate);
  const preview = useSloPreview(debounced);
  const backtestDays = previewCandidate ? nominalWindowDays(previewCandidate.window) : 30;
  const previewFields =
    preview.error instanceof ApiError && preview.error.code === "VALIDATION" ? mapFields(preview.error.fields) : {};

  // Latency: metric names (histograms) and the chosen metric's buckets.
  const metrics = useMetadata(
    { kind: "metrics", service: s.service || undefined },
    s.kind === "latency" && Boolean(s.service),
  );
  const histograms = useMemo(
    () => (metrics.data ?? []).filter((m) => m.endsWith("_bucket")).map((m) => m.slice(0, -"_bucket".length)),
    [metrics.data],
  );
  const metricOk = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(s.metric.trim());
  const les = useMetadata(
    {
      kind: "values",
      service: s.service || undefined,
      label: "le",
      metric: `${s.metric.trim()}_bucket${s.matchers.trim() ? `{${s.matchers.trim()}}` : ""}`,
    },
    s.kind === "latency" && metricOk && Boolean(s.service),
  );
  const buckets = useMemo(
    () =>
      (les.data ?? [])
        .filter((le) => le !== "+Inf" && Number.isFinite(Number(le)))
        .sort((a, b) => Number(a) - Number(b)),
    [les.data],
  );

  const mutation = useMutation({
    mutationFn: () => (edit ? updateSlo(edit.id, updateBody(s, edit.revision)) : createSlo(createBody(s))),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: sloKeys.all });
      router.push(`/slos/${saved.id}?saved=${saved.pendingVersion ? "pending" : "active"}`);
      router.refresh();
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const parsed = edit
      ? updateSloSchema.safeParse(updateBody(s, edit.revision))
      : createSloSchema.safeParse(createBody(s));
    if (!parsed.success) {
      const errs = mapFields(fieldErrors(parsed.error));
      if (!s.service) errs.service = "choose a service";
      if (Number.isNaN(objectiveOf(s))) errs.objective = "enter the objective as a percentage, e.g. 99.9";
      if (s.kind === "latency" && s.threshold === "")
        errs.thresholdSeconds = "choose a threshold (one of the histogram's buckets)";
      setClientErrors(errs);
      document.getElementById("wizard-error")?.focus();
      return;
    }
    setClientErrors(null);
    mutation.mutate();
  }

  const serverFields = mutation.error instanceof ApiError ? mapFields(mutation.error.fields) : {};
  const liveFields = useMemo(() => promqlFieldErrors(s), [s]);
  const errors: Record<string, string> = {
    ...previewFields,
    ...serverFields,
    ...liveFields,
    ...Object.fromEntries(Object.entries(clientErrors ?? {}).filter(([, v]) => v)),
  };
  const conflict = mutation.error instanceof ApiError && mutation.error.code === "CONFLICT";
  const banner =
    clientErrors && Object.values(clientErrors).some(Boolean)
      ? "Please correct the highlighted fields."
      : mutation.error
        ? mutation.error instanceof ApiError && mutation.error.code === "VALIDATION"
          ? "Please correct the highlighted fields."
          : errorMessage(mutation.error)
        : null;
  const id = (name: string) => `${uid}-${name}`.replace(/:/g, "");

  return (
    <div className="wizard">
      <form
        className="form wizard-form"
        onSubmit={onSubmit}
        noValidate
        aria-describedby={banner ? "wizard-error" : undefined}
      >
        {edit?.managedBy ? (
          <Alert tone="warning" title="Managed as code">
            This SLO is managed by <code>{edit.managedBy}</code>: the next <code>srecp apply</code> overwrites changes
            made here.
          </Alert>
        ) : null}
        {banner ? (
          <div id="wizard-error" tabIndex={-1}>
            <Alert tone={conflict ? "warning" : "danger"} title={conflict ? "Changed by someone else" : undefined}>
              <p>
                {conflict
                  ? "This SLO was changed (or signed off) by someone else since you opened it. Reload to get the latest definition, then apply your edit again."
                  : banner}
              </p>
              {conflict ? (
                <Button size="sm" onClick={() => window.location.reload()}>
                  Reload
                </Button>
              ) : null}
            </Alert>
          </div>
        ) : null}

        <fieldset className="fieldset wizard-step">
          <legend>1. Service and name</legend>
          <div className="form-grid">
            <SelectField
              label="Service"
              name="service"
              id="service"
              options={services}
              value={s.service}
              onChange={(e) => update("service", e.target.value)}
              placeholder={edit ? undefined : "Choose a service"}
              disabled={Boolean(edit)}
              error={errors.service}
            />
            <Field
              label="Name"
              name="name"
              id="name"
              value={s.name}
              onChange={(e) => update("name", e.target.value)}
              disabled={Boolean(edit)}
              placeholder="search-availability"
              hint={edit ? "The name is permanent." : "Lower-case letters, digits and dashes."}
              error={errors.name}
              autoComplete="off"
              spellCheck={false}
            />
          </div>
          {s.service ? <ServiceSource service={services.find((x) => x.value === s.service)} /> : null}
          <TextAreaField
            label="Description"
            name="description"
            id="description"
            value={s.description}
            onChange={(e) => update("description", e.target.value)}
            rows={2}
            error={errors.description}
            placeholder="What users experience when this SLO is met."
          />
        </fieldset>

        <fieldset className="fieldset wizard-step">
          <legend>2. SLI</legend>
          <div className="checks" role="radiogroup" aria-label="SLI kind">
            <label>
              <input
                type="radio"
                name="kind"
                value="ratio"
                checked={s.kind === "ratio"}
                onChange={() => update("kind", "ratio")}
              />{" "}
              Ratio of events (availability)
            </label>
            <label>
              <input
                type="radio"
                name="kind"
                value="latency"
                checked={s.kind === "latency"}
                onChange={() => update("kind", "latency")}
              />{" "}
              Latency (histogram)
            </label>
            <label>
              <input
                type="radio"
                name="kind"
                value="boolGauge"
                checked={s.kind === "boolGauge"}
                onChange={() => update("kind", "boolGauge")}
              />{" "}
              Share of good samples (0/1 gauge, e.g. probes)
            </label>
          </div>
          {s.kind === "boolGauge" ? (
            <EditorField
              id={id("metric")}
              label="0/1 gauge"
              error={errors.metric}
              hint={
                <>
                  A gauge whose samples are 1 (good) or 0 (bad), e.g.{" "}
                  <code>
                    probe_success{"{"}job=&quot;blackbox&quot;{"}"}
                  </code>
                  : good = samples that are 1, total = all samples.
                </>
              }
              value={s.metric}
              onChange={(v) => update("metric", v)}
              service={s.service || undefined}
              placeholder='probe_success{job="blackbox"}'
            />
          ) : s.kind === "ratio" ? (
            <>
              <EditorField
                id={id("total")}
                label="Total events"
                error={errors.total}
                hint={
                  <>
                    A counter selector, e.g.{" "}
                    <code>
                      http_requests_total{"{"}service=&quot;search&quot;{"}"}
                    </code>
                    . Ctrl-Space completes.
                  </>
                }
                value={s.total}
                onChange={(v) => update("total", v)}
                service={s.service || undefined}
                placeholder='http_requests_total{service="search"}'
              />
              <div className="checks" role="radiogroup" aria-label="Second selector counts">
                <label>
                  <input
                    type="radio"
                    name="mode"
                    value="bad"
                    checked={s.mode === "bad"}
                    onChange={() => update("mode", "bad")}
                  />{" "}
                  Bad events (errors)
                </label>
                <label>
                  <input
                    type="radio"
                    name="mode"
                    value="good"
                    checked={s.mode === "good"}
                    onChange={() => update("mode", "good")}
                  />{" "}
                  Good events
                </label>
              </div>
              <EditorField
                id={id("selector")}
                label={s.mode === "bad" ? "Bad events" : "Good events"}
                error={errors.selector}
                hint={
                  s.mode === "bad" ? (
                    <>
                      e.g.{" "}
                      <code>
                        http_requests_total{"{"}service=&quot;search&quot;,code=~&quot;5..&quot;{"}"}
                      </code>
                    </>
                  ) : (
                    "Requests that met the objective."
                  )
                }
                value={s.selector}
                onChange={(v) => update("selector", v)}
                service={s.service || undefined}
                placeholder={
                  s.mode === "bad"
                    ? 'http_requests_total{service="search",code=~"5.."}'
                    : 'http_requests_total{service="search",code!~"5.."}'
                }
              />
            </>
          ) : (
            <>
              <div className="form-grid">
                <Field
                  label="Histogram metric"
                  name="metric"
                  id={id("metric")}
                  value={s.metric}
                  onChange={(e) => update("metric", e.target.value)}
                  list={id("histograms")}
                  placeholder="http_request_duration_seconds"
                  hint="Without _bucket; completed from the service's Prometheus."
                  error={errors.metric}
                  autoComplete="off"
                  spellCheck={false}
                />
                <datalist id={id("histograms")}>
                  {histograms.map((m) => (
                    <option key={m} value={m} />
                  ))}
                </datalist>
                <SelectField
                  label="Threshold"
                  name="threshold"
                  id={id("thresholdSeconds")}
                  value={s.threshold}
                  onChange={(e) => update("threshold", e.target.value)}
                  options={(buckets.includes(s.threshold) || !s.threshold ? buckets : [s.threshold, ...buckets]).map(
                    (le) => ({ value: le, label: `≤ ${formatThreshold(Number(le))}` }),
                  )}
                  placeholder={
                    les.isFetching
                      ? "Loading buckets…"
                      : buckets.length
                        ? "Choose a bucket"
                        : metricOk && les.isFetched
                          ? "No buckets: not a histogram?"
                          : "Enter the metric first"
                  }
                  hint="A request is good when it finishes within this bucket bound (le)."
                  error={errors.thresholdSeconds}
                />
              </div>
              <Field
                label="Label matchers"
                name="matchers"
                id={id("matchers")}
                value={s.matchers}
                onChange={(e) => update("matchers", e.target.value)}
                placeholder='service="search"'
                hint="The text inside the braces, without le."
                error={errors.matchers}
                autoComplete="off"
                spellCheck={false}
                className="mono"
              />
            </>
          )}
          <SliceBudgeting s={s} update={update} errors={errors} id={id} />
        </fieldset>

        <fieldset className="fieldset wizard-step">
          <legend>3. Objective and window</legend>
          <div className="field">
            <span className="field-label" id={id("objective-label")}>
              Objective
            </span>
            <div className="checks" role="radiogroup" aria-labelledby={id("objective-label")}>
              {OBJECTIVE_PRESETS.map((p) => (
                <label key={p}>
                  <input
                    type="radio"
                    name="objective"
                    value={p}
                    checked={s.objectiveChoice === p}
                    onChange={() => update("objectiveChoice", p)}
                  />{" "}
                  {p} %
                </label>
              ))}
              <label>
                <input
                  type="radio"
                  name="objective"
                  value="custom"
                  checked={s.objectiveChoice === "custom"}
                  onChange={() => update("objectiveChoice", "custom")}
                />{" "}
                Custom
              </label>
            </div>
          </div>
          {s.objectiveChoice === "custom" ? (
            <Field
              label="Custom objective (%)"
              name="customObjective"
              id={id("objective")}
              inputMode="decimal"
              value={s.customObjective}
              onChange={(e) => update("customObjective", e.target.value)}
              placeholder="99.9"
              error={errors.objective}
              autoComplete="off"
            />
          ) : errors.objective ? (
            <p className="field-error">{errors.objective}</p>
          ) : null}
          <div className="form-grid">
            <SelectField
              label="Window"
              name="window"
              id={id("window")}
              options={[...WINDOW_CHOICES]}
              value={s.windowChoice}
              onChange={(e) => update("windowChoice", e.target.value)}
              error={errors.window}
            />
            {s.windowChoice.startsWith("calendar") ? (
              <>
                <Field
                  label="Time zone"
                  name="timezone"
                  id={id("timezone")}
                  value={s.timezone}
                  onChange={(e) => update("timezone", e.target.value)}
                  list={id("zones")}
                  hint="Where the calendar period starts at midnight."
                  error={errors.timezone}
                  autoComplete="off"
                />
                <datalist id={id("zones")}>
                  {zones.map((z) => (
                    <option key={z} value={z} />
                  ))}
                </datalist>
              </>
            ) : null}
          </div>
        </fieldset>

        <fieldset className="fieldset wizard-step">
          <legend>4. Alerting</legend>
          <Field
            label="Runbook URL"
            name="runbookUrl"
            id={id("runbookUrl")}
            type="url"
            value={s.runbookUrl}
            onChange={(e) => update("runbookUrl", e.target.value)}
            placeholder="https://runbooks.example.com/search"
            error={errors.runbookUrl}
          />
          {!s.runbookUrl.trim() && s.alerting ? (
            <Alert tone="warning">
              Without a runbook URL or an in-app runbook (written on the SLO's runbook pages once it is saved) no alert
              rules are generated: every alert must say what to do.
            </Alert>
          ) : null}
          <div className="checks">
            <label>
              <input type="checkbox" checked={s.alerting} onChange={(e) => update("alerting", e.target.checked)} />{" "}
              Generate burn-rate alerts (page and ticket)
            </label>
          </div>
        </fieldset>

        <div className="form-actions">
          <Button type="submit" variant="primary" pending={mutation.isPending}>
            {edit ? "Save changes" : "Create SLO"}
          </Button>
          <LinkButton href={edit ? `/slos/${edit.id}` : "/slos"} variant="ghost">
            Cancel
          </LinkButton>
          <span className="muted small">
            Editors&apos; changes are signed off by an approver before they take effect.
          </span>
        </div>
      </form>
      <div className="stack">
        <SloPreviewPanel
          preview={preview.data}
          error={preview.error}
          fetching={preview.isFetching}
          waiting={waiting && previewCandidate !== null}
          objective={objectiveOf(s)}
          ready={previewCandidate !== null}
          sliceMinutes={s.budgeting === "timeslices" ? Number(s.sliceMinutes) : null}
        />
        {/* Keyed by the window: a new window has other current tiers, so candidate drafts start over. */}
        <BacktestPanel key={backtestDays} target={{ definition: previewCandidate }} windowDays={backtestDays} />
      </div>
    </div>
  );
}

/** Which Prometheus the preview and the SLO read from: the service's setting, changed on the service. */
function ServiceSource({ service }: { service: WizardService | undefined }) {
  if (!service) return null;
  return (
    <p className="muted small" id="service-source">
      SLIs of this service are read from{" "}
      {service.dataSource ? (
        <>
          the data source <strong>{service.dataSource}</strong>
        </>
      ) : (
        "the default data source"
      )}{" "}
      · <a href={`/services/${service.value}/edit`}>change it on the service</a>
    </p>
  );
}

type EditorFieldProps = {
  id: string;
  label: string;
  error?: string;
  hint: ReactNode;
  value: string;
  onChange: (v: string) => void;
  service?: string;
  placeholder: string;
};

/** Label + PromQL editor + hint + inline error (the editor is named by the label through aria-labelledby). */
function EditorField({ id, label, error, hint, value, onChange, service, placeholder }: EditorFieldProps) {
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label id={`${id}-lbl`} htmlFor={id} onClick={() => document.getElementById(id)?.focus()}>
        {label}
      </label>
      <PromqlEditor
        id={id}
        labelId={`${id}-lbl`}
        value={value}
        onChange={onChange}
        service={service}
        placeholder={placeholder}
        describedBy={describedBy(id, error, hint)}
        invalid={Boolean(error)}
      />
      <p id={`${id}-hint`} className="field-hint">
        {hint}
      </p>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
