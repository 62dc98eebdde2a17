import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Chalk } from "chalk";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { plainStyle } from "../../src/cli/style.js";
import { InputError } from "../../src/diagnostics.js";
import { checkProfile } from "../../src/engine/check.js";
import { parseProfileLoaded } from "../../src/profile/parse.js";
import { escapeData, escapeProperty } from "../../src/report/check/github.js";
import { type CheckFormat, checkFormats, checkRenderers } from "../../src/report/check/index.js";
import { escapeXml } from "../../src/report/check/junit.js";
import {
  type CheckRun,
  checkedFile,
  checkRun,
  type FileResult,
  MAX_ANSWERS_SHOWN,
  shownAnswers,
} from "../../src/report/check/model.js";
import { readRuleDir } from "../../src/rulebase/read-dir.js";

const root = join(import.meta.dirname, "..", "..");
const ruleBase = readRuleDir(join(root, "rules"));
const today = "2026-06-15";

/** Runs the real pipeline (schema, engine, report model) on profile text under a given file name. */
function result(file: string, text: string, failOnDrift = false): FileResult {
  try {
    const { profile, source } = parseProfileLoaded(ruleBase, file, text);
    if (profile.chosen === undefined) throw new InputError(`${file}: no chosen strategy`);
    const verdict = checkProfile(
      ruleBase,
      { ...profile, chosen: profile.chosen as string },
      { today, failOnDrift },
    );
    return checkedFile(file, profile.project, verdict, source);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return {
      file,
      status: "error",
      error: { message: error.message, diagnostics: error.diagnostics },
    };
  }
}
const fixtureText = (name: string) =>
  readFileSync(join(root, "test", "fixtures", "check", name), "utf8");
const fixture = (name: string) => result(name, fixtureText(name));
const run = (...names: string[]) => checkRun("1.0.0", names.map(fixture));
const render = (format: CheckFormat, r: CheckRun) => checkRenderers[format](r, plainStyle);

/** What a consumer of a format learns: each file's outcome and the file:line places it names. */
interface Reading {
  outcomes: Record<string, "pass" | "fail" | "error">;
  places: Set<string>;
}

interface Annotation {
  level: string;
  properties: Record<string, string>;
  message: string;
}

/** Reads workflow commands the way GitHub's runner does: "::name k=v,k=v::message", then unescapes. */
function parseAnnotations(output: string): { annotations: Annotation[]; plain: string[] } {
  const annotations: Annotation[] = [];
  const plain: string[] = [];
  const decode = (s: string) =>
    s
      .replace(/%0D/g, "\r")
      .replace(/%0A/g, "\n")
      .replace(/%3A/g, ":")
      .replace(/%2C/g, ",")
      .replace(/%25/g, "%");
  for (const line of output.split("\n").filter(Boolean)) {
    if (!line.trimStart().startsWith("::")) {
      plain.push(line);
      continue;
    }
    const match = /^::(\S+)(?: (.*?))?::(.*)$/.exec(line);
    if (!match) throw new Error(`not a workflow command: ${line}`);
    const [, level = "", props = "", message = ""] = match;
    const properties: Record<string, string> = {};
    for (const pair of props.split(",").filter(Boolean)) {
      const [key, ...value] = pair.split("=");
      properties[key as string] = decode(value.join("="));
    }
    annotations.push({ level, properties, message: decode(message) });
  }
  return { annotations, plain };
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  // Decode character references (&#10;) as every XML parser must.
  htmlEntities: true,
  isArray: (name) => name === "testcase",
});

function parseJunit(output: string) {
  expect(XMLValidator.validate(output)).toBe(true);
  return xml.parse(output).testsuites.testsuite;
}

const placeRegex = /([\w./-]+\.ya?ml):(\d+)/g;
const placesIn = (text: string) => [...text.matchAll(placeRegex)].map((m) => `${m[1]}:${m[2]}`);

