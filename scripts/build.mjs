// Builds dist/: the CLI as one ESM entry (plus lazily loaded chunks) with the default rule base
// validated now and embedded, so start-up does no YAML parsing or schema validation for it.
import { spawnSync } from "node:child_process";
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
      'export { readRuleDir } from "./src/rulebase/read-dir.ts";',
      'export { buildProgram } from "./src/cli/program.ts";',
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
  buildProgram,
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

// 2. The top-level help, rendered once here so `--help` need not load commander at run time.
let helpText = "";
const program = buildProgram(() => {});
program.configureOutput({ writeOut: (text) => (helpText += text) });
program.outputHelp();

const packageVersion = JSON.stringify(
  JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version,
);

// commander requires child_process at load time for executable subcommands, which this CLI does
// not use; loading it pulls in net, dgram and streams on every start. Defer it until touched.
const deferChildProcess = {
  name: "defer-child-process",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes(`${join("node_modules", "commander")}`)
        ? { path: "deferred-child-process", namespace: "deferred" }
        : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: "deferred" }, () => ({
      contents:
        'module.exports = new Proxy({}, { get: (_, key) => require("node:child_process")[key] });',
      loader: "js",
    }));
  },
};

const readableBuild = process.env.BUILD_NO_MINIFY === "1";

// fdir (under tinyglobby) looks for picomatch at load time with a require from disk, outside the
// bundle, for a glob feature tinyglobby does not use (it matches with its own bundled copy).
// Reading and compiling that copy cost check about 10 ms on every run.
const skipFdirPicomatch = {
  name: "skip-fdir-picomatch",
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /[\\/]fdir[\\/]dist[\\/]index\.mjs$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      const lookup = /__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);/;
      if (!lookup.test(source))
        throw new Error(`build: fdir no longer loads picomatch as expected; review ${args.path}`);
      return { contents: source.replace(lookup, ""), loader: "js" };
    });
  },
};

// 3. The CLI as one CommonJS bundle, run by a small ESM launcher through V8's code cache.
//    (Lazily imported commands become lazily initialised parts of the same file.)
await build({
  entryPoints: [join(root, "src", "cli", "main.ts")],
  bundle: true,
  platform: "node",
  target: "node20.19",
  format: "cjs",
  outfile: join(dist, "app.cjs"),
  plugins: [deferChildProcess, skipFdirPicomatch],
  // The launcher compiles the file as this function, so it needs no second, wrapped copy of
  // the source in memory.
  banner: {
    js: "(function (exports, require, module, __filename, __dirname, __import_meta_url) {",
  },
  footer: { js: "\n})" },
  // BUILD_NO_MINIFY=1 keeps names readable in a CPU profile; that build is for profiling only.
  minify: !readableBuild,
  legalComments: "none",
  define: {
    // As JSON text that the bundle parses: V8 reads 37 KB of JSON faster than it runs an object
    // literal of that size.
    __BUILTIN_RULES_JSON__: JSON.stringify(JSON.stringify(ruleBase)),
    __PACKAGE_VERSION__: packageVersion,
    // The launcher passes the bundle's own URL in; CommonJS has no import.meta.
    "import.meta.url": "__import_meta_url",
  },
  logLevel: "warning",
});
// V8 keeps a source with any character past Latin-1 as two bytes per character: half a
// megabyte more resident on every run. esbuild escapes such characters in strings but leaves
// some in template literals, so refuse anything past ASCII here (the launcher reads the file as
// latin1, exact only for ASCII) and write an escape or an entity in the source instead.
// (A readable build keeps the libraries' comments, some of them not ASCII.)
if (!readableBuild) {
  const bundleText = readFileSync(join(dist, "app.cjs"), "utf8");
  const wide = /[\u0080-\uffff]/.exec(bundleText);
  if (wide) {
    const around = bundleText.slice(Math.max(0, wide.index - 60), wide.index + 20);
    throw new Error(
      `build: dist/app.cjs contains ${JSON.stringify(wide[0])}; use an escape in: ${around}`,
    );
  }
}
await build({
  entryPoints: [join(root, "scripts", "launcher.mjs")],
  outfile: join(dist, "cli.js"),
  format: "esm",
  bundle: true,
  platform: "node",
  target: "node20.19",
  define: { __PACKAGE_VERSION__: packageVersion, __HELP_TEXT__: JSON.stringify(helpText) },
  logLevel: "warning",
});
chmodSync(join(dist, "cli.js"), 0o755);

// JSON Schemas as files, so an editor can validate profiles offline through a `$schema=` line
// pointing into node_modules/deploy-advisor/dist/schema/. Only the five rule files are embedded
// above; scenarios are tests, never part of the runtime rule base.
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

// 4. The code cache: run the hot path once and keep what V8 compiled for it.
const warm = spawnSync(
  process.execPath,
  [
    join(dist, "cli.js"),
    "recommend",
    join(root, "examples", "stroke-triage-hybrid.yaml"),
    "--format",
    "json",
  ],
  {
    env: {
      ...process.env,
      DEPLOY_ADVISOR_BUILD_CODE_CACHE: join(dist, "app.cache"),
      FORCE_COLOR: "0",
    },
    stdio: ["ignore", "ignore", "inherit"],
  },
);
if (warm.status !== 0) {
  console.error("build: the built CLI failed its warm-up run");
  process.exit(1);
}
console.log(
  `build: dist/cli.js (rule base ${ruleBase.meta.rulesVersion}, ${ruleBase.strategies.length} strategies, ${ruleBase.questions.length} questions)`,
);
