#!/usr/bin/env node
// deploy-advisor's executable. It runs the bundled CLI (app.cjs) through V8's code cache
// (app.cache, made at build time), so Node skips most parsing and compiling on every start:
// the tool runs in CI jobs and pre-commit hooks, where start-up is most of its cost.
// A missing or stale cache (another Node version) only costs speed: V8 then compiles as usual.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Script } from "node:vm";

const here = dirname(fileURLToPath(import.meta.url));
const app = join(here, "app.cjs");
const cacheFile = join(here, "app.cache");
// --version and --help run almost no code: reading the cache would cost more than it saves.
const trivial =
  process.argv.length === 3 && ["--version", "-V", "--help", "-h"].includes(process.argv[2]);
let cachedData;
try {
  cachedData = trivial ? undefined : readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const source = readFileSync(app, "utf8");
const script = new Script(
  `(function (exports, require, module, __filename, __dirname, __import_meta_url) {${source}\n})`,
  { filename: app, cachedData },
);
// The build runs one representative command with this set, then stores what V8 compiled.
const cacheOut = process.env.DEPLOY_ADVISOR_BUILD_CODE_CACHE;
if (cacheOut) process.once("exit", () => writeFileSync(cacheOut, script.createCachedData()));
const module = { exports: {} };
script.runInThisContext()(
  module.exports,
  createRequire(app),
  module,
  app,
  here,
  pathToFileURL(app).href,
);
