// V8 contact editor: a modal ("Edit contact" / "New contact") with every field - name, email,
// phone, avatar URL, campaign opt-in and each contact custom field by type. Save writes only the
// changed fields through the local change API (patchContact), or creates the contact with an id
// made on this device (createContact). Invalid fields show their message and nothing is saved.
import { useState } from 'react';
import { Button, Group, Loader, Modal, Stack, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Contact, FieldDefinition } from '../../../../shared/schema';
import { db } from '../../../db/db';
import { createContact, LocalChangeError, patchContact } from '../../deps';
import { customColumn } from '../editing/editable-column';
import { deviceCountry } from '../editing/device-country';
import { ValueInput } from '../editing/value-input';
import { draftOf, parseDraft, type ContactDraft } from './contact-form';
import { useLiveContact } from './use-live-contact';

/** null: closed; { id: null }: a new contact; { id }: edit that contact. */
export type EditorTarget = { id: string | null } | null;

type Props = {
  target: EditorTarget;
  fields: FieldDefinition[];
  onClose: () => void;
  onGone: (id: string) => void;
};

export function ContactEditor({ target, fields, onClose, onGone }: Props) {
  const contact = useLiveContact(target?.id ?? null, onGone);
  const isNew = target !== null && target.id === null;
  const contactFields = fields.filter((f) => f.scope === 'contact').sort((a, b) => a.position - b.position);
  return (
    <Modal opened={target !== null} onClose={onClose} title={isNew ? 'New contact' : 'Edit contact'} size="lg" zIndex={300}>
      {isNew ? (
        <EditorForm key="new" contact={null} fields={contactFields} onClose={onClose} />
      ) : contact ? (
        <EditorForm key={contact.id} contact={contact} fields={contactFields} onClose={onClose} />
      ) : (
        <Loader size="sm" aria-label="Loading contact" />
      )}
    </Modal>
  );
}

// A name that never equals user input: a new contact's name is always checked ("Name is required").
const UNSET = '\u0000';

function EditorForm({ contact, fields, onClose }: { contact: Contact | null; fields: FieldDefinition[]; onClose: () => void }) {
  // Start values are taken once: Live refreshes of the contact never overwrite what is typed.
  const [initial] = useState(() => {
    const d = draftOf(contact, fields);
    return contact ? d : { ...d, name: UNSET };
  });
  const [draft, setDraft] = useState<ContactDraft>(() => draftOf(contact, fields));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  const set = (patch: Partial<ContactDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const err = (key: string) => (errors[key] ? <span role="alert">{errors[key]}</span> : undefined);

  async function save(): Promise<void> {
    const parsed = parseDraft(draft, initial, fields, deviceCountry());
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      if (contact) {
        const changed = Object.keys(parsed.set).length > 0 || Object.keys(parsed.customFields).length > 0;
        if (changed) await patchContact(db, contact.id, { set: parsed.set, customFields: parsed.customFields });
      } else {
        const customFields = Object.fromEntries(Object.entries(parsed.customFields).filter(([, v]) => v !== null));
        await createContact(db, { name: '', email: '', phone: '', avatarUrl: '', campaignOptIn: false, ...parsed.set, customFields });
        notifications.show({ color: 'green', message: `Contact ${parsed.set.name ?? ''} created` });
      }
      onClose();
    } catch (e) {
      setErrors({ form: e instanceof LocalChangeError ? e.message : 'Could not save the contact' });
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      noValidate
    >
      <Stack gap="sm">
        <TextInput label="Name" required value={draft.name} onChange={(e) => set({ name: e.currentTarget.value })} error={err('name')} data-autofocus />
        <TextInput label="Email" type="email" value={draft.email} onChange={(e) => set({ email: e.currentTarget.value })} error={err('email')} />
        <TextInput label="Phone" type="tel" value={draft.phone} onChange={(e) => set({ phone: e.currentTarget.value })} error={err('phone')} />
        <TextInput
          label="Avatar URL"
          type="url"
          placeholder="https://…"
          value={draft.avatarUrl}
          onChange={(e) => set({ avatarUrl: e.currentTarget.value })}
          error={err('avatarUrl')}
        />
        <Switch label="Campaign opt-in" checked={draft.campaignOptIn} onChange={(e) => set({ campaignOptIn: e.currentTarget.checked })} />
        {fields.map((f) => {
          const column = customColumn(f);
          return (
            <ValueInput
              key={f.id}
              kind={column.kind}
              label={f.label}
              value={draft.custom[f.key] ?? ''}
              options={f.options}
              error={errors[`cf:${f.key}`] ?? null}
              onChange={(v) => setDraft((d) => ({ ...d, custom: { ...d.custom, [f.key]: v } }))}
            />
          );
        })}
        {errors.form && (
          <div role="alert" style={{ color: 'var(--mantine-color-red-7)', fontSize: 'var(--mantine-font-size-sm)' }}>
            {errors.form}
          </div>
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={saving}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
