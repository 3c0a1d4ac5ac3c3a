export * from './neutralise';
export * from './rows';
export * from './serialise';
