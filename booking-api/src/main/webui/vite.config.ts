import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Built by Maven (booking-api's generate-resources) into the jar's static resources, served at /.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../../../target/classes/META-INF/resources',
    emptyOutDir: false,
  },
  server: { proxy: { '/api': 'http://localhost:8080' } },
});
