export * from './common';
export * from './workspace';
export * from './field';
export * from './contact';
export * from './conversation';
export * from './filter';
export * from './segment';