/** One reader per format: a test below holds each format to the same facts. */
const readers: Record<CheckFormat, (output: string) => Reading> = {
  text(output) {
    const outcomes: Reading["outcomes"] = {};
    for (const line of output.split("\n")) {
      const head = /^([✓✗]) (\S+): (.*)$/.exec(line);
      if (!head) continue;
      const [, mark, file = "", rest = ""] = head;
      outcomes[file] = mark === "✓" ? "pass" : rest.startsWith("not checked") ? "error" : "fail";
    }
    // Wrapped lines join back with a space; places are always "file:line:" at a line start.
    return { outcomes, places: new Set(placesIn(output)) };
  },
  json(output) {
    const report = JSON.parse(output);
    const outcomes: Reading["outcomes"] = {};
    const places = new Set<string>();
    for (const r of report.results) {
      outcomes[r.file] = r.ok ? "pass" : r.error ? "error" : "fail";
      for (const finding of [...r.reasons, ...r.warnings]) {
        places.add(`${r.file}:${finding.line}`);
        for (const a of finding.answers) places.add(`${r.file}:${a.line}`);
      }
      for (const d of r.error?.diagnostics ?? []) places.add(`${d.file}:${d.line}`);
    }
    return { outcomes, places };
  },
  github(output) {
    const { annotations, plain } = parseAnnotations(output);
    const outcomes: Reading["outcomes"] = {};
    const places = new Set<string>();
    for (const a of annotations) {
      const file = a.properties.file as string;
      places.add(`${file}:${a.properties.line}`);
      if (a.level !== "error") continue;
      outcomes[file] = a.properties.title?.endsWith("input error") ? "error" : "fail";
    }
    for (const line of plain) {
      const pass = /^✓ (\S+): /.exec(line);
      if (pass?.[1]) outcomes[pass[1]] = "pass";
    }
    return { outcomes, places };
  },
  junit(output) {
    const suite = parseJunit(output);
    const outcomes: Reading["outcomes"] = {};
    const places = new Set<string>();
    for (const tc of suite.testcase) {
      outcomes[tc.file] = tc.failure ? "fail" : tc.error ? "error" : "pass";
      const text = [tc.failure?.["#text"], tc.error?.["#text"], tc["system-out"]].join("\n");
      for (const place of placesIn(text)) places.add(place);
    }
    return { outcomes, places };
  },
};

describe.each(checkFormats)("the %s report", (format) => {
  const read = (r: CheckRun) => readers[format](render(format, r));

  it("shows a justified profile as passing", () => {
    expect(read(run("pass.yaml")).outcomes).toEqual({ "pass.yaml": "pass" });
  });

  it("points at every answer that excludes the choice", () => {
    const reading = read(run("excluded.yaml"));
    expect(reading.outcomes).toEqual({ "excluded.yaml": "fail" });
    // excluded.yaml: businessAssociate on line 7, cloudAcceptance on line 8.
    expect(reading.places).toContain("excluded.yaml:7");
    expect(reading.places).toContain("excluded.yaml:8");
  });

  it("points at the chosen line and the costliest answers of a choice that trails", () => {
    const r = run("behind.yaml");
    const reading = read(r);
    expect(reading.outcomes).toEqual({ "behind.yaml": "fail" });
    const checked = r.results[0];
    if (checked?.status !== "fail") throw new Error("expected a failure");
    const [behind] = checked.reasons;
    if (!behind) throw new Error("expected a reason");
    expect(reading.places).toContain(`behind.yaml:${behind.at.line}`);
    const shown = shownAnswers(behind);
    expect(shown.length).toBeGreaterThanOrEqual(MAX_ANSWERS_SHOWN);
    for (const answer of shown) expect(reading.places).toContain(`behind.yaml:${answer.at.line}`);
    // Each named answer is where the profile gives it.
    const lines = fixtureText("behind.yaml").split("\n");
    for (const answer of shown)
      expect(lines[answer.at.line - 1]).toMatch(new RegExp(`^  ${answer.path.split(".")[1]}: `));
  });

  it("points at the review date once it has passed", () => {
    const reading = read(run("overdue.yaml"));
    expect(reading.outcomes).toEqual({ "overdue.yaml": "fail" });
    expect(reading.places).toContain("overdue.yaml:28"); // reviewBy
  });

  it("reports an input error for its file and still judges the others", () => {
    const reading = read(run("pass.yaml", "unknown-chosen.yaml", "behind.yaml"));
    expect(reading.outcomes).toEqual({
      "pass.yaml": "pass",
      "unknown-chosen.yaml": "error",
      "behind.yaml": "fail",
    });
    if (format !== "text") expect(reading.places).toContain("unknown-chosen.yaml:4");
  });
});

describe("text report", () => {
  it("says a justified profile passes in one line", () => {
    const output = render("text", run("pass.yaml"));
    expect(output).toBe(
      "✓ pass.yaml: web-local-cloud-processing is justified (score 76.2, ranked first)\n",
    );
  });

  it("ends a run of several profiles with a summary", () => {
    const output = render("text", run("pass.yaml", "behind.yaml", "no-chosen.yaml"));
    expect(output.trimEnd().split("\n").at(-1)).toBe(
      "3 profiles: 1 passed, 1 failed, 1 not checked (input error)",
    );
  });

  it("colours marks only when the style has colour", () => {
    const r = run("pass.yaml", "behind.yaml");
    expect(checkRenderers.text(r, plainStyle)).not.toContain("\u001b[");
    expect(checkRenderers.text(r, new Chalk({ level: 1 }))).toContain("\u001b[");
  });
});

