// npm run bench: start-up, throughput and memory of the built CLI, each measured side by side
// with a bare `node -e 0` in the same run (alternating, medians), and compared with its target.
// Not a test: the machine is shared, so figures vary from run to run; the ratios are what count.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "dist", "cli.js");
const example = join(root, "examples", "stroke-triage-hybrid.yaml");
// On this shared machine one pair's ratio ranges from 1.0 to 1.8 run to run: 41 pairs keep the
// median within a few hundredths where 21 let it swing by a tenth.
const runs = Number(process.env.BENCH_RUNS ?? 41);
const work = mkdtempSync(join(tmpdir(), "deploy-advisor-bench-"));
const env = { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" };
// BENCH_ONLY=check,memory runs only those groups (startup, memory, ask, check, scoring), to
// iterate on one target; a full run is what counts.
const only = process.env.BENCH_ONLY?.split(",").map((group) => group.trim());
const wanted = (group) => !only || only.includes(group);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

function timeOnce(args, options = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, {
    env,
    stdio: ["ignore", "ignore", "pipe"],
    ...options,
  });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) {
    throw new Error(`bench: ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  }
  return elapsed;
}

/**
 * The median of the ratios of runs made side by side: each pair shares the machine's load of the
 * moment, which on a shared machine drifts more between minutes than between the two runs.
 */
const pairedRatio = (numerators, denominators) =>
  median(numerators.map((value, i) => value / denominators[i]));

/** Alternates the command with bare node, so both see the same machine load; returns medians. */
function paired(args, options) {
  const bare = [];
  const command = [];
  timeOnce(["-e", "0"]);
  timeOnce(args, options);
  for (let i = 0; i < runs; i++) {
    bare.push(timeOnce(["-e", "0"]));
    command.push(timeOnce(args, options));
  }
  return { bare: median(bare), command: median(command), ratio: pairedRatio(command, bare) };
}

const results = [];
function record(name, value, target, unit, better = "lower") {
  const ok = better === "lower" ? value <= target : value >= target;
  results.push({ name, value, target, unit, ok, better });
}

// 1. Start-up of common commands.
for (const [name, args, target] of wanted("startup")
  ? [
      ["recommend --format json", [cli, "recommend", example, "--format", "json"], 1.35],
      ["--version", [cli, "--version"], 1.2],
      ["--help", [cli, "--help"], 1.2],
    ]
  : []) {
  const { bare, command, ratio } = paired(args);
  record(
    `${name} vs bare node (${command.toFixed(0)} ms vs ${bare.toFixed(0)} ms)`,
    ratio,
    target,
    "x",
  );
}

// 2. Peak memory of recommend vs bare node, read by the same preload in both.
const probe = join(work, "rss-probe.cjs");
const rssFile = join(work, "rss.txt");
writeFileSync(
  probe,
  `process.on("exit", () => require("node:fs").appendFileSync(${JSON.stringify(rssFile)}, process.resourceUsage().maxRSS + "\\n"));\n`,
);
function peakRss(args) {
  const values = [];
  for (let i = 0; i < Math.max(5, Math.floor(runs / 3)); i++) {
    rmSync(rssFile, { force: true });
    timeOnce(["--require", probe, ...args]);
    values.push(Number(readFileSync(rssFile, "utf8").trim()));
  }
  return median(values);
}
if (wanted("memory")) {
  const bare = peakRss(["-e", "0"]);
  const command = peakRss([cli, "recommend", example, "--format", "json"]);
  record(
    `recommend peak RSS vs bare node (${(command / 1024).toFixed(1)} MB vs ${(bare / 1024).toFixed(1)} MB)`,
    command / bare,
    1.25,
    "x",
  );
}

// 3. ask reaching its first prompt on a pseudo-terminal (util-linux `script` provides one).
function untilFirstOutput(command, marker) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn("script", ["-qfec", command, "/dev/null"], {
      env: { ...env, TERM: "xterm", COLUMNS: "80" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let seen = "";
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
      child.kill("SIGKILL");
      resolve(elapsed);
    };
    child.stdout.on("data", (chunk) => {
      seen += chunk.toString();
      if (marker && seen.includes(marker)) finish();
    });
    child.on("exit", () =>
      marker
        ? done
          ? undefined
          : reject(new Error(`no prompt seen: ${seen.slice(0, 300)}`))
        : finish(),
    );
    setTimeout(() => {
      if (!done) {
        child.kill("SIGKILL");
        reject(new Error("timed out waiting for the first prompt"));
      }
    }, 20000);
  });
}
const help = spawnSync(process.execPath, [cli, "--help"], { env }).stdout.toString();
const hasCommand = (name) => new RegExp(`^\\s+${name}\\b`, "m").test(help);
const hasAsk = hasCommand("ask");
if (!wanted("ask")) {
  // not asked for
} else if (hasAsk && spawnSync("script", ["--version"]).status === 0) {
  const bare = [];
  const command = [];
  for (let i = 0; i < runs; i++) {
    bare.push(await untilFirstOutput(`${process.execPath} -e 0`));
    command.push(await untilFirstOutput(`${process.execPath} ${cli} ask`, "?"));
  }
  record(
    `ask first prompt vs bare node (${median(command).toFixed(0)} ms vs ${median(bare).toFixed(0)} ms)`,
    pairedRatio(command, bare),
    1.6,
    "x",
  );
} else {
  console.log("skip: ask first prompt (no `ask` command or no `script` utility)");
}

// The engine, bundled from source for in-process use: it scores generated profiles below.
let engineModule;
async function engine() {
  if (!engineModule) {
    const bundle = join(work, "engine.mjs");
    await build({
      stdin: {
        contents:
          'export { scoreProfile } from "./src/engine/compiled.ts"; export { readRuleDir } from "./src/rulebase/read-dir.ts";',
        resolveDir: root,
        loader: "ts",
      },
      bundle: true,
      platform: "node",
      format: "esm",
      outfile: bundle,
      banner: {
        js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);',
      },
      logLevel: "error",
    });
    engineModule = await import(pathToFileURL(bundle).href);
  }
  return engineModule;
}

/** Random answers to every question (unsure among them), from a seeded generator. */
function answerGenerator(ruleBase, seed) {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  return () => {
    const answers = {};
    for (const q of ruleBase.questions) {
      const values = [...q.choices.map((c) => c.value), "unsure"];
      answers[q.id] = values[Math.floor(random() * values.length)];
    }
    return answers;
  };
}

// 4. check over 1,000 generated profiles vs over one. Each has its own random answers and, as a
//    maintained profile would, the strategy they recommend as `chosen`: every check passes.
const hasCheck = hasCommand("check");
if (!wanted("check")) {
  // not asked for
} else if (hasCheck) {
  const { scoreProfile, readRuleDir } = await engine();
  const ruleBase = readRuleDir(join(root, "rules"));
  const nextAnswers = answerGenerator(ruleBase, 7);
  const many = join(work, "profiles");
  mkdirSync(many);
  for (let written = 0; written < 1000; ) {
    const answers = nextAnswers();
    const winner = scoreProfile(ruleBase, answers).order[0];
    if (winner === undefined) continue;
    const lines = [
      `# Generated by npm run bench (profile ${written}).`,
      "version: 1",
      `project: Generated project ${written}`,
      "answers:",
      ...Object.entries(answers).map(([question, answer]) => `  ${question}: ${answer}`),
      `chosen: ${ruleBase.strategies[winner].id}`,
      "rationale: Generated to measure check over many files.",
      "decided: 2026-12-01",
    ];
    writeFileSync(join(many, `p${String(written).padStart(4, "0")}.yaml`), `${lines.join("\n")}\n`);
    written++;
  }
  const one = [];
  const thousand = [];
  const checkRuns = Math.max(7, Math.floor(runs / 3));
  for (let i = 0; i < checkRuns; i++) {
    one.push(timeOnce([cli, "check", join(many, "p0000.yaml"), "--format", "json"]));
    thousand.push(
      timeOnce([cli, "check", join(many, "*.yaml"), "--format", "json"], {
        maxBuffer: 64 * 1024 * 1024,
      }),
    );
  }
  record(
    `check 1,000 profiles vs one (${median(thousand).toFixed(0)} ms vs ${median(one).toFixed(0)} ms)`,
    pairedRatio(thousand, one),
    3,
    "x",
  );
} else {
  console.log("skip: check throughput (no `check` command)");
}

