import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField, type Option } from "@/components/ui/select";

type Props = {
  action: string;
  period: string;
  tz: string;
  errors?: Record<string, string>;
  /** When set, the form also chooses the team (the reports index). */
  teams?: Option[];
  team?: string;
};

/** GET form choosing the report's period (month or quarter) and time zone; inline errors per field. */
export function PeriodForm({ action, period, tz, errors = {}, teams, team }: Props) {
  return (
    <form method="get" action={action} className="filter-bar no-print" aria-label="Report period">
      {teams ? (
        <SelectField
          label="Team"
          name="team"
          options={teams}
          defaultValue={team ?? ""}
          placeholder="Choose a team"
          error={errors.team}
          required
        />
      ) : null}
      <Field
        label="Period"
        name="period"
        defaultValue={period}
        error={errors.period}
        hint="a month (2027-03) or a quarter (2027-Q1)"
        required
        pattern="\d{4}-(0[1-9]|1[0-2]|Q[1-4])"
      />
      <Field label="Time zone" name="tz" defaultValue={tz} error={errors.tz} hint="IANA name, e.g. Europe/Berlin" />
      <Button type="submit" variant="primary">
        Show report
      </Button>
    </form>
  );
}
