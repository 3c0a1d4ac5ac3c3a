// Record and mutation ids: UUID v7, generated on the device, time-ordered and collision-free
// without coordination (74 random bits per millisecond).
import { v7 as uuidv7, validate, version } from 'uuid';

export function newId(): string {
  return uuidv7();
}

export function isUuid(value: string): boolean {
  return validate(value) && (version(value) === 7 || version(value) === 4);
}
