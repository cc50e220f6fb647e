import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { GettingStartedStep } from "@/lib/readiness/getting-started";

/** The empty install's checklist (issue 14): what to set up first, done steps ticked, instead of all-clear panels. */
export function GettingStarted({ steps }: { steps: GettingStartedStep[] }) {
  return (
    <section className="card" id="home-getting-started" aria-labelledby="home-getting-started-title">
      <header className="card-header">
        <h2 id="home-getting-started-title">Getting started</h2>
      </header>
      <div className="card-body">
        <p>Nothing to watch yet: this organisation has no team, service or SLO. Set them up, or load the demo.</p>
        <ol className="home-list" aria-label="Getting-started steps">
          {steps.map((s) => (
            <li key={s.key} data-step={s.key} data-done={s.done}>
              {s.done ? <Badge tone="success">done</Badge> : <Badge tone="neutral">to do</Badge>}{" "}
              {s.href ? <Link href={s.href}>{s.label}</Link> : <strong>{s.label}</strong>}
              <div className="small">{s.hint}</div>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
