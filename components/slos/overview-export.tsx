"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/lib/query/api";
import { fetchAllMatching, type SloPageParams } from "@/lib/query/slos";
import { buildRows, rowsToCsv } from "./overview-rows";

type Query = Omit<SloPageParams, "page" | "pageSize">;

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

type Props = {
  /** The filters and order of the list on screen: the file holds every SLO they match, not just the page. */
  query: Query;
  total: number;
  onError: (message: string | null) => void;
};

/** "Export CSV": loads every matching SLO page by page (with progress), then downloads them as one file. */
export function ExportCsvButton({ query, total, onError }: Props) {
  const [exporting, setExporting] = useState<{ loaded: number; total: number } | null>(null);
  const exportCsv = async () => {
    onError(null);
    setExporting({ loaded: 0, total });
    try {
      const all = await fetchAllMatching(query, (loaded, of) => setExporting({ loaded, total: of }));
      download(`slos-${new Date().toISOString().slice(0, 10)}.csv`, rowsToCsv(buildRows(all)));
    } catch (err) {
      onError(errorMessage(err));
    } finally {
      setExporting(null);
    }
  };
  return (
    <Button
      onClick={() => void exportCsv()}
      disabled={total === 0 || exporting !== null}
      aria-busy={exporting !== null}
    >
      {exporting ? (
        <>
          <span className="spinner" aria-hidden="true" /> Exporting {exporting.loaded} of {exporting.total}…
        </>
      ) : (
        "Export CSV"
      )}
    </Button>
  );
}
