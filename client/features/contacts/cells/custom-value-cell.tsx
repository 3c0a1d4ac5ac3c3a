// V6 custom and conversation field values, formatted by type; always rendered as text (Q3).
// URLs become links only for http(s), so a stored "javascript:" value can never run.
// Plain elements (see contacts-table.module.css): table cells re-render on every table update.
import type { CustomValue, FieldDefinition } from '../../../../shared/schema';
import { formatPhone } from '../../../../shared/values';
import classes from '../contacts-table.module.css';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const numberFormat = new Intl.NumberFormat();

export function safeHttpUrl(value: string): string | null {
  // Most values are not URLs at all: skip the URL parser (and its exception) for them.
  if (!/^https?:/i.test(value.trimStart())) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function formatDateValue(value: string): string {
  const at = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(at) ? value : dateFormat.format(at);
}

export function CustomValueCell({ field, value }: { field: FieldDefinition; value: CustomValue | undefined }) {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return null;
  }
  if (Array.isArray(value)) {
    return (
      <span className={classes.badges}>
        {value.map((v) => (
          <span key={v} className={classes.badge}>
            {v}
          </span>
        ))}
      </span>
    );
  }
  if (typeof value === 'number') return <span>{numberFormat.format(value)}</span>;
  switch (field.type) {
    case 'url': {
      const href = safeHttpUrl(value);
      return href ? (
        <a className={classes.link} href={href} target="_blank" rel="noopener noreferrer" onClick={(e) => e.stopPropagation()}>
          {value}
        </a>
      ) : (
        <span>{value}</span>
      );
    }
    case 'date':
      return <span>{formatDateValue(value)}</span>;
    case 'phone':
      return <span>{formatPhone(value)}</span>;
    case 'select':
      return <span className={classes.badge}>{value}</span>;
    default:
      return <span className={classes.truncate}>{value}</span>;
  }
}
