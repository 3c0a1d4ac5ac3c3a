// Keeps the previous object while a new one is equal by value, so the query engine sees the same
// filter reference across paging/sorting (its match-set cache stays warm) and effects don't re-run.
import { useRef } from 'react';

export function useStableValue<T>(value: T): T {
  const ref = useRef<{ value: T; key: string } | null>(null);
  const key = JSON.stringify(value);
  if (!ref.current || ref.current.key !== key) ref.current = { value, key };
  return ref.current.value;
}
