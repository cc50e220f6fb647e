"use client";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import { fromLocalInput, toLocalInput } from "./format";
import { ParticipantList } from "./participant-list";
import { presetOf, restriction, windowOf, type LayerValue, type Member, type Preset } from "./schedule-model";

const UNITS = [
  { value: "hour", label: "hours" },
  { value: "day", label: "days" },
  { value: "week", label: "weeks" },
];

/** One layer of a schedule: its rotation, participants and the hours it is active. */
export function LayerEditor({
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
  const preset = presetOf(layer.restrictions);
  const win = windowOf(layer.restrictions);
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

      <ParticipantList
        layerNumber={index + 1}
        participants={layer.participants}
        members={members}
        errors={participantErrors}
        onChange={(participants) => onChange({ ...layer, participants })}
      />

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
