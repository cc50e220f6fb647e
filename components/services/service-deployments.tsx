import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import type { Actor } from "@/lib/auth/permissions";
import { listDeployments } from "@/lib/services/deployments";

const TONE: Record<string, BadgeTone> = {
  succeeded: "success",
  started: "info",
  failed: "danger",
  rolled_back: "warning",
};

/** The service's deployments of the last 30 days (recorded by `srecp deploy record` or POST /api/v1/deployments). */
export async function ServiceDeployments({ actor, slug }: { actor: Actor; slug: string }) {
  const { items } = await listDeployments(actor, { service: slug, limit: 10, from: undefined, to: undefined });
  return (
    <Card title="Deployments (30 days)">
      {items.length === 0 ? (
        <EmptyState title="No deployments recorded">
          Record them from the pipeline with <code>srecp deploy record --service {slug} --version …</code>; they appear
          here and as markers on the SLO charts.
        </EmptyState>
      ) : (
        <ul className="version-list">
          {items.map((d) => (
            <li key={d.id} className="row">
              <span className="mono">{d.version}</span>
              <Badge tone={TONE[d.status] ?? "neutral"}>{d.status.replace("_", " ")}</Badge>
              <span className="muted small">{d.environment}</span>
              <LocalTime iso={d.at} />
              {d.link ? (
                <a href={d.link} target="_blank" rel="noreferrer">
                  details
                </a>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
