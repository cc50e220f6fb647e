import Link from "next/link";

type Props = {
  /** Path without query, e.g. "/services". */
  basePath: string;
  /** The other query parameters to keep (filters); empty values are dropped. */
  params?: Record<string, string | undefined>;
  page: number;
  pageSize: number;
  total: number;
};

const href = (basePath: string, params: Record<string, string | undefined>, page: number) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  if (page > 1) q.set("page", String(page));
  const s = q.toString();
  return s ? `${basePath}?${s}` : basePath;
};

/** "1–25 of 240" plus previous/next links that keep the current filters. */
export function Pagination({ basePath, params = {}, page, pageSize, total }: Props) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total === 0) return null;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className="pagination" aria-label="Pagination">
      <span className="muted">
        {first <= total ? `${first}–${last} of ${total}` : `Page ${page} is past the end (${total} total)`}
      </span>
      {pages > 1 ? (
        <span className="pagination-links">
          {page > 1 ? (
            <Link
              className="btn btn-secondary btn-sm"
              href={href(basePath, params, Math.min(page - 1, pages))}
              rel="prev"
            >
              Previous
            </Link>
          ) : (
            <span className="btn btn-secondary btn-sm" aria-disabled="true">
              Previous
            </span>
          )}
          <span className="muted" aria-current="page">
            Page {page} of {pages}
          </span>
          {page < pages ? (
            <Link className="btn btn-secondary btn-sm" href={href(basePath, params, page + 1)} rel="next">
              Next
            </Link>
          ) : (
            <span className="btn btn-secondary btn-sm" aria-disabled="true">
              Next
            </span>
          )}
        </span>
      ) : null}
    </nav>
  );
}
