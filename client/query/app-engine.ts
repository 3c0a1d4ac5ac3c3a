// The app's one query engine, over the app's one database (created on first use).
import { db } from '../db/db';
import { createQueryEngine, type QueryEngine } from './engine';

let engine: QueryEngine | null = null;

export function getQueryEngine(): QueryEngine {
  engine ??= createQueryEngine(db);
  return engine;
}
