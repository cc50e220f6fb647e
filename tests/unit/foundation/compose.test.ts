import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// No Docker engine runs here, so this checks what it can: the file parses and the app service gets
// every variable the app needs in production, wired to the other services.
const compose = parse(fs.readFileSync("docker-compose.yml", "utf8"));
const REQUIRED = ["DATABASE_URL", "NEXTAUTH_SECRET", "NEXTAUTH_URL", "PROMETHEUS_URL"];

describe("docker-compose.yml", () => {
  it("defines the app, PostgreSQL 16, Prometheus, Alertmanager and Mailpit with health checks", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["alertmanager", "app", "mailpit", "postgres", "prometheus"]);
    expect((compose.services.app.environment as Record<string, string>).SMTP_URL).toMatch(/smtp:\/\/mailpit:1025/);
    expect(compose.services.postgres.image).toBe("postgres:16");
    for (const [name, svc] of Object.entries<Record<string, unknown>>(compose.services)) {
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
