// One input per editor kind (V7), shared by the inline cell editor and the contact editor:
// text-like inputs (email/tel/url/number/date use the matching browser input), a Select for
// one option and a MultiSelect for several. Errors are announced (role alert) and mark the
// input aria-invalid.
import type { KeyboardEvent } from 'react';
import { MultiSelect, Select, TextInput } from '@mantine/core';
import type { EditorInput } from '../../../../shared/values/parse-input';
import type { EditorKind } from './editable-column';

export type ValueInputProps = {
  kind: EditorKind;
  /** The accessible name (and the visible label unless hideLabel). */
  label: string;
  hideLabel?: boolean;
  value: EditorInput;
  options: string[];
  error: string | null;
  onChange: (value: EditorInput) => void;
  /** Select only: an option was picked (inline editing saves at once). */
  onPick?: (value: string | null) => void;
  onKeyDown?: (e: KeyboardEvent<HTMLInputElement>) => void;
  onBlur?: () => void;
  onDropdown?: (open: boolean) => void;
  autoFocus?: boolean;
  size?: 'xs' | 'sm';
};

const INPUT_TYPE: Partial<Record<EditorKind, string>> = { email: 'email', tel: 'tel', url: 'url', date: 'date' };

export function ValueInput(p: ValueInputProps) {
  const common = {
    label: p.hideLabel ? undefined : p.label,
    'aria-label': p.label,
    error: p.error ? <span role="alert">{p.error}</span> : undefined,
    onKeyDown: p.onKeyDown,
    onBlur: p.onBlur,
    autoFocus: p.autoFocus,
    size: p.size ?? 'sm',
  };
  if (p.kind === 'select') {
    return (
      <Select
        {...common}
        data={p.options}
        value={typeof p.value === 'string' && p.value !== '' ? p.value : null}
        onChange={(v) => {
          p.onChange(v ?? '');
          p.onPick?.(v);
        }}
        clearable
        searchable
        defaultDropdownOpened={p.autoFocus}
        onDropdownOpen={() => p.onDropdown?.(true)}
        onDropdownClose={() => p.onDropdown?.(false)}
        nothingFoundMessage="No such option"
        miw={160}
      />
    );
  }
  if (p.kind === 'multiselect') {
    return (
      <MultiSelect
        {...common}
        data={p.options}
        value={Array.isArray(p.value) ? p.value : []}
        onChange={p.onChange}
        clearable
        searchable
        defaultDropdownOpened={p.autoFocus}
        onDropdownOpen={() => p.onDropdown?.(true)}
        onDropdownClose={() => p.onDropdown?.(false)}
        nothingFoundMessage="No such option"
        miw={200}
      />
    );
  }
  return (
    <TextInput
      {...common}
      type={INPUT_TYPE[p.kind] ?? 'text'}
      inputMode={p.kind === 'number' ? 'decimal' : undefined}
      value={typeof p.value === 'string' ? p.value : p.value.join(', ')}
      onChange={(e) => p.onChange(e.currentTarget.value)}
      miw={p.kind === 'date' ? 150 : 180}
    />
  );
}
