import { beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as incidents from "@/app/api/v1/incidents/route";
import * as incident from "@/app/api/v1/incidents/[id]/route";
import { call, userWithToken } from "./helpers/api";

// Issue 12, finding 12: team B's editor may not make team A own an incident, and search text is literal
// (`_` and `%` are not LIKE wildcards).
type U = { email: string; token: string; id: string };

describe("incident ownership and literal search", () => {
  let admin: U, editorA: U, editorB: U;
  const declare = (by: U, body: Record<string, unknown>) =>
    call(incidents.POST, { method: "POST", token: by.token, body: { severity: "SEV-3", ...body } });

  beforeAll(async () => {
    admin = await userWithToken("admin");
    for (const slug of ["own-a", "own-b"])
      expect((await call(teams.POST, { method: "POST", token: admin.token, body: { slug, name: slug } })).status).toBe(
        201,
      );
    editorA = await userWithToken("editor", ["own-a"]);
    editorB = await userWithToken("editor", ["own-b"]);
    expect(
      (
        await call(services.POST, {
          method: "POST",
          token: editorA.token,
          body: { slug: "own-svc-a", name: "Queue_worker", team: "own-a" },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(services.POST, {
          method: "POST",
          token: editorB.token,
          body: { slug: "own-svc-b", name: "QueueXworker", team: "own-b" },
        })
      ).status,
    ).toBe(201);
  });

  it("refuses team B's editor declaring an incident owned by team A, even on B's own service", async () => {
    const res = await declare(editorB, { title: "Not yours to own", services: ["own-svc-b"], team: "own-a" });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('team "own-a"');
    const listed = await call(incidents.GET, { token: admin.token, url: "/x?team=own-a" });
    expect(listed.body.items.map((i: { title: string }) => i.title)).not.toContain("Not yours to own");
  });

  it("defaults the owner to the first affected service's team the declarer edits", async () => {
    const res = await declare(editorB, { title: "Shared outage", services: ["own-svc-a", "own-svc-b"] });
    expect(res.status).toBe(201);
    expect(res.body.team.slug).toBe("own-b");
    // team A's editor may declare one they own on B's service (cross-team impact)
    const fromA = await declare(editorA, { title: "A owns it", services: ["own-svc-b"], team: "own-a" });
    expect(fromA.status).toBe(201);
    expect(fromA.body.team.slug).toBe("own-a");
  });

  it("refuses team B's editor moving an incident to team A; an editor of an affected service's team still edits it", async () => {
    const created = await declare(editorB, { title: "Move me", services: ["own-svc-a", "own-svc-b"] });
    const moved = await call(incident.PATCH, {
      method: "PATCH",
      token: editorB.token,
      params: { id: created.body.id },
      body: { team: "own-a", version: created.body.version },
    });
    expect(moved.status).toBe(403);
    expect(moved.body.error.message).toContain('team "own-a"');
    const summary = await call(incident.PATCH, {
      method: "PATCH",
      token: editorA.token,
      params: { id: created.body.id },
      body: { summary: "A helps", version: created.body.version },
    });
    expect(summary.status).toBe(200);
    expect(summary.body.team.slug).toBe("own-b");
  });

  it("treats _ and % in the search text literally (incidents and services)", async () => {
    for (const title of ["disk_full on db-1", "diskXfull on db-2", "100% CPU on web", "1000 CPU on web"])
      expect((await declare(admin, { title, services: ["own-svc-a"] })).status).toBe(201);
    const titles = async (q: string) =>
      (
        await call(incidents.GET, { token: admin.token, url: `/x?team=own-a&q=${encodeURIComponent(q)}` })
      ).body.items.map((i: { title: string }) => i.title);
    expect(await titles("disk_full")).toEqual(["disk_full on db-1"]);
    expect(await titles("100%")).toEqual(["100% CPU on web"]);
    expect(await titles("%")).toEqual(["100% CPU on web"]);
    expect(await titles("DISK")).toEqual(["diskXfull on db-2", "disk_full on db-1"]);
    const names = async (q: string) =>
      (await call(services.GET, { token: admin.token, url: `/x?q=${encodeURIComponent(q)}` })).body.items.map(
        (s: { name: string }) => s.name,
      );
    expect(await names("queue_")).toEqual(["Queue_worker"]);
    expect((await names("queue")).sort()).toEqual(["QueueXworker", "Queue_worker"]);
    expect(await names("\\")).toEqual([]);
  });
});
