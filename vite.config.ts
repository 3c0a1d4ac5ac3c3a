/// <reference types="vitest/config" />
// Build of the PWA (client/ -> dist/) and the unit-test setup for the whole repository.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

const API_ORIGIN = 'http://127.0.0.1:8787';
const THEME_COLOR = '#228be6';
// P3: the version shown in Settings; APP_VERSION overrides it (deploy pipelines, the update test).
const APP_VERSION = process.env.APP_VERSION || process.env.npm_package_version || '0.1.0';

export default defineConfig({
  root: 'client',
  publicDir: '../public',
  define: { __APP_VERSION__: JSON.stringify(APP_VERSION) },
  build: { outDir: '../dist', emptyOutDir: true },
  plugins: [
    react(),
    VitePWA({
      // P3: the user decides when a new version takes over ("Update available" -> Reload).
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        id: '/contacts',
        name: 'All Contacts',
        short_name: 'Contacts',
        description: 'View, search, filter, edit, and export every contact in your workspace.',
        start_url: '/contacts',
        scope: '/',
        display: 'standalone',
        theme_color: THEME_COLOR,
        background_color: '#ffffff',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        navigateFallback: 'index.html',
        // The sync engine owns every API call: never answer them with the shell or from a cache.
        navigateFallbackDenylist: [/^\/trpc/, /^\/api(\/|$)/, /^\/healthz/],
        cleanupOutdatedCaches: true,
        // The first install controls the open page at once (offline works without a reload);
        // later versions still wait for the user's "Reload" (no skipWaiting).
        clientsClaim: true,
        globPatterns: ['**/*.{js,css,html,png,svg,woff2}'],
        // The app bundle (React + Mantine) is larger than workbox's 2 MiB default.
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
      },
    }),
  ],
  server: {
    proxy: {
      '/trpc': API_ORIGIN,
      '/healthz': API_ORIGIN,
    },
  },
  test: {
    root: '.',
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Generous: CI machines are shared and slow; speed goals live in `npm run bench`, not here.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
