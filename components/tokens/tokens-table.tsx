import { RevokeTokenButton } from "@/components/tokens/revoke-token-button";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { ActionsTh, Table, Td, Th } from "@/components/ui/table";
import type { ApiTokenView } from "@/lib/validation/views/access";

/** API tokens with owner (optional), scopes, last use, status and a revoke button. Used by the user's and the admin's token pages. */
export function TokensTable({
  tokens,
  caption,
  ownerLabel,
}: {
  tokens: ApiTokenView[];
  caption: string;
  ownerLabel?: string;
}) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Name</Th>
          {ownerLabel ? <Th>{ownerLabel}</Th> : null}
          <Th>Prefix</Th>
          <Th>Scopes</Th>
          <Th>Last used</Th>
          <Th>Status</Th>
          <ActionsTh />
        </tr>
      </thead>
      <tbody>
        {tokens.map((t) => (
          <tr key={t.id}>
            <Td>{t.name}</Td>
            {ownerLabel ? <Td>{t.user.email}</Td> : null}
            <Td className="mono">{t.prefix}…</Td>
            <Td>{t.scopes.length ? t.scopes.join(", ") : <span className="muted">all</span>}</Td>
            <Td className="nowrap">
              {t.lastUsedAt ? <LocalTime iso={t.lastUsedAt} /> : <span className="muted">Never</span>}
            </Td>
            <Td>{t.revokedAt ? <Badge tone="danger">revoked</Badge> : <Badge tone="success">active</Badge>}</Td>
            <Td>{t.revokedAt ? null : <RevokeTokenButton id={t.id} name={t.name} />}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
