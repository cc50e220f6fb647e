import type { Metadata } from "next";
import Link from "next/link";
import { AuditDiff } from "@/components/admin/audit-diff";
import { Forbidden } from "@/components/forbidden";
import { Badge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { formatUtc } from "@/components/ui/format-time";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { isAdmin } from "@/lib/auth/permissions";
import { listAudit } from "@/lib/services/audit";
import { load, pageParam, textParam, type SearchParams } from "../../_lib/load";
import { pageActor } from "../../_lib/page-actor";

export const metadata: Metadata = { title: "Audit log" };
const PAGE_SIZE = 50;

const tone = (action: string) =>
  action.endsWith(".delete") || action.endsWith(".revoke")
    ? "danger"
    : action.endsWith(".create")
      ? "success"
      : "neutral";

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor();
  if (!isAdmin(actor)) return <Forbidden title="Audit log" message="Only admins can read the audit log." />;
  const sp = await searchParams;
  const filters = { entityType: textParam(sp.entityType), entityId: textParam(sp.entityId) };
  const page = pageParam(sp.page);
  const res = await load(() => listAudit(actor, { ...filters, page, pageSize: PAGE_SIZE }));
  if (!res.ok) return <Forbidden title="Audit log" message={res.forbidden} />;
  const rows = res.data.items;
  const filtered = Boolean(filters.entityType || filters.entityId);
  return (
    <>
      <PageHeader
        title="Audit log"
        crumbs={[{ href: "/admin", label: "Admin" }]}
        description={
          filtered
            ? `Changes to ${filters.entityType ?? "any"} ${filters.entityId ?? ""}`
            : "Every change, newest first. Times are shown in UTC and in your local time."
        }
        actions={filtered ? <LinkButton href="/admin/audit">Show all</LinkButton> : null}
      />
      {rows.length === 0 ? (
        <EmptyState title="No audit events" />
      ) : (
        <>
          <Table caption="Audit events">
            <thead>
              <tr>
                <Th>Time (UTC)</Th>
                <Th>Local time</Th>
                <Th>Actor</Th>
                <Th>Action</Th>
                <Th>Entity</Th>
                <Th>Changes</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => {
                return (
                  <tr key={e.id}>
                    <Td className="nowrap mono">{formatUtc(e.at)}</Td>
                    <Td className="nowrap">
                      <LocalTime iso={e.at} utcFallback={false} />
                    </Td>
                    <Td>{e.actorLabel}</Td>
                    <Td>
                      <Badge tone={tone(e.action)}>{e.action}</Badge>
                    </Td>
                    <Td>
                      <Link
                        href={`/admin/audit?entityType=${encodeURIComponent(e.entityType)}&entityId=${encodeURIComponent(e.entityId)}`}
                        title="Show the history of this entity"
                      >
                        {e.entityType} <span className="mono muted">{e.entityId.slice(0, 10)}</span>
                      </Link>
                    </Td>
                    <Td>
                      <AuditDiff before={e.before} after={e.after} />
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
          <Pagination
            basePath="/admin/audit"
            params={filters}
            page={res.data.page}
            pageSize={res.data.pageSize}
            total={res.data.total}
          />
        </>
      )}
    </>
  );
}
