import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as datasources from "@/app/api/v1/datasources/route";
import * as slos from "@/app/api/v1/slos/route";
import * as status from "@/app/api/v1/slos/[id]/status/route";
import * as rules from "@/app/api/v1/slos/[id]/rules/route";
import { runToCompletion } from "../harness/process";
import { createScenario } from "../harness/scenario";
import { startVictoriaMetrics, vmalertBin, type Victoria } from "../harness/victoria";
import { call, userWithToken } from "./helpers/api";

// Issue 18 item 5: VictoriaMetrics as a second metrics engine, proven on the same closed-form data as
// the test Prometheus. The same SLO on each engine must give the same SLI, budget and burn rates (1e-6),
// both equal to the closed form; our generated rule file must pass vmalert's own syntax check.
const end = inject("SCENARIO_END");
const scenario = createScenario(end);
const DAY = 86_400;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
const ratio = (svc: string) => ({
  kind: "ratio",
  total: `http_requests_total{service="${svc}"}`,
  bad: `http_requests_total{service="${svc}",code=~"5.."}`,
});

describe("VictoriaMetrics answers our queries like Prometheus", () => {
  let vm: Victoria;
  let token: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    vm = await startVictoriaMetrics(scenario, ["search", "payments"], end - 31 * DAY);
    token = (await userWithToken("admin")).token;
    await call(teams.POST, { method: "POST", token, body: { slug: "vm-team", name: "VictoriaMetrics" } });
    expect(
      (await call(datasources.POST, { method: "POST", token, body: { name: "victoria", url: vm.url } })).status,
    ).toBe(201);
    for (const [slug, dataSource] of [
      ["vm-on-victoria", "victoria"],
      ["vm-on-prometheus", null],
    ] as const) {
      expect(
        (await call(services.POST, { method: "POST", token, body: { slug, name: slug, team: "vm-team", dataSource } }))
          .status,
      ).toBe(201);
      for (const svc of ["search", "payments"]) {
        const res = await call(slos.POST, {
          method: "POST",
          token,
          body: {
            service: slug,
            name: `${slug}-${svc}`,
            objective: 0.999,
            window: { kind: "rolling", days: 30 },
            runbookUrl: "https://runbooks.example.com/x",
            sli: ratio(svc),
          },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        ids[`${slug}-${svc}`] = res.body.id;
      }
    }
  }, 180_000);
  afterAll(async () => vm?.stop());

  const statusAt = async (id: string, at: number) =>
    (await call(status.GET, { token, url: `/x?at=${at}`, params: { id } })).body;

  for (const svc of ["search", "payments"] as const) {
    it(`${svc}: same events, SLI, budget and burn rates on both engines, equal to the closed form (at the hour and 31 minutes past)`, async () => {
      for (const at of [end, end - 2 * 3600 + 31 * 60]) {
        const onVm = await statusAt(ids[`vm-on-victoria-${svc}`]!, at);
        const onProm = await statusAt(ids[`vm-on-prometheus-${svc}`]!, at);
        expect(onVm.stale, JSON.stringify(onVm.error)).toBe(false);
        const exp = scenario.expectedRequests(svc, at - 30 * DAY, at);
        expect(rel(onVm.events.total, exp.total)).toBeLessThan(1e-6);
        expect(rel(onVm.events.bad, exp.bad)).toBeLessThan(1e-6);
        expect(rel(onVm.sliValue, onProm.sliValue)).toBeLessThan(1e-6);
        expect(Math.abs(onVm.errorBudget.remaining - onProm.errorBudget.remaining)).toBeLessThan(1e-6);
        for (const w of ["5m", "1h", "6h", "1d", "3d"]) {
          expect(onVm.burnRates[w], `${svc} ${w}`).not.toBeNull();
          expect(Math.abs(onVm.burnRates[w] - onProm.burnRates[w]), `${svc} ${w} at ${at}`).toBeLessThan(
            1e-6 * Math.max(1, onProm.burnRates[w]),
          );
        }
      }
    });
  }

  it("the generated rule file passes vmalert's syntax check", async () => {
    const res = await call(rules.GET, { token, params: { id: ids["vm-on-victoria-payments"]! } });
    expect(res.status).toBe(200);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "srecp-vmalert-")), "rules.yml");
    fs.writeFileSync(file, typeof res.body === "string" ? res.body : JSON.stringify(res.body));
    await runToCompletion(vmalertBin(), [`-rule=${file}`, "-dryRun"]);
  });
});
