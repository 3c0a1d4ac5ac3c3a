// V7 inline editing of one cell: a button showing the value ("Edit <label> of <name>"); clicking
// it opens the editor ("<label> for <name>"). Enter or click-away saves, Escape cancels, Tab /
// Shift+Tab save and move to the next / previous editable cell of the row. An invalid value shows
// its error on the cell and is not saved. The draft lives in the editor, so Live refreshes of the
// row never reset what the user is typing.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { IconExternalLink } from '@tabler/icons-react';
import type { Contact } from '../../../../shared/schema';
import { formatPhone } from '../../../../shared/values';
import type { EditorInput } from '../../../../shared/values/parse-input';
import { LocalChangeError } from '../../deps';
import { isUnchanged, parseColumnInput, saveColumn, startInput, type EditableColumn } from '../editing/editable-column';
import { ValueInput } from '../editing/value-input';
import { CustomValueCell, safeHttpUrl } from './custom-value-cell';
import classes from '../contacts-table.module.css';

/** -1 / 1: move to the previous / next editable cell; 0: stop editing. */
export type EditMove = -1 | 0 | 1;

type Props = {
  contact: Contact;
  column: EditableColumn;
  editing: boolean;
  onStart: (columnId: string) => void;
  onFinish: (columnId: string, move: EditMove) => void;
};

export function EditableCell({ contact, column, editing, onStart, onFinish }: Props) {
  const button = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (!editing && refocus.current) {
      refocus.current = false;
      button.current?.focus();
    }
  }, [editing]);

  if (editing) {
    return (
      <CellEditor
        contact={contact}
        column={column}
        onDone={(move, keyboard) => {
          refocus.current = keyboard && move === 0;
          onFinish(column.id, move);
        }}
      />
    );
  }
  const display = (
    <button
      type="button"
      ref={button}
      className={classes.cellButton}
      aria-label={`Edit ${column.field ? column.label : column.label.toLowerCase()} of ${contact.name}`}
      onClick={() => onStart(column.id)}
      data-editable-cell=""
    >
      <CellValue contact={contact} column={column} />
    </button>
  );
  // A link inside the button would be a nested control: an http(s) URL gets its own link beside it.
  const href = column.field?.type === 'url' ? safeHttpUrl(String(contact.customFields[column.field.key] ?? '')) : null;
  if (!href) return display;
  return (
    <span className={classes.inline}>
      {display}
      <a className={classes.link} href={href} target="_blank" rel="noopener noreferrer" aria-label={`Open ${column.label} of ${contact.name}`}>
        <IconExternalLink size={14} aria-hidden />
      </a>
    </span>
  );
}

function CellValue({ contact, column }: { contact: Contact; column: EditableColumn }) {
  const empty = (
    <span className={classes.dimmed} aria-hidden>
      —
    </span>
  );
  if (column.field) {
    const value = contact.customFields[column.field.key];
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return empty;
    if (column.field.type === 'url') return <span className={classes.truncate}>{String(value)}</span>;
    return <CustomValueCell field={column.field} value={value} />;
  }
  const text = column.id === 'email' ? contact.email : formatPhone(contact.phone);
  if (!text) return empty;
  return <span className={classes.truncate}>{text}</span>;
}

function CellEditor({ contact, column, onDone }: { contact: Contact; column: EditableColumn; onDone: (move: EditMove, keyboard: boolean) => void }) {
  const [draft, setDraft] = useState<EditorInput>(() => startInput(contact, column));
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);
  const closed = useRef(false);
  const dropdownOpen = useRef(false);

  async function commit(move: EditMove, keyboard: boolean, input: EditorInput = draft): Promise<void> {
    if (busy.current || closed.current) return;
    const parsed = parseColumnInput(column, input);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    busy.current = true;
    try {
      if (!isUnchanged(contact, column, parsed.value)) await saveColumn(contact, column, parsed.value);
      closed.current = true;
      onDone(move, keyboard);
    } catch (e) {
      setError(e instanceof LocalChangeError ? e.message : 'Could not save this value');
    } finally {
      busy.current = false;
    }
  }

  function cancel(): void {
    closed.current = true;
    onDone(0, true);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>): void {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      cancel();
    } else if (e.key === 'Tab') {
      e.preventDefault();
      void commit(e.shiftKey ? -1 : 1, true);
    } else if (e.key === 'Enter' && !(column.kind === 'multiselect' && dropdownOpen.current)) {
      // In a multiselect, Enter picks the highlighted option while the list is open.
      if (column.kind === 'select' && dropdownOpen.current) return;
      e.preventDefault();
      void commit(0, true);
    }
  }

  return (
    <div data-cell-editor="" onClick={(e) => e.stopPropagation()}>
      <ValueInput
        kind={column.kind}
        label={`${column.label} for ${contact.name}`}
        hideLabel
        size="xs"
        value={draft}
        options={column.options}
        error={error}
        onChange={(v) => {
          setDraft(v);
          setError(null);
        }}
        onPick={(v) => void commit(0, true, v ?? '')}
        onKeyDown={onKeyDown}
        onBlur={() => void commit(0, false)}
        onDropdown={(open) => (dropdownOpen.current = open)}
        autoFocus
      />
    </div>
  );
}
