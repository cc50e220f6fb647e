"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextAreaField } from "@/components/ui/field";
import { ApiError, apiFetch, errorMessage } from "@/lib/query/api";
import { sloKeys } from "@/lib/query/slos";
import { DEFAULT_POSTMORTEM_BUDGET_SHARE } from "@/lib/postmortem/budget-trigger";
import { objectivePercentText, percentTextToObjective } from "@/lib/slo/format";
import { fieldErrors } from "@/lib/validation/common";
import { budgetPolicySchema } from "@/lib/validation/policy";

type Initial = {
  atRiskBelow: number;
  freezeAtOrBelow: number;
  freezeOnPageAlert: boolean;
  postmortemAbove?: number;
  agreedBy: string;
  notes: string;
  version: number | null;
};
type Props = { endpoint: string; idPrefix: string; initial: Initial; submitLabel: string; serviceSlug?: string };

/** "25" ↔ 0.25, allowing negatives ("-50" = frozen only when overspent by half). */
const toFraction = (text: string): number => {
  const t = text.trim();
  const neg = t.startsWith("-");
  const v = percentTextToObjective(neg ? t.slice(1) : t);
  return v === null ? Number.NaN : neg ? -v : v;
};
const toPercentText = (x: number) => (x < 0 ? `-${objectivePercentText(-x)}` : objectivePercentText(x));

/**
 * Edits an error-budget policy (a service's own, or a team's default) through PUT. Thresholds are typed
 * as percentages of the remaining budget; `version` guards against concurrent edits.
 */
export function PolicyForm({ endpoint, idPrefix, initial, submitLabel, serviceSlug }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [v, setV] = useState({
    atRisk: toPercentText(initial.atRiskBelow),
    freeze: toPercentText(initial.freezeAtOrBelow),
    freezeOnPageAlert: initial.freezeOnPageAlert,
    postmortem: toPercentText(initial.postmortemAbove ?? DEFAULT_POSTMORTEM_BUDGET_SHARE),
    agreedBy: initial.agreedBy,
    notes: initial.notes,
  });
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);
  const body = () => ({
    atRiskBelow: toFraction(v.atRisk),
    freezeAtOrBelow: toFraction(v.freeze),
    freezeOnPageAlert: v.freezeOnPageAlert,
    postmortemAbove: toFraction(v.postmortem),
    agreedBy: v.agreedBy,
    notes: v.notes,
    ...(initial.version ? { version: initial.version } : {}),
  });
  const mutation = useMutation({
    mutationFn: () => apiFetch(endpoint, { method: "PUT", body: body() }),
    onSuccess: async () => {
      if (serviceSlug) await queryClient.invalidateQueries({ queryKey: sloKeys.policy(serviceSlug) });
      router.refresh();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = budgetPolicySchema.safeParse(body());
    if (!parsed.success) return setClientErrors(fieldErrors(parsed.error));
    setClientErrors(null);
    mutation.mutate();
  };
  const errors = clientErrors ?? (mutation.error instanceof ApiError ? mutation.error.fields : {});
  const pctError = (k: string) => (errors[k]?.includes("must be a number") ? "enter a percentage, e.g. 25" : errors[k]);
  const conflict = mutation.error instanceof ApiError && mutation.error.code === "CONFLICT";
  const id = (k: string) => `${idPrefix}-${k}`;

  return (
    <form className="form" onSubmit={submit} noValidate>
      {conflict ? (
        <Alert tone="warning" title="Changed by someone else">
          <p>{errorMessage(mutation.error)}</p>
          <Button size="sm" onClick={() => window.location.reload()}>
            Reload
          </Button>
        </Alert>
      ) : mutation.error && !Object.keys(errors).length ? (
        <Alert tone="danger">{errorMessage(mutation.error)}</Alert>
      ) : null}
      {mutation.isSuccess ? <Alert tone="success">Saved. The policy applies from now on.</Alert> : null}
      <div className="form-grid">
        <Field
          label="At risk below (% of budget left)"
          name="atRiskBelow"
          id={id("atRisk")}
          inputMode="decimal"
          value={v.atRisk}
          onChange={(e) => setV({ ...v, atRisk: e.target.value })}
          hint="e.g. 25: under a quarter of the budget left"
          error={pctError("atRiskBelow")}
        />
        <Field
          label="Frozen at or below (% left)"
          name="freezeAtOrBelow"
          id={id("freeze")}
          inputMode="decimal"
          value={v.freeze}
          onChange={(e) => setV({ ...v, freeze: e.target.value })}
          hint="0 = when the budget is exhausted"
          error={pctError("freezeAtOrBelow")}
        />
      </div>
      <Field
        label="Postmortem required above (% of an SLO's budget spent by one incident)"
        name="postmortemAbove"
        id={id("postmortem")}
        inputMode="decimal"
        value={v.postmortem}
        onChange={(e) => setV({ ...v, postmortem: e.target.value })}
        hint="e.g. 20: such an incident needs a postmortem with at least one P0/P1 action item, whatever its severity"
        error={pctError("postmortemAbove")}
      />
      <div className="checks">
        <label>
          <input
            type="checkbox"
            checked={v.freezeOnPageAlert}
            onChange={(e) => setV({ ...v, freezeOnPageAlert: e.target.checked })}
          />{" "}
          Also freeze while a page-level burn-rate alert fires
        </label>
      </div>
      <Field
        label="Agreed by"
        name="agreedBy"
        id={id("agreedBy")}
        value={v.agreedBy}
        onChange={(e) => setV({ ...v, agreedBy: e.target.value })}
        placeholder="Product lead, SRE lead, engineering manager"
        error={errors.agreedBy}
      />
      <TextAreaField
        label="Notes"
        name="notes"
        id={id("notes")}
        value={v.notes}
        onChange={(e) => setV({ ...v, notes: e.target.value })}
        rows={3}
        placeholder="What a freeze means here (e.g. only P0 fixes and security patches ship), exceptions, review date."
        error={errors.notes}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={mutation.isPending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
