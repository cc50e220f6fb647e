"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { FormBanner } from "@/components/ui/form-banner";
import { Button, LinkButton } from "@/components/ui/button";
import { Field, TextAreaField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import { apiFetch, ApiError, errorFields, errorMessage } from "@/lib/query/api";
import { fieldErrors } from "@/lib/validation/common";
import { createScheduleSchema, updateScheduleSchema } from "@/lib/validation/oncall";
import { fromLocalInput, toLocalInput } from "./format";

export type Member = { id: string; name: string; email: string };
export type TeamOption = { slug: string; name: string; timezone: string; members: Member[] };
type Restriction = {
  kind: "time_of_day" | "weekly";
  windows: { fromDay?: number; from: string; toDay?: number; to: string }[];
} | null;
export type LayerValue = {
  id?: string;
  name: string;
  priority: number;
  timezone: string | null;
  rotation: { unit: "hour" | "day" | "week"; every: number; clock: "wall" | "elapsed" };
  handoffTime: string;
  startAt: string;
  participants: (string | null)[];
  restrictions: Restriction;
};
export type ScheduleValue = {
  id: string;
  version: number;
  team: string;
  name: string;
  description: string;
  timezone: string;
  requireHandoffNote: boolean;
  layers: LayerValue[];
};

type Props = { teams: TeamOption[]; initial?: ScheduleValue; cancelHref: string; defaultStartAt: string };

const UNITS = [
  { value: "hour", label: "hours" },
  { value: "day", label: "days" },
  { value: "week", label: "weeks" },
];

/** Restriction presets the form offers: none, every day between two times, or Monday–Friday between two times. */
type Preset = "none" | "daily" | "weekdays";
const presetOf = (r: Restriction): Preset => (!r ? "none" : r.kind === "weekly" ? "weekdays" : "daily");
const windowOf = (r: Restriction) => r?.windows[0] ?? { from: "09:00", to: "17:00" };
function restriction(preset: Preset, from: string, to: string): Restriction {
  if (preset === "none") return null;
  if (preset === "daily") return { kind: "time_of_day", windows: [{ from, to }] };
  return { kind: "weekly", windows: [1, 2, 3, 4, 5].map((d) => ({ fromDay: d, from, toDay: d, to })) };
}

function LayerEditor({
  index,
  layer,
  members,
  tz,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  layer: LayerValue;
  members: Member[];
  tz: string;
  errors: Record<string, string>;
  onChange: (l: LayerValue) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const p = `layers.${index}`;
  const err = (k: string) => errors[`${p}.${k}`];
  const [adding, setAdding] = useState("");
  const preset = presetOf(layer.restrictions);
  const win = windowOf(layer.restrictions);
  const nameOf = (uid: string) => members.find((m) => m.id === uid)?.name ?? `(not in team) ${uid}`;
  const move = (from: number, to: number) => {
    const next = [...layer.participants];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item ?? null);
    onChange({ ...layer, participants: next });
  };
  const participantErrors = Object.entries(errors).filter(([k]) => k.startsWith(`${p}.participants`));
  return (
    <fieldset className="oc-layer" aria-labelledby={`${id}-legend`}>
      <legend id={`${id}-legend`}>
        Layer {index + 1}
        {layer.id ? "" : " (new)"}
      </legend>
      <div className="form-grid">
        <Field
          label="Layer name"
          name={`${id}-name`}
          value={layer.name}
          onChange={(e) => onChange({ ...layer, name: e.target.value })}
          error={err("name")}
        />
        <Field
          label="Priority"
          name={`${id}-priority`}
          type="number"
          min={0}
          max={100}
          value={layer.priority}
          onChange={(e) => onChange({ ...layer, priority: Number(e.target.value) })}
          error={err("priority")}
          hint="Higher layers hide lower ones; equal priorities are on call together."
        />
        <Field
          label="Turn length"
          name={`${id}-every`}
          type="number"
          min={1}
          value={layer.rotation.every}
          onChange={(e) => onChange({ ...layer, rotation: { ...layer.rotation, every: Number(e.target.value) } })}
          error={err("rotation.every")}
        />
        <SelectField
          label="Unit"
          name={`${id}-unit`}
          options={UNITS}
          value={layer.rotation.unit}
          onChange={(e) =>
            onChange({
              ...layer,
              rotation: { ...layer.rotation, unit: e.target.value as LayerValue["rotation"]["unit"] },
            })
          }
          error={err("rotation.unit")}
        />
        <Field
          label="Handoff time"
          name={`${id}-handoff`}
          type="time"
          value={layer.handoffTime}
          onChange={(e) => onChange({ ...layer, handoffTime: e.target.value })}
          error={err("handoffTime")}
          hint={`Local time in ${layer.timezone ?? tz}; stays put across DST.`}
        />
        <Field
          label={`Rotation start (${tz})`}
          name={`${id}-start`}
          type="datetime-local"
          value={toLocalInput(layer.startAt, tz)}
          onChange={(e) => onChange({ ...layer, startAt: fromLocalInput(e.target.value, tz) ?? "" })}
          error={err("startAt")}
          hint="The first turn starts at the handoff time on this date; weekly turns keep its weekday."
        />
      </div>
      <label className="inc-check">
        <input
          type="checkbox"
          checked={layer.rotation.clock === "elapsed"}
          onChange={(e) =>
            onChange({ ...layer, rotation: { ...layer.rotation, clock: e.target.checked ? "elapsed" : "wall" } })
          }
        />
        Fixed-length turns (handoffs drift by an hour when DST changes)
      </label>

      <div className="field">
        <span className="field-label" id={`${id}-people`}>
          Participants, in turn order
        </span>
        {layer.participants.length === 0 ? <p className="muted small">Nobody yet: this layer covers no one.</p> : null}
        <ol className="oc-participants" aria-labelledby={`${id}-people`}>
          {layer.participants.map((uid, i) => (
            <li key={`${uid ?? "empty"}-${i}`}>
              <span className={uid ? "" : "muted"}>{uid ? nameOf(uid) : "Empty slot (nobody)"}</span>
              <span className="row">
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Move ${uid ? nameOf(uid) : "empty slot"} up`}
                  disabled={i === 0}
                  onClick={() => move(i, i - 1)}
                >
                  ↑
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Move ${uid ? nameOf(uid) : "empty slot"} down`}
                  disabled={i === layer.participants.length - 1}
                  onClick={() => move(i, i + 1)}
                >
                  ↓
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Remove ${uid ? nameOf(uid) : "empty slot"}`}
                  onClick={() => onChange({ ...layer, participants: layer.participants.filter((_, j) => j !== i) })}
                >
                  ✕
                </Button>
              </span>
            </li>
          ))}
        </ol>
        {participantErrors.map(([k, m]) => (
          <p key={k} className="field-error">
            {m}
          </p>
        ))}
        <div className="row">
          <label htmlFor={`${id}-add`} className="sr-only">
            Add a participant to layer {index + 1}
          </label>
          <select id={`${id}-add`} value={adding} onChange={(e) => setAdding(e.target.value)} className="oc-select">
            <option value="">Choose a team member…</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} ({m.email})
              </option>
            ))}
          </select>
          <Button
            size="sm"
            disabled={!adding}
            onClick={() => {
              onChange({ ...layer, participants: [...layer.participants, adding] });
              setAdding("");
            }}
          >
            Add participant
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => onChange({ ...layer, participants: [...layer.participants, null] })}
          >
            Add empty slot
          </Button>
        </div>
      </div>

      <div className="form-grid">
        <SelectField
          label="Active"
          name={`${id}-restrict`}
          value={preset}
          options={[
            { value: "none", label: "Around the clock" },
            { value: "daily", label: "Every day between…" },
            { value: "weekdays", label: "Monday–Friday between…" },
          ]}
          onChange={(e) =>
            onChange({ ...layer, restrictions: restriction(e.target.value as Preset, win.from, win.to) })
          }
          error={err("restrictions") ?? err("restrictions.kind")}
        />
        {preset !== "none" ? (
          <div className="row">
            <Field
              label="From"
              name={`${id}-rfrom`}
              type="time"
              value={win.from}
              onChange={(e) => onChange({ ...layer, restrictions: restriction(preset, e.target.value, win.to) })}
              error={err("restrictions.windows.0.from")}
            />
            <Field
              label="To"
              name={`${id}-rto`}
              type="time"
              value={win.to}
              onChange={(e) => onChange({ ...layer, restrictions: restriction(preset, win.from, e.target.value) })}
              error={err("restrictions.windows.0.to")}
            />
          </div>
        ) : null}
      </div>
      {err("id") ? <p className="field-error">{err("id")}</p> : null}
      <div>
        <Button size="sm" variant="danger" onClick={onRemove}>
          Remove layer {index + 1}
        </Button>
      </div>
    </fieldset>
  );
}

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
  const [layers, setLayers] = useState<LayerValue[]>(
    initial?.layers ?? [
      {
        name: "Primary",
        priority: 0,
        timezone: null,
        rotation: { unit: "week", every: 1, clock: "wall" },
        handoffTime: "09:00",
        startAt: defaultStartAt,
        participants: [],
        restrictions: null,
      },
    ],
  );
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
  const conflict =
    mutation.error instanceof ApiError && mutation.error.code === "CONFLICT" && Boolean(mutation.error.fields.version);
  const banner =
    clientErrors || (mutation.error instanceof ApiError && mutation.error.code === "VALIDATION")
      ? "Please correct the highlighted fields."
      : mutation.error
        ? errorMessage(mutation.error)
        : null;
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
        {editing ? (
          <Field label="Team" name="team-readonly" id="team" value={teamRow?.name ?? team} disabled />
        ) : (
          <SelectField
            label="Team"
            name="team"
            options={teams.map((t) => ({ value: t.slug, label: t.name }))}
            value={team}
            placeholder={teams.length === 1 ? undefined : "Choose a team"}
            onChange={(e) => {
              setTeam(e.target.value);
              const t = teams.find((x) => x.slug === e.target.value);
              if (t) setTimezone(t.timezone);
            }}
            error={errors.team}
          />
        )}
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
          onClick={() =>
            setLayers([
              ...layers,
              {
                name: `Layer ${layers.length + 1}`,
                priority: layers.length,
                timezone: null,
                rotation: { unit: "week", every: 1, clock: "wall" },
                handoffTime: "09:00",
                startAt: defaultStartAt,
                participants: [],
                restrictions: null,
              },
            ])
          }
        >
          Add a layer
        </Button>
      </div>
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={mutation.isPending}>
          {editing ? "Save changes" : "Create schedule"}
        </Button>
        <LinkButton href={cancelHref} variant="ghost">
          Cancel
        </LinkButton>
      </div>
    </form>
  );
}
