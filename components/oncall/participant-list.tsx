"use client";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import type { Member } from "./schedule-model";

type Props = {
  /** Layer number (1-based), for the add control's label. */
  layerNumber: number;
  participants: (string | null)[];
  members: Member[];
  /** Messages about the participants (keys under layers.N.participants). */
  errors: [string, string][];
  onChange: (participants: (string | null)[]) => void;
};

/** A layer's participants in turn order: move up or down, remove, add a team member or an empty slot. */
export function ParticipantList({ layerNumber, participants, members, errors, onChange }: Props) {
  const id = useId();
  const [adding, setAdding] = useState("");
  const nameOf = (uid: string) => members.find((m) => m.id === uid)?.name ?? `(not in team) ${uid}`;
  const move = (from: number, to: number) => {
    const next = [...participants];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item ?? null);
    onChange(next);
  };
  return (
    <div className="field">
      <span className="field-label" id={`${id}-people`}>
        Participants, in turn order
      </span>
      {participants.length === 0 ? <p className="muted small">Nobody yet: this layer covers no one.</p> : null}
      <ol className="oc-participants" aria-labelledby={`${id}-people`}>
        {participants.map((uid, i) => (
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
                disabled={i === participants.length - 1}
                onClick={() => move(i, i + 1)}
              >
                ↓
              </Button>
              <Button
                size="sm"
                variant="ghost"
                aria-label={`Remove ${uid ? nameOf(uid) : "empty slot"}`}
                onClick={() => onChange(participants.filter((_, j) => j !== i))}
              >
                ✕
              </Button>
            </span>
          </li>
        ))}
      </ol>
      {errors.map(([k, m]) => (
        <p key={k} className="field-error">
          {m}
        </p>
      ))}
      <div className="row">
        <label htmlFor={`${id}-add`} className="sr-only">
          Add a participant to layer {layerNumber}
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
            onChange([...participants, adding]);
            setAdding("");
          }}
        >
          Add participant
        </Button>
        <Button size="sm" variant="ghost" onClick={() => onChange([...participants, null])}>
          Add empty slot
        </Button>
      </div>
    </div>
  );
}
