import { DateTime } from "luxon";
import { colorSlot, formatRange } from "./format";

// The schedule timeline: one row per layer, one for overrides and one for the final schedule, as
// horizontal bars over the window (plain HTML/CSS, rendered on the server). Times are in the schedule zone.

type Ref = { id: string; name: string };
export type TimelineData = {
  from: string;
  to: string;
  segments: { start: string; end: string; users: Ref[]; source: { kind: string } }[];
  layers: { id: string; name: string; priority: number; shifts: { user: Ref | null; start: string; end: string }[] }[];
  overrides: { id: string; kind: string; user: Ref; replaces: Ref | null; start: string; end: string }[];
};

type Bar = { key: string; start: string; end: string; label: string; className: string };

function Row({
  label,
  bars,
  from,
  to,
  tz,
  hint,
}: {
  label: string;
  bars: Bar[];
  from: number;
  to: number;
  tz: string;
  hint?: string;
}) {
  const span = to - from;
  return (
    <div className="oc-tl-row" role="row">
      <div className="oc-tl-label" role="rowheader">
        {label}
        {hint ? <span className="muted small"> {hint}</span> : null}
      </div>
      <div className="oc-tl-track" role="cell">
        {bars.length === 0 ? <span className="oc-tl-none muted small">nothing in this window</span> : null}
        {bars.map((b) => {
          const s = Math.max(Date.parse(b.start), from);
          const e = Math.min(Date.parse(b.end), to);
          if (e <= s) return null;
          const text = `${b.label}: ${formatRange(b.start, b.end, tz)}`;
          return (
            <div
              key={b.key}
              className={`oc-bar ${b.className}`}
              style={{ left: `${((s - from) / span) * 100}%`, width: `${((e - s) / span) * 100}%` }}
              title={text}
              aria-label={text}
            >
              <span className="oc-bar-text">{b.label}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}

const names = (users: Ref[]) => users.map((u) => u.name).join(" + ");

/** Layers, overrides and the final schedule over [data.from, data.to) with day lines and a "now" marker. */
export function ScheduleTimeline({ data, tz, nowIso }: { data: TimelineData; tz: string; nowIso: string }) {
  const from = Date.parse(data.from);
  const to = Date.parse(data.to);
  const span = to - from;
  const now = Date.parse(nowIso);
  const days: { ms: number; label: string }[] = [];
  for (let d = DateTime.fromMillis(from, { zone: tz }).startOf("day"); d.toMillis() < to; d = d.plus({ days: 1 })) {
    if (d.toMillis() >= from) days.push({ ms: d.toMillis(), label: d.toFormat("ccc d") });
  }
  const overlay = (
    <div className="oc-tl-overlay" aria-hidden="true">
      {days.map((d) => (
        <div key={d.ms} className="oc-tl-day" style={{ left: `${((d.ms - from) / span) * 100}%` }}>
          <span>{d.label}</span>
        </div>
      ))}
      {now >= from && now < to ? (
        <div className="oc-tl-now" style={{ left: `${((now - from) / span) * 100}%` }} title="now" />
      ) : null}
    </div>
  );
  const final: Bar[] = data.segments.map((s, i) => ({
    key: `f${i}`,
    start: s.start,
    end: s.end,
    label: s.users.length ? names(s.users) : "Nobody on call",
    className: s.users.length
      ? `oc-c${colorSlot(s.users[0]!.id)}${s.source.kind === "override" ? " oc-bar-override" : ""}`
      : "oc-bar-gap",
  }));
  return (
    <div
      className="oc-timeline"
      role="table"
      aria-label={`On-call timeline ${formatRange(data.from, data.to, tz)} (${tz})`}
    >
      <div className="oc-tl-row oc-tl-head" role="row">
        <div className="oc-tl-label" role="columnheader">
          {tz}
        </div>
        <div className="oc-tl-track" role="columnheader">
          {overlay}
        </div>
      </div>
      {data.layers.map((layer) => (
        <Row
          key={layer.id}
          label={layer.name}
          hint={`priority ${layer.priority}`}
          from={from}
          to={to}
          tz={tz}
          bars={layer.shifts.map((s, i) => ({
            key: `${layer.id}-${i}`,
            start: s.start,
            end: s.end,
            label: s.user ? s.user.name : "Empty slot",
            className: s.user ? `oc-c${colorSlot(s.user.id)}` : "oc-bar-empty",
          }))}
        />
      ))}
      <Row
        label="Overrides"
        from={from}
        to={to}
        tz={tz}
        bars={data.overrides.map((o) => ({
          key: o.id,
          start: o.start,
          end: o.end,
          label:
            o.kind === "replace"
              ? o.replaces
                ? `${o.user.name} for ${o.replaces.name}`
                : `${o.user.name} (everyone)`
              : o.kind === "add"
                ? `+ ${o.user.name}`
                : `− ${o.user.name}`,
          className: `oc-c${colorSlot(o.user.id)} oc-bar-override`,
        }))}
      />
      <Row label="Final schedule" from={from} to={to} tz={tz} bars={final} />
    </div>
  );
}
