import { describe, expect, it } from "vitest";
import { checkAddress, checkHostName, parseOutboundPolicy } from "@/lib/net/outbound-policy";
import { checkOutboundUrl } from "@/lib/net/guarded-fetch";

const none = parseOutboundPolicy(undefined);
const all = parseOutboundPolicy("1");

describe("outbound address policy", () => {
  it.each([
    "169.254.169.254",
    "169.254.1.1",
    "fe80::1",
    "fd00:ec2::254",
    "100.100.100.200",
    "0.0.0.0",
    "::",
    "::ffff:169.254.169.254",
    "224.0.0.1",
  ])("refuses %s always, even when private ranges are allowed", (address) => {
    expect(checkAddress(address, all).ok).toBe(false);
    expect(checkAddress(address, none).ok).toBe(false);
  });

  it.each([
    "127.0.0.1",
    "127.9.9.9",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.10",
    "100.64.0.1",
    "::1",
    "fd12:3456::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
  ])("refuses loopback/private %s by default and allows it with SRECP_DATASOURCE_ALLOW_PRIVATE=1", (address) => {
    const refused = checkAddress(address, none);
    expect(refused.ok).toBe(false);
    expect(refused.ok ? "" : refused.why).toContain("SRECP_DATASOURCE_ALLOW_PRIVATE");
    expect(checkAddress(address, all).ok).toBe(true);
  });

  it.each(["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "172.32.0.1"])("allows public %s", (address) => {
    expect(checkAddress(address, none).ok).toBe(true);
  });

  it("allows only the listed CIDRs among private ranges", () => {
    const policy = parseOutboundPolicy("10.20.0.0/16, 127.0.0.1");
    expect(checkAddress("10.20.5.5", policy).ok).toBe(true);
    expect(checkAddress("127.0.0.1", policy).ok).toBe(true);
    expect(checkAddress("10.21.0.1", policy).ok).toBe(false);
    expect(checkAddress("127.0.0.2", policy).ok).toBe(false);
    expect(checkAddress("169.254.169.254", parseOutboundPolicy("169.254.0.0/16")).ok).toBe(false);
  });

  it.each(["10.0.0.0/33", "not-an-ip", "10.0.0.0/x"])("rejects a malformed allowance %j naming the variable", (raw) => {
    expect(() => parseOutboundPolicy(raw)).toThrow(/SRECP_DATASOURCE_ALLOW_PRIVATE/);
  });

  it("refuses metadata host names whatever they resolve to", () => {
    expect(checkHostName("metadata.google.internal").ok).toBe(false);
    expect(checkHostName("METADATA.GOOGLE.INTERNAL.").ok).toBe(false);
    expect(checkHostName("prometheus.example.com").ok).toBe(true);
  });
});

describe("checkOutboundUrl (on save)", () => {
  it("resolves names and checks every address: localhost is private", async () => {
    const verdict = await checkOutboundUrl("http://localhost:9090", none);
    expect(verdict.ok).toBe(false);
    expect((await checkOutboundUrl("http://localhost:9090", all)).ok).toBe(true);
  });

  it("normalises numeric host spellings before checking", async () => {
    // 2130706433 and 0x7f.1 are 127.0.0.1; 0xa9fea9fe is 169.254.169.254.
    expect((await checkOutboundUrl("http://2130706433:9090", none)).ok).toBe(false);
    expect((await checkOutboundUrl("http://0x7f.1:9090", none)).ok).toBe(false);
    expect((await checkOutboundUrl("http://0xa9fea9fe/latest/meta-data", all)).ok).toBe(false);
    expect((await checkOutboundUrl("http://[::ffff:7f00:1]:9090", none)).ok).toBe(false);
  });

  it("refuses a name that does not resolve, saying so", async () => {
    const verdict = await checkOutboundUrl("http://no-such-host.invalid:9090", all);
    expect(verdict).toEqual({ ok: false, why: "the host name no-such-host.invalid does not resolve" });
  });
});
