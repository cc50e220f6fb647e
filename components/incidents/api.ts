import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api";
import type { ActionItemView, IncidentView, PersonView, TimelineEntryView } from "@/lib/validation/views/incidents";
import type { ImpactSnapshotView, PostmortemView } from "@/lib/validation/views/postmortems";

/**
 * Browser-side access to the incident API: JSON shapes (types only; nothing of the server is bundled),
 * query keys and hooks. Every mutation invalidates `incidentKeys.incident(id)`, which covers the
 * incident, its timeline, people and postmortem.
 */
export type { IncidentView, ImpactSnapshotView, PostmortemView, TimelineEntryView, ActionItemView };
export type Person = PersonView;

export const incidentKeys = {
  all: ["incidents"] as const,
  incident: (id: string) => ["incidents", id] as const,
  timeline: (id: string) => ["incidents", id, "timeline"] as const,
  people: (id: string) => ["incidents", id, "people"] as const,
  postmortem: (id: string) => ["incidents", id, "postmortem"] as const,
};

export function useIncident(id: string, initialData: IncidentView) {
  return useQuery({
    queryKey: incidentKeys.incident(id),
    queryFn: () => apiFetch<IncidentView>(`/api/v1/incidents/${id}`),
    initialData,
  });
}

export function useTimeline(id: string, initialData: TimelineEntryView[]) {
  return useQuery({
    queryKey: incidentKeys.timeline(id),
    queryFn: async () => (await apiFetch<{ items: TimelineEntryView[] }>(`/api/v1/incidents/${id}/timeline`)).items,
    initialData,
  });
}

export function usePeople(id: string, enabled = true) {
  return useQuery({
    queryKey: incidentKeys.people(id),
    queryFn: async () => (await apiFetch<{ items: Person[] }>(`/api/v1/incidents/${id}/people`)).items,
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function usePostmortem(incidentId: string, initialData: PostmortemView) {
  return useQuery({
    queryKey: incidentKeys.postmortem(incidentId),
    queryFn: () => apiFetch<PostmortemView>(`/api/v1/incidents/${incidentId}/postmortem`),
    initialData,
  });
}
