import { Button, LinkButton } from "@/components/ui/button";
import type { Option } from "@/components/ui/select";

/** Plain GET form: filters live in the URL (?team=&q=), so results are shareable and work without JS. */
export function ServiceFilters({ teams, team, q }: { teams: Option[]; team?: string; q?: string }) {
  return (
    <form className="filter-bar" method="get" action="/services" role="search" aria-label="Filter services">
      <div className="field grow">
        <label htmlFor="filter-q">Search</label>
        <input id="filter-q" name="q" type="search" defaultValue={q} placeholder="Slug or name" />
      </div>
      <div className="field">
        <label htmlFor="filter-team">Owning team</label>
        <select id="filter-team" name="team" defaultValue={team ?? ""}>
          <option value="">All teams</option>
          {teams.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit">Apply</Button>
      {team || q ? (
        <LinkButton href="/services" variant="ghost">
          Reset
        </LinkButton>
      ) : null}
    </form>
  );
}
