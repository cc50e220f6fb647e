"use client";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { BurndownBand } from "@/components/charts/burndown-chart";
import type { SloLedgerView } from "@/lib/services/slo/ledger";
import { formatCount, formatPercent } from "@/lib/slo/format";
import { sliceNoun } from "@/lib/slo/timeslice";

// The budget ledger table under the burndown: one row per incident and deploy of the window, the
// unattributed rest and the total consumed (the rows add up to it: every bad event is in exactly one row),
// plus what approved corrections excluded. Figures come from the API; nothing is computed here but labels.

const range = (from: string, to: string) =>
  `${from.slice(5, 16).replace("T", " ")} → ${to.slice(5, 16).replace("T", " ")} UTC`;
const KIND: Record<string, string> = { incident: "Incident", deploy: "Deploy", unattributed: "Rest" };

/** The ledger's incident and deploy ranges as burndown bands. */
export function ledgerBands(ledger: SloLedgerView | undefined): BurndownBand[] {
  return (ledger?.parts ?? []).flatMap((p) =>
    p.kind === "unattributed" ? [] : [{ kind: p.kind, from: Date.parse(p.from), to: Date.parse(p.to), label: p.label }],
  );
}

/** sliceMinutes: a timeslice SLO, whose events are slices (the ledger counts bad slices). */
export function SloLedgerTable({
  ledger,
  sliceMinutes = null,
}: {
  ledger: SloLedgerView;
  sliceMinutes?: number | null;
}) {
  const unit = sliceMinutes ? sliceNoun(sliceMinutes, 2) : "events";
  const rows = ledger.parts.filter((p) => p.kind === "unattributed" || p.bad > 0 || p.kind === "incident");
  const hidden = ledger.parts.length - rows.length;
  if (ledger.consumed === null) return <p className="muted">No traffic in this window yet, so no budget was spent.</p>;
  return (
    <>
      <Table caption="Budget ledger">
        <thead>
          <tr>
            <Th>Spent by</Th>
            <Th>Range</Th>
            <Th className="num">Bad {unit}</Th>
            <Th className="num">Share of the budget</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={`${p.kind}-${p.id ?? "rest"}`} data-ledger-kind={p.kind}>
              <Td>
                <Badge tone={p.kind === "incident" ? "danger" : p.kind === "deploy" ? "info" : "neutral"}>
                  {KIND[p.kind]}
                </Badge>{" "}
                {p.href ? <Link href={p.href}>{p.label}</Link> : p.label}
              </Td>
              <Td className="small">{p.kind === "unattributed" ? "everything else" : range(p.from, p.to)}</Td>
              <Td className="num">{formatCount(p.bad)}</Td>
              <Td className="num">{formatPercent(p.consumed, 1)}</Td>
            </tr>
          ))}
          <tr data-ledger-kind="total">
            <Th scope="row">Total consumed</Th>
            <Td className="small">{range(ledger.from, ledger.to)}</Td>
            <Td className="num">
              <strong>{formatCount(ledger.bad)}</strong>
            </Td>
            <Td className="num">
              <strong>{formatPercent(ledger.consumed, 1)}</strong>
            </Td>
          </tr>
          {ledger.excluded ? (
            <tr data-ledger-kind="excluded">
              <Td>Corrected (excluded)</Td>
              <Td className="small">{ledger.excluded.corrections} approved correction(s)</Td>
              <Td className="num">{formatCount(ledger.excluded.bad)}</Td>
              <Td className="num muted">not counted</Td>
            </tr>
          ) : null}
        </tbody>
      </Table>
      <p className="muted small">
        Each bad {sliceMinutes ? sliceNoun(sliceMinutes, 1) : "event"} is counted once: a correction first, then the
        incident that started first, then the deploy in force (until the next one or {ledger.deployHorizonHours} h),
        else the rest. Shares are of the {formatCount(ledger.allowedBadEvents)} bad {unit} the objective allows for{" "}
        {formatCount(ledger.total)} {sliceMinutes ? `measured ${unit}` : "events"}.
        {hidden ? ` ${hidden} deploy(s) without bad events are not listed.` : ""}
      </p>
    </>
  );
}

export function LedgerError({ message }: { message: string }) {
  return (
    <Alert tone="warning" title="Could not load the budget ledger">
      {message}
    </Alert>
  );
}
