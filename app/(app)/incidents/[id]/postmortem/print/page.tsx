import type { Metadata } from "next";
import Link from "next/link";
import { Forbidden } from "@/components/forbidden";
import { Markdown } from "@/components/incidents/markdown";
import { PrintButton } from "@/components/incidents/print-button";
import { postmortemMarkdown } from "@/lib/services/incidents/export";
import { getPostmortem } from "@/lib/services/incidents/postmortem-read";
import { load } from "../../../../_lib/load";
import { pageActor } from "../../../../_lib/page-actor";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Postmortem (print)" };

/**
 * Print-friendly postmortem: the exact Markdown export (front matter shown as a table of facts),
 * rendered without the app's chrome when printed.
 */
export default async function PostmortemPrintPage({ params }: Props) {
  const { id } = await params;
  const actor = await pageActor();
  const res = await load(async () => {
    const doc = await getPostmortem(actor, { incident: id });
    return { doc, md: await postmortemMarkdown(actor, { id: doc.id }) };
  });
  if (!res.ok) return <Forbidden title="Postmortem" message={res.forbidden} />;
  const { doc, md } = res.data;
  const [, front = "", body = md.markdown] = md.markdown.match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/) ?? [];
  const facts = front
    .split("\n")
    .map((line) => line.split(/:\s(.*)/s))
    .filter((p) => p.length >= 2) as [string, string][];
  return (
    <article className="print-doc">
      <div className="print-actions no-print row">
        <PrintButton />
        <a className="btn btn-secondary" href={`/api/v1/postmortems/${doc.id}.md?download=1`} download>
          Download Markdown
        </a>
        <Link href={`/incidents/${doc.incident.number}/postmortem`}>Back to the editor</Link>
      </div>
      <Markdown text={body} headingShift={-1} />
      <h2 className="print-facts-title">Metadata</h2>
      <table className="table print-facts">
        <tbody>
          {facts.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td className="mono">{v.replace(/^"|"$/g, "")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
