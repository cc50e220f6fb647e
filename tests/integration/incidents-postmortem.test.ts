import { beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as audit from "@/app/api/v1/audit/route";
import * as incidents from "@/app/api/v1/incidents/route";
import * as status from "@/app/api/v1/incidents/[id]/status/route";
import * as timeline from "@/app/api/v1/incidents/[id]/timeline/route";
import * as incidentPostmortem from "@/app/api/v1/incidents/[id]/postmortem/route";
import * as incidentItems from "@/app/api/v1/incidents/[id]/action-items/route";
import * as actionItem from "@/app/api/v1/action-items/[id]/route";
import * as postmortem from "@/app/api/v1/postmortems/[id]/route";
import * as review from "@/app/api/v1/postmortems/[id]/review/route";
import * as impact from "@/app/api/v1/postmortems/[id]/impact/route";
import { call, userWithToken } from "./helpers/api";

// The postmortem document: optimistic concurrency (two saves on one version → exactly one wins, the
// other gets 409 with the current document, nothing is lost), If-Match/ETag, the review workflow bound
// to revisions with its permissions and audit trail, publishing immutable revisions, and the export.

const SECTIONS = {
  summary: "Search returned 503s for two hours.",
  rootCause: "A bad index rollout.",
  impact: "10 % of searches failed.",
  wentWell: "Alert fired fast.",
  wentPoorly: "Rollback took long.",
};

describe("postmortems over the REST API", () => {
  let admin: string, author: string, editor2: string, approver1: string, approver2: string, viewer: string;
  let approver1Id: string, approver2Id: string;

  beforeAll(async () => {
    admin = (await userWithToken("admin")).token;
    expect(
      (
        await call(teams.POST, {
          method: "POST",
          token: admin,
          body: { slug: "inc-pm", name: "Postmortems", timezone: "UTC" },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(services.POST, {
          method: "POST",
          token: admin,
          body: { slug: "inc-pm-svc", name: "PM service", team: "inc-pm" },
        })
      ).status,
    ).toBe(201);
    author = (await userWithToken("editor", ["inc-pm"])).token;
    editor2 = (await userWithToken("editor", ["inc-pm"])).token;
    const a1 = await userWithToken("approver", ["inc-pm"]);
    const a2 = await userWithToken("approver", ["inc-pm"]);
    [approver1, approver1Id, approver2, approver2Id] = [a1.token, a1.id, a2.token, a2.id];
    viewer = (await userWithToken("viewer", ["inc-pm"])).token;
  });

  /** A SEV-x incident resolved two hours after it began, with its postmortem id. */
  async function resolvedIncident(severity = "SEV-2", token = author, resolve = true) {
    const inc = await call(incidents.POST, {
      method: "POST",
      token,
      body: {
        title: "Search 503s",
        severity,
        services: ["inc-pm-svc"],
        impactStartAt: "2026-06-01T10:00:00Z",
        detectedAt: "2026-06-01T10:04:00Z",
      },
    });
    expect(inc.status, JSON.stringify(inc.body)).toBe(201);
    if (resolve)
      expect(
        (
          await call(status.POST, {
            method: "POST",
            token,
            params: { id: inc.body.id },
            body: { status: "resolved", at: "2026-06-01T12:00:00Z" },
          })
        ).status,
      ).toBe(200);
    return { incidentId: inc.body.id as string, pmId: inc.body.postmortem.id as string };
  }
  const get = async (pmId: string, token = viewer) =>
    (await call(postmortem.GET, { token, params: { id: pmId } })).body;
  const save = (pmId: string, body: Record<string, unknown>, token = author, headers?: Record<string, string>) =>
    call(postmortem.PUT, { method: "PUT", token, params: { id: pmId }, body, headers });
  const act = (pmId: string, body: Record<string, unknown>, token: string) =>
    call(review.POST, { method: "POST", token, params: { id: pmId }, body });

  it("serves the draft with its version as ETag, by postmortem id and by incident", async () => {
    const { incidentId, pmId } = await resolvedIncident();
    const res = await call(postmortem.GET, { token: author, params: { id: pmId } });
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe('"1"');
    expect(res.body).toMatchObject({
      id: pmId,
      status: "draft",
      version: 1,
      revision: 1,
      sections: { summary: "", rootCause: "", impact: "", wentWell: "", wentPoorly: "" },
      dueAt: "2026-06-08T23:59:59.999Z",
    });
    expect(res.body.can).toMatchObject({
      edit: true,
      submit: true,
      approve: false,
      publish: false,
      recomputeImpact: true,
    });
    const byIncident = await call(incidentPostmortem.GET, { token: viewer, params: { id: incidentId } });
    expect(byIncident.body.id).toBe(pmId);
    expect(byIncident.body.can).toMatchObject({ edit: false, approve: false, recomputeImpact: false });
    expect((await call(postmortem.GET, { token: viewer, params: { id: "missing" } })).status).toBe(404);
  });

  it("lets exactly one of two concurrent saves on the same version win; the other gets 409 with the current document and nothing is lost", async () => {
    const { pmId } = await resolvedIncident();
    const mine = { sections: { summary: "Alice's summary", wentWell: "Alice: alerting" }, version: 1 };
    const theirs = { sections: { summary: "Bob's summary", rootCause: "Bob: bad rollout" }, version: 1 };
    const [a, b] = await Promise.all([save(pmId, mine, author), save(pmId, theirs, editor2)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [won, lost, lostInput] = a.status === 200 ? [a, b, theirs] : [b, a, mine];
    expect(won.body).toMatchObject({ version: 2, revision: 2 });
    expect(won.headers.get("etag")).toBe('"2"');
    expect(lost.body.error).toMatchObject({ code: "CONFLICT", fields: { version: "stale" } });
    // The loser gets the winner's document to merge with their own text.
    expect(lost.body.error.current).toMatchObject({ version: 2, sections: won.body.sections });
    const stored = await get(pmId);
    expect(stored.sections).toEqual(won.body.sections);
    // Merge and save again on the current version: both people's text is in the document.
    const merged = {
      ...lost.body.error.current.sections,
      ...lostInput.sections,
      summary: `${won.body.sections.summary}\n\n${lostInput.sections.summary}`,
    };
    const again = await save(pmId, { sections: merged, version: 2 }, a.status === 200 ? editor2 : author);
    expect(again.status).toBe(200);
    expect(again.body.sections.summary).toContain("Alice's summary");
    expect(again.body.sections.summary).toContain("Bob's summary");
    expect(again.body.sections.wentWell).toBe("Alice: alerting");
    expect(again.body.sections.rootCause).toBe("Bob: bad rollout");
    expect(again.body.version).toBe(3);
  });

  it("lets exactly one of five concurrent saves win", async () => {
    const { pmId } = await resolvedIncident();
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        save(pmId, { sections: { summary: `writer ${n}` }, version: 1 }, n % 2 ? author : editor2),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(4);
    const winner = results.find((r) => r.status === 200)!.body.sections.summary;
    expect((await get(pmId)).sections.summary).toBe(winner);
    expect((await get(pmId)).version).toBe(2);
  });

  it("supports If-Match: a stale precondition is 412 with the current document; a missing version is 422", async () => {
    const { pmId } = await resolvedIncident();
    const ok = await save(pmId, { sections: { summary: "first" } }, author, { "if-match": '"1"' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("etag")).toBe('"2"');
    const stale = await save(pmId, { sections: { summary: "second" } }, editor2, { "if-match": '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.headers.get("etag")).toBe('"2"');
    expect(stale.body.error.current.sections.summary).toBe("first");
    const missing = await save(pmId, { sections: { summary: "third" } });
    expect(missing.status).toBe(422);
    expect(missing.body.error.fields.version).toBeDefined();
    expect((await save(pmId, { sections: { summary: "x" } }, author, { "if-match": "banana" })).status).toBe(400);
    expect((await save(pmId, { sections: { nope: "x" }, version: 2 })).status).toBe(422);
    expect((await save(pmId, { sections: { summary: "viewer" }, version: 2 }, viewer)).status).toBe(403);
  });

  it("runs the review workflow: submit → approve a revision → publish → amend, with permissions and audit", async () => {
    const { incidentId, pmId } = await resolvedIncident();
    // Not ready: empty sections, no reviewer, no action item (SEV-2).
    const notReady = await act(pmId, { action: "submit", revision: 1 }, author);
    expect(notReady.status).toBe(422);
    expect(Object.keys(notReady.body.error.fields).sort()).toEqual([
      "actionItems",
      "reviewers",
      "sections.impact",
      "sections.rootCause",
      "sections.summary",
    ]);
    // People read the problems once, each named as the form names it (not by its API key).
    expect(notReady.body.error.message).toBe(
      "Not ready for review: Summary: write this section before review; Root cause: write this section before review; Impact: write this section before review; " +
        "Reviewers: name at least one reviewer; Action items: a SEV-2 postmortem needs at least one action item",
    );

    const saved = await save(pmId, { sections: SECTIONS, reviewers: [approver1Id], version: 1 });
    expect(saved.body).toMatchObject({ revision: 2, reviewers: [{ id: approver1Id }] });
    expect(
      (
        await call(incidentItems.POST, {
          method: "POST",
          token: author,
          params: { id: incidentId },
          body: { title: "Canary index rollouts", priority: "P1", type: "prevent" },
        })
      ).status,
    ).toBe(201);
    const submitted = await act(pmId, { action: "submit", revision: 2 }, author);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body).toMatchObject({ status: "in_review", submittedRevision: 2, requiredApprovals: 1 });

    // An editor cannot approve; an approver must name the revision under review.
    const byEditor = await act(pmId, { action: "approve", revision: 2 }, editor2);
    expect(byEditor.status).toBe(403);
    expect((await act(pmId, { action: "approve", revision: 1 }, approver1)).status).toBe(409);
    const approved = await act(pmId, { action: "approve", revision: 2 }, approver1);
    expect(approved.body).toMatchObject({
      status: "approved",
      approvals: [{ user: { id: approver1Id }, revision: 2 }],
    });

    // An edit after approval re-opens review on the new revision; the approval does not carry over.
    const edited = await save(pmId, {
      sections: { wentPoorly: "Rollback took 40 minutes." },
      version: approved.body.version,
    });
    expect(edited.body).toMatchObject({ status: "in_review", revision: 3, approvals: [], submittedRevision: 3 });
    expect((await act(pmId, { action: "publish" }, author)).status).toBe(409);

    expect((await act(pmId, { action: "request_changes", revision: 3, comment: "" }, approver2)).status).toBe(422);
    const changes = await act(
      pmId,
      { action: "request_changes", revision: 3, comment: "Quantify the rollback delay." },
      approver2,
    );
    expect(changes.body.status).toBe("changes_requested");
    const resubmitted = await act(pmId, { action: "submit", revision: 3 }, author);
    expect(resubmitted.body.status).toBe("in_review");
    expect((await act(pmId, { action: "approve", revision: 3 }, approver1)).body.status).toBe("approved");
    const published = await act(pmId, { action: "publish" }, author);
    expect(published.body).toMatchObject({
      status: "published",
      publishedRevision: 3,
      revisions: [{ number: 3, approvedById: approver1Id }],
    });
    expect(published.body.publishedAt).not.toBeNull();
    expect(published.body.overdue).toBe(false);

    // Published revisions are immutable: saving is refused until amended.
    const locked = await save(pmId, { sections: { summary: "sneaky" }, version: published.body.version });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe("INVALID_STATE");
    expect((await call(impact.POST, { method: "POST", token: author, params: { id: pmId } })).body.error.code).toBe(
      "INVALID_STATE",
    );
    const amended = await act(pmId, { action: "amend", comment: "Add the customer ticket count" }, author);
    expect(amended.body).toMatchObject({ status: "draft", revision: 4, publishedRevision: 3 });
    await save(pmId, { sections: { summary: "Amended summary" }, version: amended.body.version });
    const asPublished = await call(postmortem.GET, {
      token: viewer,
      params: { id: `${pmId}.md` },
      url: "/x?revision=3",
    });
    expect(asPublished.body).toContain(SECTIONS.summary);
    expect(asPublished.body).not.toContain("Amended summary");

    expect(
      (await get(pmId)).reviewEvents.map((e: { action: string; revision: number }) => `${e.action}@${e.revision}`),
    ).toEqual(["submit@2", "approve@2", "request_changes@3", "submit@3", "approve@3", "publish@3", "amend@3"]);
    const log = await call(audit.GET, {
      url: `/api/v1/audit?entityType=postmortem&entityId=${pmId}&pageSize=100`,
      token: admin,
    });
    const actions = log.body.items.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === "postmortem.approve")).toHaveLength(2);
    const rejection = log.body.items.find((e: { action: string }) => e.action === "postmortem.request_changes");
    expect(rejection.after).toMatchObject({ status: "changes_requested", comment: "Quantify the rollback delay." });
    expect(rejection.actorLabel).toMatch(/^approver/);
    const approval = log.body.items.find((e: { action: string }) => e.action === "postmortem.approve");
    expect(approval.before.status).toBe("in_review");
    expect(approval.after.status).toBe("approved");
  });

  it("refuses to submit before resolution, lets nobody approve their own postmortem, and needs two approvals for SEV-1", async () => {
    const open = await resolvedIncident("SEV-2", author, false);
    expect((await act(open.pmId, { action: "submit", revision: 1 }, author)).body.error.code).toBe("INVALID_STATE");

    const own = await resolvedIncident("SEV-1", approver1);
    const ready = await save(own.pmId, { sections: SECTIONS, reviewers: [approver2Id], version: 1 }, approver1);
    await call(incidentItems.POST, {
      method: "POST",
      token: approver1,
      params: { id: own.incidentId },
      body: { title: "Fix the index rollout", priority: "P0", type: "repair" },
    });
    expect((await act(own.pmId, { action: "submit", revision: ready.body.revision }, approver1)).body.status).toBe(
      "in_review",
    );
    const self = await act(own.pmId, { action: "approve", revision: ready.body.revision }, approver1);
    expect(self.status).toBe(403);
    expect(self.body.error.message).toMatch(/wrote this postmortem/);
    const first = await act(own.pmId, { action: "approve", revision: ready.body.revision }, approver2);
    expect(first.body).toMatchObject({
      status: "in_review",
      requiredApprovals: 2,
      approvals: [{ user: { id: approver2Id } }],
    });
    expect((await act(own.pmId, { action: "approve", revision: ready.body.revision }, approver2)).status).toBe(409);
    const second = await act(own.pmId, { action: "approve", revision: ready.body.revision }, admin);
    expect(second.body.status).toBe("approved");
    expect((await act(own.pmId, { action: "nonsense" }, admin)).status).toBe(422);
  });

  it("exports deterministic Markdown with front matter, the starred timeline, impact and action items", async () => {
    const { incidentId, pmId } = await resolvedIncident();
    await call(timeline.POST, {
      method: "POST",
      token: author,
      params: { id: incidentId },
      body: { at: "2026-06-01T10:30:00Z", text: "Rolled back the index | v2", starred: true },
    });
    await call(timeline.POST, {
      method: "POST",
      token: author,
      params: { id: incidentId },
      body: { at: "2026-06-01T10:40:00Z", text: "Chatter, not starred" },
    });
    // A new item cannot be due in the past; move the created one to the fixed date the export shows.
    const created = await call(incidentItems.POST, {
      method: "POST",
      token: author,
      params: { id: incidentId },
      body: { title: "Alert on index errors", priority: "P2", type: "detect" },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(
      (
        await call(actionItem.PATCH, {
          method: "PATCH",
          token: author,
          params: { id: created.body.id },
          body: { dueDate: "2026-07-01", version: created.body.version },
        })
      ).status,
    ).toBe(200);
    await save(pmId, { sections: SECTIONS, version: 1 });
    const res = await call(postmortem.GET, { token: viewer, params: { id: `${pmId}.md` }, url: "/x?download=1" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="INC-\d+-postmortem\.md"$/);
    const md = res.body as string;
    expect(md.startsWith('---\ntitle: "Search 503s"\n')).toBe(true);
    expect(md).toContain('impact_start: "2026-06-01T10:00:00.000Z"');
    expect(md).toContain(
      "## Incident Report: Search 503s\n**Date**: 2026-06-01\n**Duration**: 2h 0m\n**Severity**: SEV-2",
    );
    expect(md).toContain("- 2026-06-01 10:30:00 - Rolled back the index | v2 _(added later)_");
    expect(md).not.toContain("Chatter");
    expect(md).toContain("| Alert on index errors | — | P2 | detect | 2026-07-01 | open |");
    expect(md).toContain(`### Root cause\n${SECTIONS.rootCause}\n`);
    const again = await call(postmortem.GET, { token: viewer, params: { id: `${pmId}.md` } });
    expect(again.body).toBe(md);
    expect(again.headers.get("content-disposition")).toMatch(/^inline/);
    expect(
      (await call(postmortem.GET, { token: viewer, params: { id: `${pmId}.md` }, url: "/x?revision=9" })).status,
    ).toBe(404);
  });
});