// 5. Scoring alone, in-process.
if (wanted("scoring")) {
  const { scoreProfile, readRuleDir } = await engine();
  const ruleBase = readRuleDir(join(root, "rules"));
  const nextAnswers = answerGenerator(ruleBase, 42);
  const profiles = Array.from({ length: 1000 }, () => ({ answers: nextAnswers() }));
  for (const p of profiles) scoreProfile(ruleBase, p.answers);
  const total = 100_000;
  const start = process.hrtime.bigint();
  let winners = 0;
  for (let i = 0; i < total; i++)
    if (scoreProfile(ruleBase, profiles[i % profiles.length].answers).order.length > 0) winners++;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  record(
    `scoring in-process (${total.toLocaleString("en")} profiles in ${seconds.toFixed(2)} s, ${winners} with a winner)`,
    total / seconds,
    100_000,
    "profiles/s",
    "higher",
  );
}

rmSync(work, { recursive: true, force: true });

console.log(
  `\ndeploy-advisor bench: ${runs} paired runs each, node ${process.version}, ${new Date().toISOString()}\n`,
);
const width = Math.max(...results.map((r) => r.name.length));
for (const r of results) {
  const value =
    r.unit === "x"
      ? `${r.value.toFixed(2)}x`
      : `${Math.round(r.value).toLocaleString("en")} ${r.unit}`;
  const target =
    r.unit === "x"
      ? `${r.better === "lower" ? "<=" : ">="} ${r.target}x`
      : `>= ${r.target.toLocaleString("en")} ${r.unit}`;
  console.log(
    `${r.ok ? "PASS" : "MISS"}  ${r.name.padEnd(width)}  ${value.padStart(18)}  target ${target}`,
  );
}
const missed = results.filter((r) => !r.ok).length;
console.log(`\n${results.length - missed} of ${results.length} targets met`);
process.exitCode = missed > 0 ? 1 : 0;
