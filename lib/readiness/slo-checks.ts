import { alertsSkippedReason } from "@/lib/slo";
import { result, type CheckResult, type ServiceRef } from "./types";

// Checks (a) and (b): "SLOs published per service, with executive sign-off" and "every alert has a runbook;
// no runbook → no alert" (a runbook is an external URL or an in-app runbook page, issue 16 item 5).

export type SloVersionFacts = { number: number; status: string; reviewedAtMs: number | null };
/** dataInWindow: whether the SLO has data in its window now (from the status cache); null when not known. */
/** inAppRunbook: some tier (or all) has an in-app Markdown runbook with text (lib/slo/runbook.ts). */
export type SloFacts = {
  id: string;
  name: string;
  alerting: boolean;
  runbookUrl: string | null;
  inAppRunbook: boolean;
  versions: SloVersionFacts[];
  dataInWindow: boolean | null;
};

/**
 * (a) Passes when the service has at least one SLO and every SLO's version in force is signed off: a
 * version with status "active" whose reviewedAt is set. An SLO whose only version awaits sign-off has no
 * version in force; an active version without a review (e.g. written by an import) is not signed off.
 * When all are signed off but some have no data in their window, the answer is "no data", not a pass: a
 * published SLO nobody can measure does not make the service ready (issue 11 item 5).
 */
export function checkSlosSignedOff(service: ServiceRef, slos: readonly SloFacts[]): CheckResult {
  if (slos.length === 0) {
    return result("slo_signed_off", "fail", "The service has no SLO yet.", {
      href: `/slos/new?service=${encodeURIComponent(service.slug)}`,
      label: "Define an SLO",
    });
  }
  const problems: { slo: SloFacts; text: string }[] = [];
  for (const slo of slos) {
    const active = slo.versions.find((v) => v.status === "active");
    const pending = slo.versions.find((v) => v.status === "pending");
    if (!active)
      problems.push({
        slo,
        text: pending
          ? `${slo.name}: version ${pending.number} awaits sign-off; no version is in force`
          : `${slo.name}: no version is in force`,
      });
    else if (active.reviewedAtMs === null)
      problems.push({ slo, text: `${slo.name}: version ${active.number} is in force but was never signed off` });
  }
  if (problems.length > 0) {
    const first = problems[0]!.slo;
    return result(
      "slo_signed_off",
      "fail",
      `${problems.length} of ${slos.length} SLO(s) not signed off.`,
      { href: `/slos/${first.id}`, label: `Get ${first.name} signed off` },
      problems.map((p) => p.text),
    );
  }
  const quiet = slos.filter((s) => s.dataInWindow === false);
  if (quiet.length > 0) {
    return result(
      "slo_signed_off",
      "no_data",
      `${slos.length} SLO(s) signed off, but ${quiet.length} of them have no data in their window, so they cannot be judged.`,
      { href: `/services/${encodeURIComponent(service.slug)}`, label: "Give the service a data source" },
      quiet.map((s) => `${s.name}: no data in its window`),
    );
  }
  return result(
    "slo_signed_off",
    "pass",
    `${slos.length} SLO(s), each with a signed-off version in force.`,
    { href: `/services/${encodeURIComponent(service.slug)}`, label: "View SLOs" },
    slos.map((s) => s.name),
  );
}

/**
 * (b) Passes when every SLO with alerting on has a runbook: an external URL or an in-app runbook (the same
 * rule the Prometheus rule generator applies: neither → no alert). A service without alerting SLOs passes.
 */
export function checkRunbooks(service: ServiceRef, slos: readonly SloFacts[]): CheckResult {
  const alerting = slos.filter((s) => s.alerting);
  const skipped = (s: SloFacts) =>
    alertsSkippedReason({
      alerting: true,
      runbookUrl: s.runbookUrl,
      inAppRunbook: s.inAppRunbook ? { baseUrl: `/runbooks/${s.id}`, tiers: "all" } : null,
    });
  const missing = alerting.filter((s) => skipped(s)?.code === "NO_RUNBOOK");
  if (missing.length > 0) {
    const first = missing[0]!;
    return result(
      "runbooks",
      "fail",
      `${missing.length} of ${alerting.length} alerting SLO(s) have neither a runbook URL nor an in-app runbook, so their alerts are not generated.`,
      { href: `/runbooks/${encodeURIComponent(first.id)}/page-fast`, label: `Write a runbook for ${first.name}` },
      missing.map((s) => `${s.name}: no runbook URL and no in-app runbook`),
    );
  }
  const link = { href: `/services/${encodeURIComponent(service.slug)}`, label: "View SLOs" };
  if (alerting.length === 0)
    return result("runbooks", "pass", "No SLO has alerting on, so no alert lacks a runbook.", link);
  const where = (s: SloFacts) =>
    s.inAppRunbook
      ? `in-app runbook${s.runbookUrl?.trim() ? ` (and ${s.runbookUrl.trim()})` : ""}`
      : s.runbookUrl!.trim();
  return result(
    "runbooks",
    "pass",
    `All ${alerting.length} alerting SLO(s) have a runbook.`,
    link,
    alerting.map((s) => `${s.name}: ${where(s)}`),
  );
}
