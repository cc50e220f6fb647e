type Change = { field: string; before: string; after: string };

type Props = {
  changes: Change[];
  fieldHead: string;
  /** Header of the before column; without it only the values after are shown (a first version). */
  beforeHead?: string;
  afterHead: string;
};

/** A definition's fields, side by side before and after a change (sign-off, version history). */
export function DefinitionDiff({ changes, fieldHead, beforeHead, afterHead }: Props) {
  return (
    <table className="diff">
      <thead>
        <tr>
          <th scope="col">{fieldHead}</th>
          {beforeHead ? <th scope="col">{beforeHead}</th> : null}
          <th scope="col">{afterHead}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.field}>
            <th scope="row">{c.field}</th>
            {beforeHead ? (
              <td className="before">
                <pre>{c.before || "—"}</pre>
              </td>
            ) : null}
            <td className={beforeHead ? "after" : undefined}>
              <pre>{c.after || "—"}</pre>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
