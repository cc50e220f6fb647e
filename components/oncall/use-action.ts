"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/query/api";

/**
 * A POST/PATCH/DELETE against the API that refreshes the server-rendered page when it succeeds (the
 * on-call pages are server components; the refresh re-reads them through the same services).
 */
export function useApiAction<T = unknown>(method: string, path: string, onDone?: (data: T) => void) {
  const router = useRouter();
  return useMutation({
    mutationFn: (body?: unknown) => apiFetch<T>(path, { method, ...(body === undefined ? {} : { body }) }),
    onSuccess: (data) => {
      onDone?.(data);
      router.refresh();
    },
  });
}
