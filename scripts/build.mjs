// Builds dist/: the CLI as one ESM entry (plus lazily loaded chunks) with the default rule base
// validated now and embedded, so start-up does no YAML parsing or schema validation for it.
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
    contents: [
      'export { readRuleDir } from "./src/cli/io.ts";',
      'export * from "./src/rulebase/json-schema.ts";',
      'export { ruleFiles } from "./src/rulebase/schema.ts";',
    ].join("\n"),
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
const {
  readRuleDir,
  profileJsonSchema,
  scenarioJsonSchema,
  rulesJsonSchema,
  renderJsonSchema,
  ruleFiles,
} = await import(pathToFileURL(compiler).href);
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

// 3. JSON Schemas as files, so an editor can validate profiles offline through a `$schema=` line
//    pointing into node_modules/deploy-advisor/dist/schema/. Only the five rule files are embedded
//    above; scenarios are tests, never part of the runtime rule base.
const schemaDir = join(dist, "schema");
mkdirSync(join(schemaDir, "rules"), { recursive: true });
writeFileSync(
  join(schemaDir, "profile.schema.json"),
  renderJsonSchema(profileJsonSchema(ruleBase)),
);
writeFileSync(
  join(schemaDir, "scenario.schema.json"),
  renderJsonSchema(scenarioJsonSchema(ruleBase)),
);
writeFileSync(join(schemaDir, "rules.schema.json"), renderJsonSchema(rulesJsonSchema()));
for (const key of Object.keys(ruleFiles))
  writeFileSync(
    join(schemaDir, "rules", `${key}.schema.json`),
    renderJsonSchema(rulesJsonSchema(key)),
  );
console.log(
  `build: dist/cli.js (rule base ${ruleBase.meta.rulesVersion}, ${ruleBase.strategies.length} strategies, ${ruleBase.questions.length} questions)`,
);
