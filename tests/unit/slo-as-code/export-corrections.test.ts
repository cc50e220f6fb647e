import { describe, expect, it } from "vitest";
import { exportFiles, exportStream, loadFiles, type ConfigState } from "@/lib/slo-as-code";
import { OPENSLO_CORRECTIONS_NOTE } from "@/lib/slo-as-code/export";
import { sloDefaults } from "./helpers";

// Issue 16 item 3: OpenSLO has no field for corrections; an OpenSLO export says so instead of
// dropping them silently, and the note does not disturb the import of the same files.
const state: ConfigState = {
  services: [
    {
      slug: "search",
      name: "Search",
      team: "discovery",
      tier: 2,
      description: "",
      runbookUrl: null,
      repoUrl: null,
      dashboardUrl: null,
      dataSource: null,
    },
  ],
  slos: [
    {
      ...sloDefaults(),
      service: "search",
      name: "availability",
      description: "",
      objective: 0.995,
      window: { kind: "rolling", days: 7 },
      sli: { kind: "ratio", total: "y_total", good: "y_ok_total" },
      runbookUrl: null,
      alerting: true,
      labels: {},
    },
  ],
  policies: [],
};

describe("OpenSLO export and corrections", () => {
  it("says in every OpenSLO file (and the stream) that corrections are not exported", () => {
    const files = exportFiles(state, "openslo");
    for (const text of files.values()) expect(text).toContain(OPENSLO_CORRECTIONS_NOTE);
    expect(exportStream(files)).toContain("OpenSLO v1 has no field for them");
    expect([...exportFiles(state, "srecp").values()].some((t) => t.includes(OPENSLO_CORRECTIONS_NOTE))).toBe(false);
  });

  it("imports back unchanged with the note", () => {
    const files = exportFiles(state, "openslo");
    const loaded = loadFiles(
      [...files].map(([path, text]) => ({ path, text })),
      {},
    );
    expect(loaded.issues).toEqual([]);
    expect(loaded.desired.slos.map((s) => s.name)).toEqual(["availability"]);
  });
});
