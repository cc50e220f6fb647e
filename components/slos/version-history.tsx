import { Badge, type BadgeTone } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { definitionChanges } from "@/lib/slo/format";
import type { SloVersionItem } from "@/lib/query/slos";
import { DefinitionDiff } from "./definition-diff";

const TONE: Record<string, BadgeTone> = {
  active: "success",
  pending: "info",
  superseded: "neutral",
  rejected: "danger",
  withdrawn: "neutral",
};
const LABEL: Record<string, string> = {
  active: "In force",
  pending: "Awaiting sign-off",
  superseded: "Superseded",
  rejected: "Rejected",
  withdrawn: "Withdrawn",
};

export const versionStatusBadge = (status: string) => (
  <Badge tone={TONE[status] ?? "neutral"}>{LABEL[status] ?? status}</Badge>
);

/** Every version, newest first: what changed against the one before, who proposed it, who signed it and when. */
export function VersionHistory({ versions }: { versions: SloVersionItem[] }) {
  if (!versions.length) return <p className="muted">No versions.</p>;
  return (
    <ol className="version-list">
      {versions.map((v, i) => {
        const previous = versions[i + 1] ?? null;
        const changes = definitionChanges(previous, v);
        return (
          <li key={v.number} className="version-item" data-version={v.number}>
            <div className="row">
              <strong>Version {v.number}</strong>
              {versionStatusBadge(v.status)}
              <span className="muted small">
                proposed by {v.createdBy} · <LocalTime iso={v.createdAt} />
              </span>
            </div>
            {v.reviewedBy || v.reviewedAt ? (
              <p className="small">
                {v.status === "rejected" ? "Rejected" : "Signed off"} by <strong>{v.reviewedBy ?? "system"}</strong>
                {v.reviewedAt ? (
                  <>
                    {" "}
                    · <LocalTime iso={v.reviewedAt} />
                  </>
                ) : null}
                {v.reviewComment ? <> — “{v.reviewComment}”</> : null}
              </p>
            ) : v.status === "pending" ? (
              <p className="small muted">Not signed off yet.</p>
            ) : null}
            {changes.length ? (
              <DefinitionDiff
                changes={changes}
                fieldHead={previous ? `Changed from v${previous.number}` : "Definition"}
                beforeHead={previous ? "Before" : undefined}
                afterHead={previous ? "After" : "Value"}
              />
            ) : previous ? (
              <p className="small muted">Same definition as version {previous.number}.</p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
