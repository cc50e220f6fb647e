import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";

/** A dense data table with a caption for screen readers; scrolls horizontally on narrow screens. */
export function Table({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export const Th = ({ children, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) => (
  <th scope="col" {...rest}>
    {children}
  </th>
);

export const Td = ({ children, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) => <td {...rest}>{children}</td>;

/** The header of a column of row actions (buttons): named for screen readers, blank on screen. */
export const ActionsTh = () => (
  <Th>
    <span className="sr-only">Actions</span>
  </Th>
);
