import { Td, Th } from "@/components/ui/table";
import { OverdueBadge, PriorityBadge } from "./badges";

type Item = {
  title: string;
  ticketUrl: string | null;
  owner: { name: string } | null;
  priority: string;
  type: string;
  dueDate: string | null;
  overdue: boolean;
};

/** An action item's title, with a link to its ticket in the team's tracker when it has one. */
export function ActionTitle({ item }: { item: Item }) {
  return (
    <>
      {item.title}
      {item.ticketUrl ? (
        <>
          {" "}
          ·{" "}
          <a href={item.ticketUrl} target="_blank" rel="noreferrer">
            ticket
          </a>
        </>
      ) : null}
    </>
  );
}

/**
 * The owner, priority, type and due cells of an action item's row (the tracker page and an incident's panel);
 * `dueNote` goes under the due date.
 */
export function ActionItemCells({ item, dueNote }: { item: Item; dueNote?: string }) {
  return (
    <>
      <Td>{item.owner ? item.owner.name : <span className="muted">unassigned</span>}</Td>
      <Td>
        <PriorityBadge priority={item.priority} />
      </Td>
      <Td>{item.type}</Td>
      <Td className="nowrap">
        {item.dueDate ?? "—"} {item.overdue ? <OverdueBadge /> : null}
        {dueNote !== undefined ? <div className="small muted">{dueNote}</div> : null}
      </Td>
    </>
  );
}

/** The headers of the columns ActionItemCells fills. */
export function ActionItemHeads() {
  return (
    <>
      <Th>Owner</Th>
      <Th>Priority</Th>
      <Th>Type</Th>
      <Th>Due</Th>
    </>
  );
}
