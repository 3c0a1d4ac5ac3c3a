// V14: the field types offered in Settings, with the names users see.
import type { FieldType } from '../../../../shared/schema';

export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  text: 'Text',
  number: 'Number',
  date: 'Date',
  select: 'Select',
  multiselect: 'Multi-select',
  email: 'Email',
  phone: 'Phone',
  url: 'URL',
};

/** Only select types carry options (the server refuses options on other types). */
export const hasOptions = (type: FieldType): boolean => type === 'select' || type === 'multiselect';
