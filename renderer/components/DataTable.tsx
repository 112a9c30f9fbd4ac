import { type KeyboardEvent, type ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  /** 'num' right-aligns with tabular figures; 'mono' for paths and commands. */
  kind?: 'num' | 'mono' | 'nowrap';
  width?: string;
}

interface Props<T> {
  /** Names the table for screen readers; shown visually only when `showCaption`. */
  caption: string;
  showCaption?: boolean;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** Makes rows selectable (click, or Enter/Space when focused). */
  onSelect?: (row: T) => void;
  selectedKey?: string | null;
  /** How a selectable row is named, e.g. its title. */
  rowLabel?: (row: T) => string;
}

/** A dense table with sticky header, aligned numbers and optional row selection. */
export function DataTable<T>({
  caption,
  showCaption,
  columns,
  rows,
  rowKey,
  onSelect,
  selectedKey,
  rowLabel,
}: Props<T>) {
  const onKey = (event: KeyboardEvent, row: T) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect?.(row);
    }
  };
  return (
    <div className="table-wrap">
      <table className={onSelect ? 'table table-selectable' : 'table'}>
        <caption className={showCaption ? 'table-caption' : 'sr-only'}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.kind ? `col-${c.kind}` : undefined} style={{ width: c.width }}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const key = rowKey(row);
            const selected = selectedKey === key;
            return (
              <tr
                key={key}
                className={selected ? 'is-selected' : undefined}
                aria-current={onSelect && selected ? true : undefined}
                tabIndex={onSelect ? 0 : undefined}
                aria-label={onSelect && rowLabel ? rowLabel(row) : undefined}
                onClick={onSelect ? () => onSelect(row) : undefined}
                onKeyDown={onSelect ? (e) => onKey(e, row) : undefined}
              >
                {columns.map((c) => (
                  <td key={c.key} className={c.kind ? `col-${c.kind}` : undefined}>
                    {c.render(row)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
