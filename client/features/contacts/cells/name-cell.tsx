// V6 Name: avatar (image when avatarUrl, else initials on the contact's stable color) + name as text.
// Plain elements (see contacts-table.module.css): this renders once per row on every table update.
import type { Contact } from '../../../../shared/schema';
import { avatarColor, initials } from '../avatar-color';
import classes from '../contacts-table.module.css';

export function NameCell({ contact }: { contact: Contact }) {
  return (
    <span className={classes.nameCell}>
      <span className={classes.avatar} style={{ backgroundColor: `var(--mantine-color-${avatarColor(contact.id)}-filled)` }}>
        {contact.avatarUrl ? <img src={contact.avatarUrl} alt="" loading="lazy" /> : initials(contact.name)}
      </span>
      <span className={classes.name}>{contact.name}</span>
    </span>
  );
}
