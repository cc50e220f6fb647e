"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { bannerText, isVersionConflict } from "@/components/ui/form-banner";
import { Button } from "@/components/ui/button";
import { FormActions } from "@/components/ui/form-actions";
import { Field, TextAreaField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import { TeamField } from "./team-field";
import { apiFetch, errorFields } from "@/lib/query/api";
import type { Member } from "./schedule-model";

type Target = { kind: "user"; userId: string } | { kind: "schedule"; scheduleId: string };
type Step = { delayMinutes: number; targets: Target[] };
export type PolicyTeam = {
  slug: string;
  name: string;
  members: Member[];
  schedules: { id: string; name: string }[];
  services: { slug: string; name: string }[];
};
export type PolicyValue = {
  id: string;
  version: number;
  team: string;
  name: string;
  description: string;
  repeat: number;
  steps: Step[];
  services: string[];
  fallbackUserId?: string | null;
};

const has = (targets: Target[], t: Target) =>
  targets.some((x) =>
    x.kind === "user" && t.kind === "user"
      ? x.userId === t.userId
      : x.kind === "schedule" && t.kind === "schedule"
        ? x.scheduleId === t.scheduleId
        : false,
  );
const toggle = (targets: Target[], t: Target, on: boolean) =>
  on ? (has(targets, t) ? targets : [...targets, t]) : targets.filter((x) => !has([t], x));

/** Create or edit an escalation policy: ordered steps with targets and delays, repeats, and its services. */
export function PolicyForm({
  teams,
  initial,
  cancelHref,
}: {
  teams: PolicyTeam[];
  initial?: PolicyValue;
  cancelHref: string;
}) {
  const router = useRouter();
  const editing = initial !== undefined;
  const [team, setTeam] = useState(initial?.team ?? (teams.length === 1 ? teams[0]!.slug : ""));
  const [name, setName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [repeat, setRepeat] = useState(initial?.repeat ?? 1);
  const [steps, setSteps] = useState<Step[]>(initial?.steps ?? [{ delayMinutes: 15, targets: [] }]);
  const [services, setServices] = useState<string[]>(initial?.services ?? []);
  const [fallbackUserId, setFallbackUserId] = useState(initial?.fallbackUserId ?? "");
  const row = teams.find((t) => t.slug === team);
  const mutation = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      editing
        ? apiFetch<{ id: string }>(`/api/v1/escalation-policies/${initial.id}`, { method: "PATCH", body })
        : apiFetch<{ id: string }>("/api/v1/escalation-policies", { method: "POST", body }),
    onSuccess: () => {
      router.push("/oncall/policies");
      router.refresh();
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const body = { name, description, repeat, steps, services, fallbackUserId: fallbackUserId || null };
    mutation.mutate(editing ? { ...body, version: initial.version } : { ...body, team });
  }

  const errors = errorFields(mutation.error);
  const conflict = isVersionConflict(mutation.error);
  const banner = bannerText(mutation.error);
  const setStep = (i: number, s: Step) => setSteps(steps.map((x, j) => (j === i ? s : x)));

  return (
    <form className="form oc-form" onSubmit={onSubmit} noValidate>
      {banner ? <Alert tone={conflict ? "warning" : "danger"}>{banner}</Alert> : null}
      <div className="form-grid">
        <TeamField
          teams={teams}
          value={team}
          editing={editing}
          onChange={(slug) => {
            setTeam(slug);
            setSteps(steps.map((s) => ({ ...s, targets: [] })));
            setServices([]);
            setFallbackUserId("");
          }}
          error={errors.team}
        />
        <Field
          label="Name"
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.name}
          placeholder="Payments: primary → secondary → manager"
          autoComplete="off"
        />
        <Field
          label="Repeat"
          name="repeat"
          type="number"
          min={0}
          max={9}
          value={repeat}
          onChange={(e) => setRepeat(Number(e.target.value))}
          error={errors.repeat}
          hint="Extra passes over all steps when nobody acknowledges."
        />
      </div>
      {row ? (
        <SelectField
          label="When nobody acknowledges after the last step, notify"
          name="fallbackUserId"
          value={fallbackUserId}
          onChange={(e) => setFallbackUserId(e.target.value)}
          options={[
            { value: "", label: "Nobody more (the page shows as unacknowledged)" },
            ...row.members.map((m) => ({ value: m.id, label: `${m.name} (${m.email})` })),
          ]}
          error={errors.fallbackUserId}
          hint="Their own notification rules apply. A team chat channel can be added over the API (fallbackChannelId)."
        />
      ) : null}
      <TextAreaField
        label="Description"
        name="description"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        rows={2}
        error={errors.description}
      />
      {errors.steps ? <p className="field-error">{errors.steps}</p> : null}
      {steps.map((step, i) => (
        <fieldset key={i} className="oc-layer">
          <legend>Step {i + 1}</legend>
          <Field
            label="Escalate after (minutes)"
            name={`step-${i}-delay`}
            type="number"
            min={1}
            max={1440}
            value={step.delayMinutes}
            onChange={(e) => setStep(i, { ...step, delayMinutes: Number(e.target.value) })}
            error={errors[`steps.${i}.delayMinutes`]}
            hint="Wait this long for an acknowledgement before the next step."
          />
          {!row ? <p className="muted">Choose a team to pick targets.</p> : null}
          {row ? (
            <>
              <fieldset className="fieldset">
                <legend>Schedules (whoever is on call then)</legend>
                {row.schedules.length === 0 ? <p className="muted small">This team has no schedules yet.</p> : null}
                <div className="checks">
                  {row.schedules.map((s) => (
                    <label key={s.id}>
                      <input
                        type="checkbox"
                        checked={has(step.targets, { kind: "schedule", scheduleId: s.id })}
                        onChange={(e) =>
                          setStep(i, {
                            ...step,
                            targets: toggle(step.targets, { kind: "schedule", scheduleId: s.id }, e.target.checked),
                          })
                        }
                      />{" "}
                      {s.name}
                    </label>
                  ))}
                </div>
              </fieldset>
              <fieldset className="fieldset">
                <legend>People</legend>
                <div className="checks">
                  {row.members.map((m) => (
                    <label key={m.id}>
                      <input
                        type="checkbox"
                        checked={has(step.targets, { kind: "user", userId: m.id })}
                        onChange={(e) =>
                          setStep(i, {
                            ...step,
                            targets: toggle(step.targets, { kind: "user", userId: m.id }, e.target.checked),
                          })
                        }
                      />{" "}
                      {m.name}
                    </label>
                  ))}
                </div>
              </fieldset>
            </>
          ) : null}
          {Object.entries(errors)
            .filter(([k]) => k.startsWith(`steps.${i}.targets`))
            .map(([k, m]) => (
              <p key={k} className="field-error">
                {m}
              </p>
            ))}
          <div>
            <Button
              size="sm"
              variant="danger"
              disabled={steps.length === 1}
              onClick={() => setSteps(steps.filter((_, j) => j !== i))}
            >
              Remove step {i + 1}
            </Button>
          </div>
        </fieldset>
      ))}
      <div>
        <Button onClick={() => setSteps([...steps, { delayMinutes: 15, targets: [] }])}>Add a step</Button>
      </div>
      {row ? (
        <fieldset className="fieldset">
          <legend>Services paging through this policy</legend>
          {row.services.length === 0 ? <p className="muted small">This team owns no services.</p> : null}
          <div className="checks">
            {row.services.map((s) => (
              <label key={s.slug}>
                <input
                  type="checkbox"
                  checked={services.includes(s.slug)}
                  onChange={(e) =>
                    setServices(e.target.checked ? [...services, s.slug] : services.filter((x) => x !== s.slug))
                  }
                />{" "}
                {s.name}
              </label>
            ))}
          </div>
          {Object.entries(errors)
            .filter(([k]) => k.startsWith("services"))
            .map(([k, m]) => (
              <p key={k} className="field-error">
                {m}
              </p>
            ))}
        </fieldset>
      ) : null}
      <FormActions
        submitLabel={editing ? "Save policy" : "Create policy"}
        pending={mutation.isPending}
        cancelHref={cancelHref}
      />
    </form>
  );
}
