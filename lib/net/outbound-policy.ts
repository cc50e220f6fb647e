import { BlockList, isIP } from "node:net";

/**
 * Which addresses the server may connect to on behalf of a user-configured URL (data sources).
 * Link-local and cloud metadata addresses are refused always: they hand out instance credentials.
 * Loopback and private ranges are refused unless the operator allows them with
 * SRECP_DATASOURCE_ALLOW_PRIVATE ("1" for all of them, or a comma list of CIDRs such as
 * "10.20.0.0/16,127.0.0.1/32"), because an in-cluster Prometheus is a normal setup but a shared
 * instance must not let an admin of the app probe the host's other services. See docs/security.md.
 */
export type OutboundPolicy = { allowPrivate: "all" | "none" | BlockList };

export type AddressVerdict = { ok: true } | { ok: false; why: string };

const family = (address: string) => (isIP(address) === 6 ? "ipv6" : "ipv4");

const list = (subnets: [string, number][]) => {
  const blocks = new BlockList();
  for (const [net, prefix] of subnets) blocks.addSubnet(net, prefix, family(net));
  return blocks;
};

const ALWAYS_BLOCKED = list([
  ["0.0.0.0", 8], // "this network": 0.0.0.0 connects to the local host on Linux
  ["169.254.0.0", 16], // link-local, includes 169.254.169.254 (AWS, GCP, Azure, OpenStack metadata)
  ["100.100.100.200", 32], // Alibaba Cloud metadata
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved and broadcast
  ["::", 128],
  ["fe80::", 10], // IPv6 link-local
  ["fd00:ec2::254", 128], // AWS metadata over IPv6
  ["ff00::", 8], // IPv6 multicast
]);

const PRIVATE = list([
  ["127.0.0.0", 8],
  ["10.0.0.0", 8],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
  ["100.64.0.0", 10], // carrier-grade NAT, also used by Tailscale and some clusters
  ["198.18.0.0", 15], // benchmarking networks
  ["::1", 128],
  ["fc00::", 7], // unique local
  ["64:ff9b::", 96], // NAT64: reaches IPv4 addresses through a translator
]);

// Names that resolve to the metadata service; refused by name too, before any DNS answer is trusted.
const METADATA_NAMES = new Set([
  "metadata.google.internal",
  "metadata.goog",
  "metadata",
  "instance-data",
  "instance-data.ec2.internal",
]);

/** Parses SRECP_DATASOURCE_ALLOW_PRIVATE; throws naming the variable on a malformed CIDR. */
export function parseOutboundPolicy(raw: string | undefined): OutboundPolicy {
  const value = raw?.trim() ?? "";
  if (value === "" || value === "0" || value.toLowerCase() === "false") return { allowPrivate: "none" };
  if (value === "1" || value.toLowerCase() === "true") return { allowPrivate: "all" };
  const allowed = new BlockList();
  for (const entry of value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [net = "", prefixText] = entry.split("/");
    const bits = isIP(net) === 6 ? 128 : 32;
    const prefix = prefixText === undefined ? bits : Number(prefixText);
    if (isIP(net) === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > bits) {
      throw new Error(
        `SRECP_DATASOURCE_ALLOW_PRIVATE: "${entry}" is not an IP address or CIDR (use 1, or a list like 10.0.0.0/8,127.0.0.1/32)`,
      );
    }
    allowed.addSubnet(net, prefix, family(net));
  }
  return { allowPrivate: allowed };
}

/** Verdict for one resolved IP address under the policy. */
export function checkAddress(address: string, policy: OutboundPolicy): AddressVerdict {
  const kind = family(address);
  if (isIP(address) === 0) return { ok: false, why: `"${address}" is not an IP address` };
  if (ALWAYS_BLOCKED.check(address, kind))
    return { ok: false, why: `${address} is a link-local, metadata or reserved address, which is never allowed` };
  if (!PRIVATE.check(address, kind)) return { ok: true };
  const { allowPrivate } = policy;
  if (allowPrivate === "all" || (allowPrivate !== "none" && allowPrivate.check(address, kind))) return { ok: true };
  return {
    ok: false,
    why: `${address} is a loopback or private address; an operator can allow it with SRECP_DATASOURCE_ALLOW_PRIVATE`,
  };
}

/** Verdict for a host name before resolving it (metadata names are refused whatever they resolve to). */
export function checkHostName(hostname: string): AddressVerdict {
  const name = hostname.toLowerCase().replace(/\.$/, "");
  return METADATA_NAMES.has(name)
    ? { ok: false, why: `${name} is a cloud metadata host, which is never allowed` }
    : { ok: true };
}
