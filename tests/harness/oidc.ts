import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

// A real, certified OpenID provider (npm oidc-provider) on a free loopback port, for single sign-on tests.
// Its development login screen accepts any login name; the account's claims are derived from that name:
// "<name>@sso.example.com", and the groups listed in SSO_GROUPS for it.
export const SSO_CLIENT = { id: "srecp-e2e", secret: "srecp-e2e-client-secret" };
export const SSO_GROUPS: Record<string, string[]> = {
  "sso-lead": ["sre-leads", "everyone"],
  "sso-sre": ["sre"],
  "sso-guest": [],
};

export type OidcServer = { issuer: string; stop: () => Promise<void> };

export async function startOidcProvider(appUrl: string): Promise<OidcServer> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: SSO_CLIENT.id,
        client_secret: SSO_CLIENT.secret,
        redirect_uris: [`${appUrl}/api/auth/callback/oidc`],
        post_logout_redirect_uris: [appUrl],
      },
    ],
    async findAccount(_ctx, id) {
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          email: `${id}@sso.example.com`,
          email_verified: true,
          name: `SSO ${id}`,
          groups: SSO_GROUPS[id] ?? [],
        }),
      };
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
    // Put the claims in the ID token too (NextAuth reads the profile from it).
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["srecp-e2e-oidc-cookie-key"] },
  });
  server.on("request", provider.callback());
  return { issuer, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
