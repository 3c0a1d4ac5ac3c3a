// Entry point for the filter drawer and the server: fields, operators, validation (D6).
export * from './field-list';
export * from './operators';
export * from './validate';
