import Link from "next/link";
import type { ScorecardView as Scorecard } from "@/lib/validation/views/reports";
import { CheckBadge } from "./scorecard-view";

/** Organisation-wide checks (backups restored) above the teams; they do not count in any team's score. */
export function PlatformChecks({ checks }: { checks: Scorecard["platform"] }) {
  if (!checks.length) return null;
  return (
    <section className="card" aria-labelledby="platform-checks">
      <header className="card-header">
        <h2 id="platform-checks">Organisation</h2>
      </header>
      <div className="card-body">
        <ul className="stack">
          {checks.map((c) => (
            <li key={c.key}>
              <div className="row">
                <CheckBadge check={c} />
                <strong>{c.title}</strong>
                <Link href={c.link.href}>{c.link.label}</Link>
              </div>
              <p>{c.reason}</p>
              {c.details.length ? <p className="muted small">{c.details.join(" · ")}</p> : null}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
