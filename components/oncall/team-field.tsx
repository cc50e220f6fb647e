"use client";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";

type Props = {
  teams: { slug: string; name: string }[];
  value: string;
  /** An edit: the owning team is fixed and shown read-only. */
  editing: boolean;
  onChange: (slug: string) => void;
  error?: string;
};

/** The team that owns a schedule or policy: chosen on create (preset when there is only one), fixed after. */
export function TeamField({ teams, value, editing, onChange, error }: Props) {
  if (editing) {
    const name = teams.find((t) => t.slug === value)?.name ?? value;
    return <Field label="Team" name="team-readonly" id="team" value={name} disabled />;
  }
  return (
    <SelectField
      label="Team"
      name="team"
      options={teams.map((t) => ({ value: t.slug, label: t.name }))}
      value={value}
      placeholder={teams.length === 1 ? undefined : "Choose a team"}
      onChange={(e) => onChange(e.target.value)}
      error={error}
    />
  );
}
