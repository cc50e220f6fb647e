import { beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as slos from "@/app/api/v1/slos/route";
import * as slo from "@/app/api/v1/slos/[id]/route";
import * as versions from "@/app/api/v1/slos/[id]/versions/route";
import * as approve from "@/app/api/v1/slos/[id]/versions/[number]/approve/route";
import * as reject from "@/app/api/v1/slos/[id]/versions/[number]/reject/route";
import * as audit from "@/app/api/v1/audit/route";
import { call, userWithToken } from "./helpers/api";

// Sign-off of SLO versions over the REST API: an editor proposes, only an approver of the owning team
// signs off or rejects (with a comment), the signed version stays in force meanwhile, and every
// decision is in the audit log.
type AuditItem = {
  action: string;
  actorLabel: string;
  entityId: string;
  after: { status?: string; reviewComment?: string } | null;
};

describe("SLO sign-off", () => {
  let admin: string;
  let editor: { token: string; email: string };
  let approver: { token: string; email: string };
  let outsiderApprover: string;
  let id: string;

  const auditOf = async (entityId: string): Promise<AuditItem[]> => {
    const res = await call(audit.GET, {
      token: admin,
      url: `/api/v1/audit?entityType=slo&entityId=${entityId}&pageSize=50`,
    });
    expect(res.status).toBe(200);
    return res.body.items;
  };

  beforeAll(async () => {
    admin = (await userWithToken("admin")).token;
    expect(
      (await call(teams.POST, { method: "POST", token: admin, body: { slug: "signoff-team", name: "Sign-off team" } }))
        .status,
    ).toBe(201);
    expect(
      (await call(teams.POST, { method: "POST", token: admin, body: { slug: "signoff-other", name: "Other team" } }))
        .status,
    ).toBe(201);
    expect(
      (
        await call(services.POST, {
          method: "POST",
          token: admin,
          body: { slug: "signoff-search", name: "Search", team: "signoff-team" },
        })
      ).status,
    ).toBe(201);
    editor = await userWithToken("editor", ["signoff-team"]);
    approver = await userWithToken("approver", ["signoff-team"]);
    outsiderApprover = (await userWithToken("approver", ["signoff-other"])).token;
    const created = await call(slos.POST, {
      method: "POST",
      token: editor.token,
      body: {
        service: "signoff-search",
        name: "search-availability",
        objective: 0.999,
        window: { kind: "rolling", days: 30 },
        runbookUrl: "https://runbooks.example.com/search",
        sli: {
          kind: "ratio",
          total: 'http_requests_total{service="search"}',
          bad: 'http_requests_total{service="search",code=~"5.."}',
        },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    id = created.body.id;
    expect(created.body.versions[0]).toMatchObject({ number: 1, status: "pending" });
  });

  it("refuses sign-off by the editor who wrote it and by an approver of another team (403)", async () => {
    const byEditor = await call(approve.POST, {
      method: "POST",
      token: editor.token,
      params: { id, number: "1" },
      body: {},
    });
    expect(byEditor.status).toBe(403);
    expect(byEditor.body.error.code).toBe("FORBIDDEN");
    expect(byEditor.body.error.message).toMatch(/approver/i);
    const byEditorReject = await call(reject.POST, {
      method: "POST",
      token: editor.token,
      params: { id, number: "1" },
      body: { comment: "no" },
    });
    expect(byEditorReject.status).toBe(403);
    expect(
      (await call(approve.POST, { method: "POST", token: outsiderApprover, params: { id, number: "1" }, body: {} }))
        .status,
    ).toBe(403);
    // Nothing changed and nothing was audited as a decision.
    expect((await call(slo.GET, { token: admin, params: { id } })).body.version).toMatchObject({
      number: 1,
      status: "pending",
    });
    expect((await auditOf(id)).map((a) => a.action)).toEqual(["slo.create"]);
  });

  it("records an approver's sign-off in the audit log and puts the version in force", async () => {
    const res = await call(approve.POST, {
      method: "POST",
      token: approver.token,
      params: { id, number: "1" },
      body: { comment: "Matches the product promise" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      sloId: id,
      number: 1,
      status: "active",
      reviewedBy: approver.email,
      comment: "Matches the product promise",
    });
    expect((await call(slo.GET, { token: editor.token, params: { id } })).body.version).toMatchObject({
      number: 1,
      status: "active",
    });
    const entry = (await auditOf(id)).find((a) => a.action === "slo.version.approve");
    expect(entry).toMatchObject({
      actorLabel: approver.email,
      entityId: id,
      after: { status: "active", reviewComment: "Matches the product promise" },
    });
    // A second decision on the same version is refused.
    expect(
      (await call(approve.POST, { method: "POST", token: approver.token, params: { id, number: "1" }, body: {} }))
        .status,
    ).toBe(409);
  });

  it("keeps the signed version in force while an editor's change awaits sign-off, and audits its rejection", async () => {
    const current = (await call(slo.GET, { token: editor.token, params: { id } })).body;
    const patched = await call(slo.PATCH, {
      method: "PATCH",
      token: editor.token,
      params: { id },
      body: { objective: 0.9995, revision: current.revision },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const after = (await call(slo.GET, { token: editor.token, params: { id } })).body;
    expect(after.version).toMatchObject({ number: 1, status: "active" });
    expect(after.objective).toBe(0.999);
    expect(after.pendingVersion).toMatchObject({ number: 2, createdBy: editor.email });

    const noComment = await call(reject.POST, {
      method: "POST",
      token: approver.token,
      params: { id, number: "2" },
      body: { comment: "  " },
    });
    expect(noComment.status).toBe(422);
    expect(noComment.body.error.fields).toHaveProperty("comment");

    const rejected = await call(reject.POST, {
      method: "POST",
      token: approver.token,
      params: { id, number: "2" },
      body: { comment: "99.95 % leaves no room for deploys" },
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: "rejected", comment: "99.95 % leaves no room for deploys" });
    const entry = (await auditOf(id)).find((a) => a.action === "slo.version.reject");
    expect(entry).toMatchObject({
      actorLabel: approver.email,
      after: { status: "rejected", reviewComment: "99.95 % leaves no room for deploys" },
    });

    const final = (await call(slo.GET, { token: editor.token, params: { id } })).body;
    expect(final.version).toMatchObject({ number: 1, status: "active" });
    expect(final.pendingVersion).toBeNull();
    const list = (await call(versions.GET, { token: editor.token, params: { id } })).body.items;
    expect(list.map((v: { number: number; status: string }) => [v.number, v.status])).toEqual([
      [2, "rejected"],
      [1, "active"],
    ]);
    expect(list[0]).toMatchObject({
      createdBy: editor.email,
      reviewedBy: approver.email,
      reviewComment: "99.95 % leaves no room for deploys",
      objective: 0.9995,
    });
    expect(list[1]).toMatchObject({ reviewedBy: approver.email, objective: 0.999 });
  });

  it("refuses an edit based on a stale revision (409) instead of overwriting", async () => {
    const current = (await call(slo.GET, { token: editor.token, params: { id } })).body;
    const stale = await call(slo.PATCH, {
      method: "PATCH",
      token: editor.token,
      params: { id },
      body: { description: "x", revision: current.revision - 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.fields).toHaveProperty("revision");
  });

  it("lets an approver's own change take effect at once, signed by that act", async () => {
    const current = (await call(slo.GET, { token: approver.token, params: { id } })).body;
    const res = await call(slo.PATCH, {
      method: "PATCH",
      token: approver.token,
      params: { id },
      body: { window: { kind: "rolling", days: 28 }, revision: current.revision },
    });
    expect(res.status).toBe(200);
    const after = (await call(slo.GET, { token: approver.token, params: { id } })).body;
    expect(after.version).toMatchObject({ number: 3, status: "active" });
    expect(after.window).toEqual({ kind: "rolling", days: 28 });
    expect((await auditOf(id)).map((a) => a.action)).toContain("slo.version.create");
  });
});
