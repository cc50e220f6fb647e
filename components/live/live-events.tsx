"use client";
import { useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { sloKeys } from "@/lib/query/slos";
import { LiveConnectedContext } from "./live-context";
import { desktopNotify, PageToasts, type PageToast } from "./page-toasts";

/**
 * Server-rendered pages that show SLO statuses or pages, refreshed when a matching event arrives. Not the
 * overview (/slos): its table refetches its own page over the API, and re-rendering 100 rows on the server
 * for every open tab at every event is exactly the cost the live stream is there to avoid.
 */
const SHOWS_SLOS = /^\/(slos\/[^/]+|home|services|scorecard|runbooks)(\/|$)/;
const SHOWS_PAGES = /^\/(oncall|home)(\/|$)/;
/** Several events in a burst cause one refresh, and refreshes are at least MIN_GAP_MS apart (a refresh of
 * thousands of SLOs stores and announces them batch by batch). */
const COALESCE_MS = 1_000;
const MIN_GAP_MS = 5_000;
/** Without a stream (blocked by a proxy, server restarting), server-rendered pages refresh this often. */
const FALLBACK_POLL_MS = 30_000;

/**
 * One live-events stream per tab (GET /api/v1/events): SLO status changes refetch the SLO queries and
 * refresh server-rendered pages showing them; pages addressed to the viewer become toasts and, when
 * allowed, desktop notifications. While the stream is down, pages fall back to a 30 s refresh.
 */
export function LiveEvents({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const path = useRef(pathname);
  path.current = pathname;
  const [connected, setConnected] = useState(false);
  const [toasts, setToasts] = useState<PageToast[]>([]);
  const pending = useRef<{
    slos: boolean;
    pages: boolean;
    ids: Set<string>;
    lastMs: number;
    timer: ReturnType<typeof setTimeout> | null;
  }>({ slos: false, pages: false, ids: new Set(), lastMs: 0, timer: null });

  const schedule = useCallback(
    (what: "slos" | "pages", sloIds: string[] = []) => {
      const p = pending.current;
      p[what] = true;
      for (const id of sloIds) p.ids.add(id);
      const wait = Math.max(COALESCE_MS, p.lastMs + MIN_GAP_MS - Date.now());
      p.timer ??= setTimeout(() => {
        if (p.slos) {
          // lists and statuses; a history (burndown) only of the SLOs that changed
          const ids = p.ids;
          void queryClient.invalidateQueries({
            queryKey: sloKeys.all,
            predicate: (q) => q.queryKey[1] === "list" || q.queryKey[1] === "status" || ids.has(String(q.queryKey[2])),
          });
        }
        if ((p.slos && SHOWS_SLOS.test(path.current)) || (p.pages && SHOWS_PAGES.test(path.current))) router.refresh();
        p.slos = p.pages = false;
        p.ids = new Set();
        p.lastMs = Date.now();
        p.timer = null;
      }, wait);
    },
    [queryClient, router],
  );

  useEffect(() => {
    const source = new EventSource("/api/v1/events");
    source.addEventListener("ready", () => setConnected(true));
    source.addEventListener("error", () => setConnected(false));
    source.addEventListener("slo-status", (e) => {
      const data = JSON.parse((e as MessageEvent<string>).data) as { sloIds?: unknown };
      schedule("slos", Array.isArray(data.sloIds) ? data.sloIds.map(String) : []);
    });
    source.addEventListener("page", (e) => {
      schedule("pages");
      const data = JSON.parse((e as MessageEvent<string>).data) as PageToast & { forYou: boolean };
      if (!data.forYou) return;
      const toast = { ...data, key: `${data.pageId}:${data.status}:${Date.now()}` };
      setToasts((ts) => [...ts.slice(-4), toast]);
      desktopNotify(toast);
    });
    return () => source.close();
  }, [schedule]);

  useEffect(() => {
    if (connected) return;
    const t = setInterval(() => {
      if (SHOWS_SLOS.test(path.current) || SHOWS_PAGES.test(path.current)) router.refresh();
    }, FALLBACK_POLL_MS);
    return () => clearInterval(t);
  }, [connected, router]);

  return (
    <LiveConnectedContext.Provider value={connected}>
      {children}
      <PageToasts toasts={toasts} dismiss={(key) => setToasts((ts) => ts.filter((t) => t.key !== key))} />
    </LiveConnectedContext.Provider>
  );
}
