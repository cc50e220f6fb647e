"use client";
import type { ReactNode } from "react";
import type { SloSortKey } from "@/lib/validation/slo";
import type { Filters } from "./overview-rows";
import type { ServiceOptions } from "./service-options";
import { columnLabel, type OverviewSort } from "./overview-table";

const SORTS: { value: string; label: string }[] = [
  { value: "remaining:asc", label: "Budget left, least first" },
  { value: "burn:desc", label: "Fastest burn first" },
  { value: "state:asc", label: "Policy state, worst first" },
  { value: "service:asc", label: "Service" },
  { value: "name:asc", label: "SLO name" },
  { value: "team:asc", label: "Team" },
];
const STATES = [
  { value: "healthy", label: "Healthy" },
  { value: "at_risk", label: "At risk" },
  { value: "no_data", label: "No data" },
  { value: "frozen", label: "Frozen" },
  { value: "pending", label: "Awaiting sign-off" },
];

type Props = {
  filters: Filters;
  onFilter: (k: keyof Filters, value: string) => void;
  sort: OverviewSort;
  onSort: (sort: OverviewSort) => void;
  teams: string[];
  /** The services of the chosen team (all services without one, unless there are too many). */
  services: ServiceOptions;
  /** The export button, at the end of the bar. */
  children: ReactNode;
};

/** The overview's filter bar: text search, team, service and policy state, and the sort order. */
export function OverviewFilters({ filters, onFilter, sort, onSort, teams, services, children }: Props) {
  const current = `${sort.key}:${sort.dir}`;
  return (
    <div className="filter-bar" role="search" aria-label="Filter SLOs">
      <div className="field grow">
        <label htmlFor="slo-q">Search</label>
        <input
          id="slo-q"
          type="search"
          value={filters.q}
          onChange={(e) => onFilter("q", e.target.value)}
          placeholder="SLO or service name"
          autoComplete="off"
          maxLength={200}
        />
      </div>
      <FilterSelect
        id="slo-team"
        label="Team"
        all="All teams"
        value={filters.team}
        onChange={(v) => onFilter("team", v)}
        options={teams.map((t) => ({ value: t, label: t }))}
      />
      <FilterSelect
        id="slo-service"
        label="Service"
        all={services.needTeam ? "All services (choose a team to pick one)" : "All services"}
        value={filters.service}
        onChange={(v) => onFilter("service", v)}
        options={services.slugs.map((s) => ({ value: s, label: s }))}
      />
      <FilterSelect
        id="slo-state"
        label="Policy state"
        all="Any state"
        value={filters.state}
        onChange={(v) => onFilter("state", v)}
        options={STATES}
      />
      <div className="field">
        <label htmlFor="slo-sort">Sort by</label>
        <select
          id="slo-sort"
          value={current}
          onChange={(e) => {
            const [key, dir] = e.target.value.split(":");
            onSort({ key: key as SloSortKey, dir: dir as "asc" | "desc" });
          }}
        >
          {SORTS.some((o) => o.value === current) ? null : (
            <option value={current}>
              {columnLabel(sort.key)}, {sort.dir === "asc" ? "ascending" : "descending"}
            </option>
          )}
          {SORTS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      {children}
    </div>
  );
}

type SelectProps = {
  id: string;
  label: string;
  /** The first option, which filters nothing out. */
  all: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
};

function FilterSelect({ id, label, all, value, onChange, options }: SelectProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
