// The page's contact overlays in one place: the details drawer (V8) and the contact editor
// (edit / new). If the contact shown is deleted on another device, both close with one message.
import { useCallback, useRef, useState } from 'react';
import { notifications } from '@mantine/notifications';
import type { Contact, FieldDefinition } from '../../../../shared/schema';
import { ContactDetailsDrawer } from './contact-details-drawer';
import { ContactEditor, type EditorTarget } from './contact-editor';

export function useContactOverlays(fields: FieldDefinition[]) {
  const [detailsId, setDetailsId] = useState<string | null>(null);
  const [editor, setEditor] = useState<EditorTarget>(null);
  const notified = useRef<string | null>(null);

  const openDetails = useCallback((id: string) => {
    notified.current = null;
    setDetailsId(id);
  }, []);
  const openEditor = useCallback((contact: Contact) => {
    notified.current = null;
    setEditor({ id: contact.id });
  }, []);
  const openNew = useCallback(() => setEditor({ id: null }), []);
  const onGone = useCallback((id: string) => {
    setDetailsId((current) => (current === id ? null : current));
    setEditor((current) => (current?.id === id ? null : current));
    if (notified.current === id) return;
    notified.current = id;
    notifications.show({ color: 'yellow', title: 'Contact deleted', message: 'This contact was deleted on another device.' });
  }, []);

  const element = (
    <>
      <ContactDetailsDrawer
        contactId={detailsId}
        fields={fields}
        onClose={() => setDetailsId(null)}
        onEdit={(id) => setEditor({ id })}
        onGone={onGone}
      />
      <ContactEditor target={editor} fields={fields} onClose={() => setEditor(null)} onGone={onGone} />
    </>
  );
  return { openDetails, openEditor, openNew, element };
}
