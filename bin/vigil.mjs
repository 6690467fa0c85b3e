#!/usr/bin/env node
// The `vigil` command. TypeScript sources run through tsx's loader (no build step).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../apps/server/src/cli/main.ts');
await main(process.argv);
