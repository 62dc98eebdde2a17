#!/usr/bin/env node
// deploy-advisor's executable. It runs the bundled CLI (app.cjs) through V8's code cache
// (app.cache, made at build time), so Node skips most parsing and compiling on every start:
// the tool runs in CI jobs and pre-commit hooks, where start-up is most of its cost.
// A missing or stale cache (another Node version) only costs speed: V8 then compiles as usual.
//
// Built-in modules come from process.getBuiltinModule, not import: for each imported built-in
// the ESM loader builds a facade that reads every export, and reading fs.ReadStream alone loads
// all of Node's streams.

import { writeStdout } from "../src/report/write.ts";

// The build fills these in. --version and --help are answered here, before the bundle is even
// read: scripts run them most often, just to see that the tool is there.
const quickAnswers = {
  "--version": `${__PACKAGE_VERSION__}\n`,
  "-V": `${__PACKAGE_VERSION__}\n`,
  "--help": __HELP_TEXT__,
  "-h": __HELP_TEXT__,
};
const quick = process.argv.length === 3 ? quickAnswers[process.argv[2]] : undefined;
if (quick !== undefined) writeStdout(quick);
else runBundle();

function runBundle() {
  const { readFileSync, writeFileSync } = process.getBuiltinModule("node:fs");
  const { createRequire } = process.getBuiltinModule("node:module");
  const { dirname, join } = process.getBuiltinModule("node:path");
  const { fileURLToPath, pathToFileURL } = process.getBuiltinModule("node:url");
  const { Script } = process.getBuiltinModule("node:vm");
  const here = dirname(fileURLToPath(import.meta.url));
  const app = join(here, "app.cjs");
  let cachedData;
  try {
    cachedData = readFileSync(join(here, "app.cache"));
  } catch {
    cachedData = undefined;
  }
  // app.cjs is one function expression (the build wraps it) taking CommonJS's arguments.
  // The build keeps the bundle pure ASCII, so latin1 decodes it exactly, and fastest.
  const script = new Script(readFileSync(app, "latin1"), { filename: app, cachedData });
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
}
