import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// No Docker engine runs here, so this checks what it can: the file parses and the app service gets
// every variable the app needs in production, wired to the other services.
const compose = parse(fs.readFileSync("docker-compose.yml", "utf8"));
const REQUIRED = ["DATABASE_URL", "NEXTAUTH_SECRET", "NEXTAUTH_URL", "PROMETHEUS_URL"];

describe("docker-compose.yml", () => {
  it("defines the app, PostgreSQL 16, Prometheus, Alertmanager and Mailpit with health checks, and the demo profile", () => {
    expect(Object.keys(compose.services).sort()).toEqual([
      "alertmanager",
      "app",
      "demo",
      "demo-exporter",
      "mailpit",
      "postgres",
      "prometheus",
      "worker",
    ]);
    expect((compose.services.app.environment as Record<string, string>).SMTP_URL).toMatch(/smtp:\/\/mailpit:1025/);
    expect(compose.services.postgres.image).toBe("postgres:16");
    for (const [name, svc] of Object.entries<Record<string, unknown>>(compose.services)) {
      if (name === "demo") continue; // a one-shot job: runs `srecp demo` and exits
      expect(svc.healthcheck, `${name} health check`).toBeTruthy();
    }
    expect(compose.services.app.build).toBe(".");
    expect(fs.existsSync("Dockerfile")).toBe(true);
  });

  it("sets every variable the app requires on the app service", () => {
    const env = compose.services.app.environment as Record<string, string>;
    for (const key of REQUIRED) expect(env[key], key).toBeTruthy();
    expect(env.DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(env.PROMETHEUS_URL).toBe("http://prometheus:9090");
  });

  it("runs HTTP (app, SRECP_ROLE=web) and the background jobs (worker, SRECP_ROLE=worker) as separate services on the same settings", () => {
    const { app, worker } = compose.services;
    const appEnv = app.environment as Record<string, string>;
    const workerEnv = worker.environment as Record<string, string>;
    expect(appEnv.SRECP_ROLE).toBe("web");
    expect(workerEnv.SRECP_ROLE).toBe("worker");
    // the same image and everything but the role, so both read one database, one Prometheus, one key
    expect(worker.build).toBe(app.build);
    const { SRECP_ROLE: _a, ...appRest } = appEnv;
    const { SRECP_ROLE: _w, ...workerRest } = workerEnv;
    expect(workerRest).toEqual(appRest);
    expect(worker.ports).toBeUndefined(); // nothing to publish: it serves only its own health check
    expect(worker.depends_on).toMatchObject({ app: { condition: "service_healthy" } }); // after app migrated
    expect(worker.profiles).toBeUndefined();
    // neither pins the heap: scripts/app.mjs applies the role's limits, NODE_OPTIONS would replace them
    expect(appEnv.NODE_OPTIONS).toBeUndefined();
    expect(workerEnv.NODE_OPTIONS).toBeUndefined();
    expect(fs.readFileSync("Dockerfile", "utf8")).toMatch(/^CMD \["node", "scripts\/app\.mjs"\]$/m);
  });

  it("--profile demo: writes the demo traffic into the Prometheus volume after the app migrated, and scrapes the live exporter", () => {
    const { demo, "demo-exporter": exporter, prometheus } = compose.services;
    for (const svc of [demo, exporter]) {
      expect(svc.profiles).toEqual(["demo"]);
      expect(svc.build).toEqual({ context: ".", target: "demo" });
    }
    expect(compose.services.app.profiles).toBeUndefined(); // `docker compose up` without the profile is unchanged
    const dockerfile = fs.readFileSync("Dockerfile", "utf8");
    expect(dockerfile).toMatch(/^FROM runtime AS demo$/m);
    expect(dockerfile).toMatch(/COPY --from=prom\/prometheus:\S+ \/bin\/promtool /);
    expect(dockerfile.trim().split("\n").at(-1)).toBe("FROM runtime"); // the default target stays the app
    // The same volume Prometheus keeps its TSDB in, where the commands look for it.
    const promVolume = (prometheus.volumes as string[]).find((v) => v.startsWith("promdata:"))!.split(":")[1];
    expect(prometheus.command).toContain(`--storage.tsdb.path=${promVolume}`);
    const mount = (demo.volumes as string[])[0]!.split(":");
    expect(mount.slice(0, 1)).toEqual(["promdata"]);
    expect(demo.command.slice(0, 3)).toEqual(["node", "scripts/srecp.mjs", "demo"]);
    expect(demo.command[demo.command.indexOf("--prometheus-data") + 1]).toBe(mount[1]);
    expect(demo.depends_on).toMatchObject({
      app: { condition: "service_healthy" },
      prometheus: { condition: "service_healthy" },
    });
    expect(demo.environment.DATABASE_URL).toBe(compose.services.app.environment.DATABASE_URL);
    expect(exporter.command.slice(0, 4)).toEqual(["node", "scripts/srecp.mjs", "demo", "exporter"]);
    expect(exporter.volumes).toEqual([`promdata:${mount[1]}:ro`]);
    expect(exporter.command[exporter.command.indexOf("--prometheus-data") + 1]).toBe(mount[1]);
    expect(exporter.command[exporter.command.indexOf("--host") + 1]).toBe("0.0.0.0");
    const port = exporter.command[exporter.command.indexOf("--port") + 1];
    // Prometheus scrapes it keeping the exposed labels and timestamps (the live samples continue the blocks).
    const promConfig = parse(fs.readFileSync("docs/deploy/prometheus.yml", "utf8"));
    const job = promConfig.scrape_configs.find((j: { job_name: string }) => j.job_name === "srecp-demo");
    expect(job).toMatchObject({
      honor_labels: true,
      honor_timestamps: true,
      static_configs: [{ targets: [`demo-exporter:${port}`] }],
    });
  });

  it("keeps data in named volumes and mounts config files that exist", () => {
    expect(Object.keys(compose.volumes).sort()).toEqual(["amdata", "pgdata", "promdata"]);
    for (const svc of ["prometheus", "alertmanager"]) {
      for (const v of compose.services[svc].volumes as string[]) {
        const host = v.split(":")[0]!;
        if (host.startsWith("./")) expect(fs.existsSync(host), host).toBe(true);
      }
    }
  });
});
