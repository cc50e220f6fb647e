import { beforeAll, describe, expect, it } from "vitest";
import * as slos from "@/app/api/v1/slos/route";
import * as status from "@/app/api/v1/slos/[id]/status/route";
import { call, userWithToken } from "./helpers/api";

// Issue 11 item 2 over HTTP: the status API answered a future `at` with numbers; now 422 naming `at`.
describe("status `at` in the future", () => {
  let token = "";
  beforeAll(async () => {
    token = (await userWithToken("viewer")).token;
  });

  it("is a 422 naming at, for one SLO and for the list", async () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const one = await call(status.GET, { token, url: `/api/v1/slos/any/status?at=${future}`, params: { id: "any" } });
    expect(one.status).toBe(422);
    expect(one.body.error.fields).toEqual({
      at: "must not be in the future (at most 60 s ahead of the server's clock, for clock skew)",
    });
    const list = await call(slos.GET, { token, url: `/api/v1/slos?include=status&at=${future}` });
    expect(list.status).toBe(422);
    expect(Object.keys(list.body.error.fields)).toEqual(["at"]);
  });

  it("accepts an instant within the clock-skew tolerance", async () => {
    const soon = new Date(Date.now() + 30_000).toISOString();
    const list = await call(slos.GET, { token, url: `/api/v1/slos?include=status&at=${soon}` });
    expect(list.status, JSON.stringify(list.body)).toBe(200);
  });
});
