import { beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as slos from "@/app/api/v1/slos/route";
import * as slo from "@/app/api/v1/slos/[id]/route";
import * as versions from "@/app/api/v1/slos/[id]/versions/route";
import { call, userWithToken } from "./helpers/api";

// Issue 11 item 3: an edit that changes only the description (the wizard sends the whole definition back,
// with keys in its own order while jsonb stores them reordered) must not create a version, nor, for an
// editor, a version that needs sign-off again.
describe("SLO edits compare definitions canonically", () => {
  let admin = "";
  let editor = "";
  let id = "";
  const sli = {
    kind: "ratio",
    total: 'http_requests_total{service="canon"}',
    bad: 'http_requests_total{service="canon",code=~"5.."}',
  };
  const window = { kind: "calendar", unit: "month", timezone: "Europe/Berlin" };

  beforeAll(async () => {
    admin = (await userWithToken("admin")).token;
    expect(
      (await call(teams.POST, { method: "POST", token: admin, body: { slug: "canon-team", name: "Canon" } })).status,
    ).toBe(201);
    expect(
      (
        await call(services.POST, {
          method: "POST",
          token: admin,
          body: { slug: "canon", name: "Canon", team: "canon-team" },
        })
      ).status,
    ).toBe(201);
    editor = (await userWithToken("editor", ["canon-team"])).token;
    const created = await call(slos.POST, {
      method: "POST",
      token: admin,
      body: { service: "canon", name: "availability", objective: 0.999, window, sli },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    id = created.body.id;
  });

  const versionList = async () =>
    (await call(versions.GET, { token: admin, params: { id } })).body as
      { items?: { number: number; status: string }[] } | { number: number; status: string }[];
  const statuses = async () => {
    const v = await versionList();
    return (Array.isArray(v) ? v : (v.items ?? [])).map((x) => `${x.number}:${x.status}`);
  };

  it("a description-only edit with the definition's keys in another order keeps the version", async () => {
    const current = await call(slo.GET, { token: admin, params: { id } });
    const reordered = { bad: sli.bad, total: sli.total, kind: sli.kind };
    const edit = await call(slo.PATCH, {
      method: "PATCH",
      token: editor,
      params: { id },
      body: {
        revision: current.body.revision,
        description: "Checkout availability",
        sli: reordered,
        objective: 0.999,
        window: { timezone: "Europe/Berlin", unit: "month", kind: "calendar" },
      },
    });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    expect(await statuses()).toEqual(["1:active"]);
    expect((await call(slo.GET, { token: admin, params: { id } })).body.description).toBe("Checkout availability");
  });

  it("a real change of the SLI still makes a new version (pending sign-off for an editor)", async () => {
    const current = await call(slo.GET, { token: admin, params: { id } });
    const edit = await call(slo.PATCH, {
      method: "PATCH",
      token: editor,
      params: { id },
      body: {
        revision: current.body.revision,
        sli: { ...sli, bad: 'http_requests_total{service="canon",code=~"5..|429"}' },
      },
    });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    expect(await statuses()).toEqual(expect.arrayContaining(["1:active", "2:pending"]));
  });
});
