// One contacts table row (V6). Memoised: paging, typing and Live refreshes re-render only the
// rows whose contact, selection or clock actually changed. Plain elements styled by
// contacts-table.module.css, not Mantine components: rows are most of a table update's cost.
import { memo, useCallback, useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { IconPencil } from '@tabler/icons-react';
import type { Contact, FieldDefinition } from '../../../shared/schema';
import { CustomValueCell } from './cells/custom-value-cell';
import { EditableCell, type EditMove } from './cells/editable-cell';
import { editableColumns } from './editing/editable-column';
import { isRowClickTarget } from './details/row-click';
import { useRowFlash } from './live-highlight/use-row-flash';
import { NameCell } from './cells/name-cell';
import { CreatedAtCell, LastInteractionCell } from './cells/time-cells';
import classes from './contacts-table.module.css';

type Props = {
  contact: Contact;
  contactColumns: FieldDefinition[];
  conversationColumns: FieldDefinition[];
  selected: boolean;
  onSelect: (ids: string[], on: boolean) => void;
  onToggleOptIn?: (contact: Contact, on: boolean) => void;
  onEdit?: (contact: Contact) => void;
  /** Row click / Enter on the focused row: open the Contact details drawer (V8). */
  onOpen?: (id: string) => void;
  now: number;
};

export const ContactRow = memo(function ContactRow({ contact: c, contactColumns, conversationColumns, selected, onSelect, onToggleOptIn, onEdit, onOpen, now }: Props) {
  // V7: at most one open inline editor per row; Tab moves along the editable columns.
  const editable = useMemo(() => editableColumns(contactColumns), [contactColumns]);
  // Rows are recycled (row-slots.ts), so the editor state names its contact: a row that now shows
  // another contact has no open editor.
  const [editor, setEditor] = useState<{ id: string; column: string } | null>(null);
  const editing = editor?.id === c.id ? editor.column : null;
  const onStart = useCallback((column: string) => setEditor({ id: c.id, column }), [c.id]);
  const onFinish = useCallback(
    (columnId: string, move: EditMove) =>
      setEditor((current) => {
        if (current?.id !== c.id || current.column !== columnId) return current; // another cell was opened meanwhile
        if (move === 0) return null;
        const next = editable[editable.findIndex((col) => col.id === columnId) + move]?.id;
        return next ? { id: c.id, column: next } : null;
      }),
    [editable, c.id],
  );
  const flash = useRowFlash(c);
  // The last-message hover card mounts once the row is pointed at or focused (see time-cells.tsx).
  const [armed, setArmed] = useState(false);
  const arm = () => setArmed(true);
  const onRowClick = (e: MouseEvent<HTMLTableRowElement>) => {
    if (onOpen && isRowClickTarget(e)) onOpen(c.id);
  };
  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>) => {
    if (onOpen && e.key === 'Enter' && e.target === e.currentTarget) onOpen(c.id);
  };
  const cell = (id: string) => {
    const column = editable.find((col) => col.id === id);
    return column ? <EditableCell contact={c} column={column} editing={editing === id} onStart={onStart} onFinish={onFinish} /> : null;
  };
  return (
    <tr
      className={onOpen ? `${classes.row} ${classes.clickable}` : classes.row}
      data-selected={selected || undefined}
      data-flash={flash}
      tabIndex={onOpen ? 0 : undefined}
      onClick={onRowClick}
      onKeyDown={onRowKey}
      onPointerEnter={arm}
      onFocus={arm}
    >
      <td className={classes.cell}>
        <input type="checkbox" className={classes.checkbox} aria-label={`Select ${c.name}`} checked={selected} onChange={(e) => onSelect([c.id], e.currentTarget.checked)} />
      </td>
      <td className={classes.cell}>
        <NameCell contact={c} />
      </td>
      <td className={classes.cell}>{cell('email')}</td>
      <td className={classes.cell}>{cell('phone')}</td>
      <td className={classes.cell}>
        <CreatedAtCell at={c.createdAt} now={now} withTitle={armed} />
      </td>
      <td className={classes.cell}>
        <LastInteractionCell contact={c} now={now} withCard={armed} />
      </td>
      <td className={classes.cell}>
        <input
          type="checkbox"
          role="switch"
          className={classes.switch}
          aria-label={`Campaign opt-in for ${c.name}`}
          checked={c.campaignOptIn}
          aria-readonly={onToggleOptIn ? undefined : true}
          onChange={(e) => onToggleOptIn?.(c, e.currentTarget.checked)}
        />
      </td>
      {contactColumns.map((f) => (
        <td key={f.id} className={classes.cell}>
          {cell(`cf:${f.key}`)}
        </td>
      ))}
      {conversationColumns.map((f) => (
        <td key={f.id} className={classes.cell}>
          <CustomValueCell field={f} value={c.conversationFields[f.key]} />
        </td>
      ))}
      <td className={classes.cell}>
        <button type="button" className={classes.iconButton} aria-label={`Edit ${c.name}`} onClick={() => onEdit?.(c)}>
          <IconPencil size={16} aria-hidden />
        </button>
      </td>
    </tr>
  );
});
