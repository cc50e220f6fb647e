import { diffSnapshots, showValue } from "./json-diff";

/** Expandable before/after view of one audit event; only changed fields are listed. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const rows = diffSnapshots(before, after);
  if (rows.length === 0) return <span className="muted">No field changes</span>;
  return (
    <details>
      <summary>
        {rows.length} field{rows.length === 1 ? "" : "s"}
      </summary>
      <table className="diff">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" className="mono">
                {r.key}
              </th>
              <td className={r.before === undefined ? undefined : "before"}>
                <pre>{showValue(r.before)}</pre>
              </td>
              <td className={r.after === undefined ? undefined : "after"}>
                <pre>{showValue(r.after)}</pre>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
