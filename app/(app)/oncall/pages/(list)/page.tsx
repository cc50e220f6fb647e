import type { Metadata } from "next";
import Link from "next/link";
import { Forbidden } from "@/components/forbidden";
import { ActionButton } from "@/components/oncall/action-button";
import { PAGE_STATUS_TONE as STATUS_TONE } from "@/components/oncall/page-status";
import { Badge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { ActionsTh, Table, Td, Th } from "@/components/ui/table";
import { listPages } from "@/lib/services/oncall/pages";
import { load, pageParam, textParam, type SearchParams } from "../../../_lib/load";
import { pageActor } from "../../../_lib/page-actor";

export const metadata: Metadata = { title: "Pages" };
const PAGE_SIZE = 25;
const FILTERS = [
  { value: "open", label: "Open" },
  { value: "triggered", label: "Triggered" },
  { value: "acknowledged", label: "Acknowledged" },
  { value: "resolved", label: "Resolved" },
  { value: "all", label: "All" },
] as const;

export default async function PagesPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor();
  const sp = await searchParams;
  const raw = textParam(sp.status) ?? "open";
  const status = FILTERS.some((f) => f.value === raw) ? raw : "open";
  const service = textParam(sp.service);
  const page = pageParam(sp.page);
  const res = await load(() =>
    listPages(actor, { status: status === "all" ? undefined : (status as "open"), service, page, pageSize: PAGE_SIZE }),
  );
  if (!res.ok) return <Forbidden title="Pages" message={res.forbidden} />;
  const pages = res.data;
  return (
    <>
      <PageHeader
        title="Pages"
        crumbs={[{ href: "/oncall", label: "On-call" }]}
        description="Alert groups from Alertmanager: one page per group, escalated until someone acknowledges it."
      />
      <nav className="oc-tabs" aria-label="Filter pages by status">
        {FILTERS.map((f) => (
          <Link
            key={f.value}
            href={`/oncall/pages?status=${f.value}${service ? `&service=${service}` : ""}`}
            aria-current={f.value === status ? "page" : undefined}
            className={f.value === status ? "nav-link active" : "nav-link"}
          >
            {f.label}
          </Link>
        ))}
      </nav>
      {pages.items.length === 0 ? (
        <EmptyState
          title={status === "open" ? "No open pages" : "No pages here"}
          action={status !== "all" ? <LinkButton href="/oncall/pages?status=all">Show all pages</LinkButton> : null}
        >
          Pages open when Alertmanager sends an alert group to the integration webhook (POST
          /api/v1/integrations/alertmanager).
        </EmptyState>
      ) : (
        <>
          <Table caption="Pages">
            <thead>
              <tr>
                <Th>Status</Th>
                <Th>Alert</Th>
                <Th>Service</Th>
                <Th>Opened</Th>
                <Th>Paged</Th>
                <Th>Step</Th>
                <Th className="num">Deliveries</Th>
                <ActionsTh />
              </tr>
            </thead>
            <tbody>
              {pages.items.map((p) => (
                <tr key={p.id}>
                  <Td>
                    <Badge tone={STATUS_TONE[p.status] ?? "neutral"}>{p.status}</Badge>
                  </Td>
                  <Td>
                    <Link href={`/oncall/pages/${p.id}`}>{p.title}</Link> <Badge>{p.severity}</Badge>
                  </Td>
                  <Td>
                    {p.service ? (
                      <Link href={`/services/${p.service.slug}`}>{p.service.name}</Link>
                    ) : (
                      <Badge tone="warning">unrouted</Badge>
                    )}
                  </Td>
                  <Td className="nowrap">
                    <LocalTime iso={p.openedAt} />
                  </Td>
                  <Td>
                    {p.notified.length ? (
                      p.notified.map((u) => u.name).join(", ")
                    ) : (
                      <span className="muted">nobody</span>
                    )}
                  </Td>
                  <Td className="num">
                    {p.currentStep + 1}
                    {p.round ? ` (pass ${p.round + 1})` : ""}
                  </Td>
                  <Td className="num">{p.deliveries}</Td>
                  <Td className="nowrap">
                    {p.status === "triggered" ? (
                      <ActionButton variant="primary" path={`/api/v1/pages/${p.id}/ack`} label="Acknowledge" />
                    ) : null}
                    {p.status !== "resolved" ? (
                      <ActionButton path={`/api/v1/pages/${p.id}/resolve`} label="Resolve" />
                    ) : null}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination
            basePath="/oncall/pages"
            params={{ status, service }}
            page={page}
            pageSize={PAGE_SIZE}
            total={pages.total}
          />
        </>
      )}
    </>
  );
}
