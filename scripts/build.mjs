// Builds dist/: the CLI as one ESM entry (plus lazily loaded chunks) with the default rule base
// validated now and embedded, so start-up does no YAML parsing or schema validation for it.
import { chmodSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const work = join(root, "node_modules", ".cache", "deploy-advisor-build");
rmSync(dist, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

// commander is CommonJS; inside an ESM bundle it needs a real require.
const requireBanner =
  'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);';

// 1. Validate rules/ with the same loader users get for --rules, and capture it as plain data.
const compiler = join(work, "compile-rules.mjs");
await build({
  stdin: {
    contents: 'export { readRuleDir } from "./src/rulebase/read-dir.ts";',
    resolveDir: root,
    sourcefile: "compile-rules.ts",
    loader: "ts",
  },
  bundle: true,
  platform: "node",
  format: "esm",
  outfile: compiler,
  banner: { js: requireBanner },
  logLevel: "error",
});
const { readRuleDir } = await import(pathToFileURL(compiler).href);
let ruleBase;
try {
  ruleBase = readRuleDir(join(root, "rules"));
} catch (error) {
  for (const d of error.diagnostics ?? [])
    console.error(`${d.file}:${d.line}:${d.column}: ${d.message}`);
  console.error(`build: the built-in rule base is invalid: ${error.message}`);
  process.exit(1);
}

// 2. The CLI bundle.
await build({
  entryPoints: { cli: join(root, "src", "cli", "main.ts") },
  bundle: true,
  splitting: true,
  platform: "node",
  target: "node20.19",
  format: "esm",
  outdir: dist,
  chunkNames: "chunks/[name]-[hash]",
  minifySyntax: true,
  legalComments: "none",
  define: {
    __BUILTIN_RULES__: JSON.stringify(ruleBase),
    __PACKAGE_VERSION__: JSON.stringify(
      JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version,
    ),
  },
  banner: { js: `#!/usr/bin/env node\n${requireBanner}` },
  logLevel: "warning",
});
chmodSync(join(dist, "cli.js"), 0o755);
console.log(
  `build: dist/cli.js (rule base ${ruleBase.meta.rulesVersion}, ${ruleBase.strategies.length} strategies, ${ruleBase.questions.length} questions)`,
);
