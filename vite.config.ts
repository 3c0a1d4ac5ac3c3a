/// <reference types="vitest/config" />
// Build of the PWA (client/ -> dist/) and the unit-test setup for the whole repository.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

const API_ORIGIN = 'http://127.0.0.1:8787';
const THEME_COLOR = '#228be6';

export default defineConfig({
  root: 'client',
  publicDir: '../public',
  build: { outDir: '../dist', emptyOutDir: true },
  plugins: [
    react(),
    VitePWA({
      // P3: the user decides when a new version takes over ("Update available" -> Reload).
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'All Contacts',
        short_name: 'Contacts',
        description: 'View, search, filter, edit, and export every contact in your workspace.',
        start_url: '/contacts',
        scope: '/',
        display: 'standalone',
        theme_color: THEME_COLOR,
        background_color: '#ffffff',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/trpc/, /^\/healthz/],
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
    testTimeout: 30000,
  },
});
