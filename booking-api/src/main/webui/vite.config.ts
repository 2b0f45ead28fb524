import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Built by Maven (booking-api's generate-resources) into the jar's static resources, served at /.
// `npm run dev`: the page with live reload on http://localhost:5173, /api sent to booking-api in dev mode
// (./mvnw quarkus:dev -pl booking-api, port 8180); BOOKING_API_URL=http://localhost:8080 for the full local stack.
const bookingApi = process.env.BOOKING_API_URL ?? 'http://localhost:8180';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../../../target/classes/META-INF/resources',
    emptyOutDir: false,
  },
  server: { port: 5173, strictPort: true, proxy: { '/api': bookingApi } },
});
