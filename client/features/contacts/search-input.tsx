// V1: the search box. Keeps its own text while typing and reports it after a 150 ms pause;
// follows outside changes (a segment clears it, back/forward restores it).
import { useEffect, useRef, useState } from 'react';
import { CloseButton, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';

export const SEARCH_DEBOUNCE_MS = 150;

export function SearchInput({ value, onChange }: { value: string; onChange: (text: string) => void }) {
  const [text, setText] = useState(value);
  const committed = useRef(value);
  useEffect(() => {
    if (value !== committed.current) {
      committed.current = value;
      setText(value);
    }
  }, [value]);
  useEffect(() => {
    if (text === committed.current) return;
    const timer = setTimeout(() => {
      committed.current = text;
      onChange(text);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, onChange]);

  return (
    <TextInput
      aria-label="Search contacts"
      placeholder="Search by name, email, phone or keyword"
      w={{ base: '100%', sm: 320 }}
      leftSection={<IconSearch size={16} aria-hidden />}
      value={text}
      onChange={(e) => setText(e.currentTarget.value)}
      rightSection={text ? <CloseButton aria-label="Clear search" size="sm" onClick={() => setText('')} /> : null}
    />
  );
}
