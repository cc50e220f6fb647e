import Link from "next/link";
import { Table, Td, Th } from "@/components/ui/table";
import { TierBadge } from "./tier-badge";

type Service = {
  id: string;
  slug: string;
  name: string;
  tier: number;
  team: { slug: string; name: string };
  runbookUrl: string | null;
  repoUrl: string | null;
  dashboardUrl: string | null;
};

type Props = {
  caption: string;
  services: Service[];
  /** The catalog's columns: the owning team and the links (runbook, repo, dashboard); a team's page has neither. */
  catalog?: boolean;
};

/** Services by slug, name and tier, each linked to its page. */
export function ServiceTable({ caption, services, catalog = false }: Props) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Slug</Th>
          <Th>Name</Th>
          {catalog ? <Th>Team</Th> : null}
          <Th>Tier</Th>
          {catalog ? <Th>Links</Th> : null}
        </tr>
      </thead>
      <tbody>
        {services.map((s) => (
          <tr key={s.id}>
            <Td>
              <Link href={`/services/${s.slug}`} className="mono">
                {s.slug}
              </Link>
            </Td>
            <Td>{s.name}</Td>
            {catalog ? (
              <Td>
                <Link href={`/teams/${s.team.slug}`}>{s.team.name}</Link>
              </Td>
            ) : null}
            <Td>
              <TierBadge tier={s.tier} />
            </Td>
            {catalog ? (
              <Td>
                <ServiceLinks service={s} />
              </Td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function ServiceLinks({ service: s }: { service: Service }) {
  const links = [
    { href: s.runbookUrl, label: "Runbook" },
    { href: s.repoUrl, label: "Repo" },
    { href: s.dashboardUrl, label: "Dashboard" },
  ];
  return (
    <span className="link-list">
      {links.map((l) =>
        l.href ? (
          <a key={l.label} href={l.href} target="_blank" rel="noreferrer">
            {l.label}
          </a>
        ) : null,
      )}
      {links.every((l) => !l.href) ? <span className="muted">—</span> : null}
    </span>
  );
}
