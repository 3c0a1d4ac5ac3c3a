export * from './fields';
export * from './evaluate';
export { DAY_MS, addDays, dayKeyAt, isDayKey, startOfDay } from './days';
