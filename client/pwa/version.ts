// P3: the running build's version (vite `define`; APP_VERSION at build time overrides it).
declare const __APP_VERSION__: string | undefined;

export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';
