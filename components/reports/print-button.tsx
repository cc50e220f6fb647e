"use client";
import { Button } from "@/components/ui/button";

/** Opens the browser's print dialog; the print stylesheet leaves only the report. */
export function PrintButton() {
  return (
    <Button onClick={() => window.print()} className="no-print">
      Print
    </Button>
  );
}
