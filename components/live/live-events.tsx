"use client";
import { useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { sloKeys } from "@/lib/query/slos";
import { LiveConnectedContext } from "./live-context";
import { desktopNotify, PageToasts, type PageToast } from "./page-toasts";

/** Server-rendered pages that show SLO statuses or pages, refreshed when a matching event arrives. */
const SHOWS_SLOS = /^\/(slos|home|services|scorecard|runbooks)(\/|$)/;
const SHOWS_PAGES = /^\/(oncall|home)(\/|$)/;
/** Several events in a burst cause one refresh. */
const COALESCE_MS = 1_000;
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
  const pending = useRef<{ slos: boolean; pages: boolean; timer: ReturnType<typeof setTimeout> | null }>({
    slos: false,
    pages: false,
    timer: null,
  });

  const schedule = useCallback(
    (what: "slos" | "pages") => {
      const p = pending.current;
      p[what] = true;
      p.timer ??= setTimeout(() => {
        if (p.slos) void queryClient.invalidateQueries({ queryKey: sloKeys.all });
        if ((p.slos && SHOWS_SLOS.test(path.current)) || (p.pages && SHOWS_PAGES.test(path.current))) router.refresh();
        p.slos = p.pages = false;
        p.timer = null;
      }, COALESCE_MS);
    },
    [queryClient, router],
  );

  useEffect(() => {
    const source = new EventSource("/api/v1/events");
    source.addEventListener("ready", () => setConnected(true));
    source.addEventListener("error", () => setConnected(false));
    source.addEventListener("slo-status", () => schedule("slos"));
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
