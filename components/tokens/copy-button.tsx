"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies text to the clipboard and says so (announced to screen readers). */
export function CopyButton({ text }: { text: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  }
  return (
    <>
      <Button size="sm" onClick={() => void copy()}>
        Copy
      </Button>
      <span role="status" className="small muted">
        {state === "copied" ? "Copied" : state === "failed" ? "Copy failed; select the text instead" : ""}
      </span>
    </>
  );
}
