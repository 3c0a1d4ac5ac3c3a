export * from './phone';
export * from './custom-value';
