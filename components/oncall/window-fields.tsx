import { Field } from "@/components/ui/field";

type Props = {
  /** Prefix of the inputs' ids ("cover" → cover-start, cover-end). */
  idPrefix: string;
  /** The schedule's zone, in which the times are entered (named in the labels). */
  tz: string;
  defaultStart: string;
  defaultEnd: string;
  errors: Record<string, string | undefined>;
};

/** From/until of a window on a schedule, as startAt/endAt datetime-local inputs read in the schedule's zone. */
export function WindowFields({ idPrefix, tz, defaultStart, defaultEnd, errors }: Props) {
  return (
    <>
      <Field
        label={`From (${tz})`}
        name="startAt"
        id={`${idPrefix}-start`}
        type="datetime-local"
        defaultValue={defaultStart}
        error={errors.startAt}
      />
      <Field
        label={`Until (${tz})`}
        name="endAt"
        id={`${idPrefix}-end`}
        type="datetime-local"
        defaultValue={defaultEnd}
        error={errors.endAt}
      />
    </>
  );
}
