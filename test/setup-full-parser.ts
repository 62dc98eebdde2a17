import { loadFullParser } from "../src/profile/full-parser.js";

// The CLI loads the full YAML parser when a command first needs it (see full-parser.ts). Unit
// tests call the synchronous parts directly, so every test file starts with it loaded.
await loadFullParser();
