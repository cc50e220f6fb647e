"use client";
import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api";
import type { Page } from "@/lib/validation/common";

/** What the overview's Service select offers; `needTeam`: too many services to list, choose a team first. */
export type ServiceOptions = { slugs: string[]; needTeam: boolean };

/**
 * The services the Service filter offers: from the page's list when the organisation is small, else the
 * chosen team's (one request per team, kept by TanStack Query) — so the page never carries every service.
 * The current value is always offered, so a filter from the URL stays visible.
 */
export function useServiceOptions(
  all: { slug: string; team: string }[] | null,
  team: string,
  current: string,
): ServiceOptions {
  const perTeam = useQuery({
    queryKey: ["services-of-team", team],
    queryFn: () => apiFetch<Page<{ slug: string }>>(`/api/v1/services?team=${encodeURIComponent(team)}&pageSize=200`),
    enabled: all === null && team !== "",
    staleTime: 60_000,
  });
  return useMemo(() => {
    const slugs = all
      ? all.filter((s) => !team || s.team === team).map((s) => s.slug)
      : team
        ? (perTeam.data?.items.map((s) => s.slug) ?? [])
        : null;
    const withCurrent = (list: string[]) => (current && !list.includes(current) ? [current, ...list] : list);
    return slugs === null ? { slugs: withCurrent([]), needTeam: true } : { slugs: withCurrent(slugs), needTeam: false };
  }, [all, team, current, perTeam.data]);
}
