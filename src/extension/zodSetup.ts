// Imported first by extension.ts, before any zod schema is built. zod's JIT probes whether `eval` is
// allowed by reading `navigator`, which in the extension host is a getter that logs a
// PendingMigrationError. jitless zod never probes; the schemas are small, so nothing is lost.
import { config } from 'zod';

config({ jitless: true });
