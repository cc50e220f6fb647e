"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { bannerText } from "@/components/ui/form-banner";
import { FormActions } from "@/components/ui/form-actions";
import { Field, TextAreaField } from "@/components/ui/field";
import { SelectField, type Option } from "@/components/ui/select";
import { apiFetch, errorFields } from "@/lib/query/api";
import { SEVERITIES, SEVERITY_DEFINITIONS } from "@/lib/postmortem";
import { INSTANT_KEYS, INSTANT_LABELS } from "@/lib/validation/incidents";
import { incidentKeys, type IncidentView } from "./api";
import { useYourTime } from "./instant";
import { fromLocalInput } from "./time";

type ServiceOption = { slug: string; name: string; team: string };

/**
 * Declare an incident: title, severity (with its written definition), affected services, optional
 * owning team and key instants (entered in the viewer's zone, sent as UTC). A past incident can be
 * declared already resolved. Field errors from the API appear next to each field.
 */
export function DeclareIncidentForm({ services, teams }: { services: ServiceOption[]; teams: Option[] }) {
  const yourTime = useYourTime();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);
  const [severity, setSeverity] = useState<string>("SEV-2");
  const mutation = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiFetch<IncidentView>("/api/v1/incidents", { method: "POST", body }),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: incidentKeys.all });
      router.push(`/incidents/${created.number}`);
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const errs: Record<string, string> = {};
    const body: Record<string, unknown> = {
      title: String(form.get("title") ?? ""),
      severity: String(form.get("severity") ?? ""),
      services: form.getAll("services").map(String),
      summary: String(form.get("summary") ?? ""),
    };
    const team = String(form.get("team") ?? "");
    if (team) body.team = team;
    for (const key of INSTANT_KEYS) {
      const iso = fromLocalInput(String(form.get(key) ?? ""));
      if (iso === undefined) errs[key] = "is not a valid date and time";
      else if (iso !== null) body[key] = iso;
    }
    if ((body.services as string[]).length === 0) errs.services = "choose at least one affected service";
    if (Object.keys(errs).length) return setClientErrors(errs);
    setClientErrors(null);
    mutation.mutate(body);
  }

  const errors = clientErrors ?? errorFields(mutation.error);
  const banner = bannerText(mutation.error, clientErrors);

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-describedby={banner ? "declare-error" : undefined}>
      {banner ? (
        <div id="declare-error">
          <Alert tone="danger">
            <p>{banner}</p>
          </Alert>
        </div>
      ) : null}
      <Field
        label="Title"
        name="title"
        required
        autoFocus
        placeholder="Search returns 503 for some queries"
        error={errors.title}
        autoComplete="off"
      />
      <fieldset className="fieldset" aria-describedby={errors.severity ? "severity-error" : undefined}>
        <legend>Severity</legend>
        <div className="severity-options">
          {SEVERITIES.map((s) => (
            <label key={s} className={severity === s ? "severity-option selected" : "severity-option"}>
              <input type="radio" name="severity" value={s} checked={severity === s} onChange={() => setSeverity(s)} />
              <span>
                <strong>
                  {s} · {SEVERITY_DEFINITIONS[s].name}
                </strong>
                <span className="small">{SEVERITY_DEFINITIONS[s].description}</span>
                <span className="small muted">
                  {SEVERITY_DEFINITIONS[s].burnRateHint} Postmortem{" "}
                  {SEVERITY_DEFINITIONS[s].postmortem === "required"
                    ? `required within ${SEVERITY_DEFINITIONS[s].publishDueBusinessDays} business days`
                    : "optional"}
                  .
                </span>
              </span>
            </label>
          ))}
        </div>
        {errors.severity ? (
          <p id="severity-error" className="field-error">
            {errors.severity}
          </p>
        ) : null}
      </fieldset>
      <fieldset
        className={errors.services ? "fieldset field-invalid" : "fieldset"}
        aria-describedby={errors.services ? "services-error" : "services-hint"}
      >
        <legend>Affected services</legend>
        <div className="checks checks-grid">
          {services.map((s) => (
            <label key={s.slug}>
              <input type="checkbox" name="services" value={s.slug} /> <span className="mono">{s.slug}</span>{" "}
              <span className="muted small">{s.team}</span>
            </label>
          ))}
        </div>
        <p id="services-hint" className="field-hint">
          Their SLOs are used to compute the impact.
        </p>
        {errors.services ? (
          <p id="services-error" className="field-error">
            {errors.services}
          </p>
        ) : null}
      </fieldset>
      <SelectField
        label="Owning team"
        name="team"
        options={teams}
        placeholder="The first service's team"
        error={errors.team}
      />
      <TextAreaField
        label="Summary"
        name="summary"
        placeholder="What is happening, who is affected."
        error={errors.summary}
      />
      <fieldset className="fieldset">
        <legend>Key instants ({yourTime})</legend>
        <p className="field-hint">
          Optional. They must be in order: impact start ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved. A past
          incident can be declared resolved.
        </p>
        <div className="form-grid">
          {INSTANT_KEYS.map((key) => (
            <Field key={key} label={INSTANT_LABELS[key]} name={key} type="datetime-local" error={errors[key]} />
          ))}
        </div>
      </fieldset>
      <FormActions submitLabel="Declare incident" pending={mutation.isPending} cancelHref="/incidents" />
    </form>
  );
}
