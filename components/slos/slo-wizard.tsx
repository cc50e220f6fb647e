"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useMemo, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { FormActions } from "@/components/ui/form-actions";
import { bannerText, FormBanner } from "@/components/ui/form-banner";
import { useDebounced } from "@/components/ui/use-debounced";
import { ApiError } from "@/lib/query/api";
import { createSlo, sloKeys, updateSlo, useSloPreview, type PreviewInput } from "@/lib/query/slos";
import { fieldErrors } from "@/lib/validation/common";
import { createSloSchema, sloPreviewSchema, updateSloSchema } from "@/lib/validation/slo";
import { BacktestPanel, nominalWindowDays } from "./backtest-panel";
import { SloPreviewPanel } from "./slo-preview-panel";
import type { StepProps } from "./wizard-fields";
import { AlertingStep } from "./wizard-alerting-step";
import { ObjectiveStep } from "./wizard-objective-step";
import { ServiceStep, type WizardService } from "./wizard-service-step";
import { SliStep } from "./wizard-sli-step";
import {
  createBody,
  emptyWizard,
  mapFields,
  objectiveOf,
  promqlFieldErrors,
  sliOf,
  updateBody,
  windowOf,
  type WizardState,
} from "./wizard-model";

type Props = {
  services: WizardService[];
  /** Editing: the SLO's id, revision and current (newest) definition. */
  edit?: { id: string; revision: number; initial: WizardState; managedBy: string | null };
  initialService?: string;
};

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
  const update = <K extends keyof WizardState>(k: K, v: WizardState[K]) => {
    setS((prev) => ({ ...prev, [k]: v }));
    setClientErrors((e) => (e ? { ...e, [k]: "" } : e));
  };

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
  const banner = bannerText(mutation.error, clientErrors && Object.values(clientErrors).some(Boolean));
  const id = (name: string) => `${uid}-${name}`.replace(/:/g, "");
  const step: StepProps = { s, update, errors, id };

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
          <FormBanner id="wizard-error" conflict={conflict} focusable>
            <p>
              {conflict
                ? "This SLO was changed (or signed off) by someone else since you opened it. Reload to get the latest definition, then apply your edit again."
                : banner}
            </p>
          </FormBanner>
        ) : null}

        <ServiceStep {...step} services={services} editing={Boolean(edit)} />
        <SliStep {...step} />
        <ObjectiveStep {...step} />
        <AlertingStep {...step} />

        <FormActions
          submitLabel={edit ? "Save changes" : "Create SLO"}
          pending={mutation.isPending}
          cancelHref={edit ? `/slos/${edit.id}` : "/slos"}
        >
          <span className="muted small">
            Editors&apos; changes are signed off by an approver before they take effect.
          </span>
        </FormActions>
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
