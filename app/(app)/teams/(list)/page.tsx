import type { Metadata } from "next";
import Link from "next/link";
import { Forbidden } from "@/components/forbidden";
import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { isAdmin } from "@/lib/auth/permissions";
import { listTeams } from "@/lib/services/teams";
import { load, pageParam, type SearchParams } from "../../_lib/load";
import { pageActor } from "../../_lib/page-actor";

export const metadata: Metadata = { title: "Teams" };
const PAGE_SIZE = 50;

export default async function TeamsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor();
  const page = pageParam((await searchParams).page);
  const res = await load(() => listTeams(actor, { page, pageSize: PAGE_SIZE }));
  if (!res.ok) return <Forbidden title="Teams" message={res.forbidden} />;
  const teams = res.data.items;
  const create = isAdmin(actor) ? (
    <LinkButton href="/teams/new" variant="primary">
      Create team
    </LinkButton>
  ) : null;
  return (
    <>
      <PageHeader
        title="Teams"
        description="Teams own services and staff on-call rotations."
        actions={res.data.total > 0 ? create : null}
      />
      {teams.length === 0 ? (
        <EmptyState title="No teams yet" action={create}>
          {create ? "Create a team first: services and rotations belong to one." : "An admin creates teams."}
        </EmptyState>
      ) : (
        <>
          <Table caption="Teams">
            <thead>
              <tr>
                <Th>Slug</Th>
                <Th>Name</Th>
                <Th>Time zone</Th>
                <Th className="num">Services</Th>
                <Th className="num">Members</Th>
              </tr>
            </thead>
            <tbody>
              {teams.map((t) => (
                <tr key={t.id}>
                  <Td>
                    <Link href={`/teams/${t.slug}`} className="mono">
                      {t.slug}
                    </Link>
                  </Td>
                  <Td>{t.name}</Td>
                  <Td>{t.timezone}</Td>
                  <Td className="num">{t._count.services}</Td>
                  <Td className="num">{t._count.memberships}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination basePath="/teams" page={res.data.page} pageSize={res.data.pageSize} total={res.data.total} />
        </>
      )}
    </>
  );
}
