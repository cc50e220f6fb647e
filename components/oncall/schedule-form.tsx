"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { bannerText, isVersionConflict, FormBanner } from "@/components/ui/form-banner";
import { Button } from "@/components/ui/button";
import { FormActions } from "@/components/ui/form-actions";
import { Field, TextAreaField } from "@/components/ui/field";
import { TeamField } from "./team-field";
import { apiFetch, errorFields } from "@/lib/query/api";
import { fieldErrors } from "@/lib/validation/common";
import { createScheduleSchema, updateScheduleSchema } from "@/lib/validation/oncall";

import { LayerEditor } from "./layer-editor";
import { newLayer, type LayerValue, type ScheduleValue, type TeamOption } from "./schedule-model";

type Props = { teams: TeamOption[]; initial?: ScheduleValue; cancelHref: string; defaultStartAt: string };

/**
 * Create or edit a schedule and its layers. Saving an edit never rewrites the past: the server ends the
 * changed layers now and starts new versions (the rotation keeps its phase and the on-call person).
 */
export function ScheduleForm({ teams, initial, cancelHref, defaultStartAt }: Props) {
  const router = useRouter();
  const editing = initial !== undefined;
  const [team, setTeam] = useState(initial?.team ?? (teams.length === 1 ? teams[0]!.slug : ""));
  const teamRow = teams.find((t) => t.slug === team);
  const [name, setName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [timezone, setTimezone] = useState(initial?.timezone ?? teamRow?.timezone ?? "UTC");
  const [requireHandoffNote, setRequireHandoffNote] = useState(initial?.requireHandoffNote ?? true);
  const [layers, setLayers] = useState<LayerValue[]>(initial?.layers ?? [newLayer("Primary", 0, defaultStartAt)]);
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);
  const mutation = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      editing
        ? apiFetch<{ id: string }>(`/api/v1/schedules/${initial.id}`, { method: "PATCH", body })
        : apiFetch<{ id: string }>("/api/v1/schedules", { method: "POST", body }),
    onSuccess: (saved) => {
      router.push(`/oncall/schedules/${saved.id}`);
      router.refresh();
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const body = editing
      ? { name, description, timezone, requireHandoffNote, layers, version: initial.version }
      : { team, name, description, timezone, requireHandoffNote, layers };
    const parsed = editing ? updateScheduleSchema.safeParse(body) : createScheduleSchema.safeParse(body);
    if (!parsed.success) {
      const errs = fieldErrors(parsed.error);
      if (!team && errs.team) errs.team = "choose the team that owns this schedule";
      return setClientErrors(errs);
    }
    setClientErrors(null);
    mutation.mutate(body);
  }

  const errors = clientErrors ?? errorFields(mutation.error);
  const conflict = isVersionConflict(mutation.error);
  const banner = bannerText(mutation.error, clientErrors);
  const members = teamRow?.members ?? [];

  return (
    <form
      className="form oc-form"
      onSubmit={onSubmit}
      noValidate
      aria-describedby={banner ? "schedule-form-error" : undefined}
    >
      {banner ? (
        <FormBanner id="schedule-form-error" conflict={conflict}>
          <p>{banner}</p>
        </FormBanner>
      ) : null}
      <div className="form-grid">
        <TeamField
          teams={teams}
          value={team}
          editing={editing}
          onChange={(slug) => {
            setTeam(slug);
            const t = teams.find((x) => x.slug === slug);
            if (t) setTimezone(t.timezone);
          }}
          error={errors.team}
        />
        <Field
          label="Name"
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="Primary on-call"
          error={errors.name}
          autoComplete="off"
        />
        <Field
          label="Time zone"
          name="timezone"
          value={timezone}
          onChange={(e) => setTimezone(e.target.value)}
          error={errors.timezone}
          hint="IANA name, e.g. Europe/Berlin. Handoffs follow its wall clock."
          autoComplete="off"
          spellCheck={false}
        />
        <div className="field">
          <span className="field-label">Handoff notes</span>
          <label className="inc-check">
            <input
              type="checkbox"
              name="requireHandoffNote"
              checked={requireHandoffNote}
              onChange={(e) => setRequireHandoffNote(e.target.checked)}
            />
            Require a written handoff at each shift change
          </label>
        </div>
      </div>
      <TextAreaField
        label="Description"
        name="description"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={errors.description}
        rows={2}
      />
      {errors.layers ? <p className="field-error">{errors.layers}</p> : null}
      {!teamRow && !editing ? <p className="muted">Choose a team to pick participants from its members.</p> : null}
      {layers.map((layer, i) => (
        <LayerEditor
          key={layer.id ?? `new-${i}`}
          index={i}
          layer={layer}
          members={members}
          tz={timezone}
          errors={errors}
          onChange={(l) => setLayers(layers.map((x, j) => (j === i ? l : x)))}
          onRemove={() => setLayers(layers.filter((_, j) => j !== i))}
        />
      ))}
      <div>
        <Button
          onClick={() => setLayers([...layers, newLayer(`Layer ${layers.length + 1}`, layers.length, defaultStartAt)])}
        >
          Add a layer
        </Button>
      </div>
      <FormActions
        submitLabel={editing ? "Save changes" : "Create schedule"}
        pending={mutation.isPending}
        cancelHref={cancelHref}
      />
    </form>
  );
}