describe("json report", () => {
  it("holds the contract fields", () => {
    const report = JSON.parse(render("json", run("pass.yaml", "excluded.yaml", "no-chosen.yaml")));
    expect(report.ok).toBe(false);
    expect(report.summary).toEqual({ passed: 1, failed: 1, errors: 1 });
    for (const r of report.results) {
      expect(Object.keys(r)).toEqual(
        expect.arrayContaining(["file", "ok", "chosen", "recommended", "reasons"]),
      );
    }
    const [pass, excluded, missing] = report.results;
    expect(pass).toMatchObject({ ok: true, chosen: "web-local-cloud-processing", reasons: [] });
    expect(excluded.reasons[0]).toMatchObject({
      kind: "excluded",
      question: "businessAssociate",
      answer: "refuse",
      line: 7,
    });
    expect(missing).toMatchObject({ ok: false, chosen: null, error: { diagnostics: [] } });
  });

  it("gives every answer that costs the choice points, each with its line", () => {
    const report = JSON.parse(render("json", run("behind.yaml")));
    const [reason] = report.results[0].reasons;
    expect(reason.answers).toHaveLength(reason.costs.length);
    const lines = fixtureText("behind.yaml").split("\n");
    for (const [i, cost] of reason.costs.entries()) {
      const answer = reason.answers[i];
      expect(answer).toMatchObject({ path: `answers.${cost.question}`, points: cost.points });
      expect(lines[answer.line - 1]).toBe(`  ${cost.question}: ${cost.answer}`);
    }
  });

  it("is ok when every profile passes", () => {
    expect(JSON.parse(render("json", run("pass.yaml", "within-tolerance.yaml"))).ok).toBe(true);
  });
});

describe("junit report", () => {
  it("counts one testcase per profile with failures and errors", () => {
    const suite = parseJunit(
      render("junit", run("pass.yaml", "behind.yaml", "excluded.yaml", "no-chosen.yaml")),
    );
    expect(suite).toMatchObject({ tests: "4", failures: "2", errors: "1" });
    expect(suite.testcase).toHaveLength(4);
    expect(suite.testcase[1].failure.message).toBe("native is not justified (1 reason)");
  });
});

describe("hostile strings from profiles and file names", () => {
  const project =
    '::error file=x.yaml,line=1::injected\n::warning::%0A 100% <b>&amp;</b> "q" ]]> \u0001';
  const file = "evil,name:%0A\n::error::x.yaml";
  const text = `version: 1\nproject: ${JSON.stringify(project)}\nanswers:\n  businessAssociate: refuse\nchosen: web-cloud\n`;
  const hostile = checkRun("1.0.0", [result(file, text)]);

  it("escapes GitHub workflow command data and properties", () => {
    expect(escapeData("a%b\r\nc::d")).toBe("a%25b%0D%0Ac::d");
    expect(escapeProperty("a:b,c%\n")).toBe("a%3Ab%2Cc%25%0A");
  });

  it("cannot inject a workflow command or break an annotation", () => {
    const output = render("github", hostile);
    const { annotations, plain } = parseAnnotations(output);
    // Every line that GitHub would read as a command is one of ours, at the right file.
    expect(annotations.length).toBeGreaterThan(0);
    for (const a of annotations) {
      expect(["error", "warning"]).toContain(a.level);
      expect(a.properties.file).toBe(file);
      expect(a.properties.title).toBe(`deploy-advisor check: ${project}`);
    }
    expect(annotations.map((a) => a.properties.line)).toContain("4");
    expect(plain.every((line) => !line.includes("\n"))).toBe(true);
    expect(output.split("\n").filter((l) => l.startsWith("::")).length).toBe(annotations.length);
  });

  it("keeps an input error's annotation in one piece too", () => {
    // The schema quotes the bad value back in its message.
    const bad = checkRun("1.0.0", [result(file, 'version: 1\nchosen: "::x\\n%,y:z"\n')]);
    const { annotations } = parseAnnotations(render("github", bad));
    expect(annotations).toHaveLength(1);
    expect(annotations[0]?.properties).toMatchObject({ file, line: "2", col: "9" });
    expect(annotations[0]?.message).toContain("chosen: expected one of");
  });

  it("escapes XML so the JUnit report parses and keeps the text", () => {
    const output = render("junit", hostile);
    const suite = parseJunit(output);
    const [testcase] = suite.testcase;
    expect(testcase.file).toBe(file);
    expect(testcase.name).toBe(`${project.replace("\u0001", "\ufffd")} (${file})`);
    expect(testcase.failure["#text"]).toContain(`${file}:4:`);
  });

  it("escapes what XML cannot hold at all", () => {
    expect(escapeXml("a\u0000b\ud800c")).toBe("a\ufffdb\ufffdc");
    expect(escapeXml("<&>\"'")).toBe("&lt;&amp;&gt;&quot;&apos;");
    expect(escapeXml("a\nb", true)).toBe("a&#10;b");
    expect(escapeXml("a\nb")).toBe("a\nb");
  });

  it("keeps JSON exact", () => {
    const report = JSON.parse(render("json", hostile));
    expect(report.results[0]).toMatchObject({ file, project });
  });

  it("shows control characters in the text report instead of sending them to the terminal", () => {
    const output = render("text", hostile);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence.
    expect(output).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(output).toContain("evil,name:%0A\\n::error::x.yaml");
  });
});
