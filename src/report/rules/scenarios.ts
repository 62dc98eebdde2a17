import { basename } from "node:path";
import type { ChalkInstance } from "chalk";
import type { ScenarioResult } from "../../rulebase/scenarios.js";

export const scenarioFormats = ["text", "json"] as const;
export type ScenarioFormat = (typeof scenarioFormats)[number];

/** What `rules test` reports on. */
export interface ScenarioOutcome {
  dir: string;
  results: ScenarioResult[];
}

/** One line per scenario, the differences under each failure at their file:line:col, a summary. */
export function renderScenariosText(outcome: ScenarioOutcome, style: ChalkInstance): string {
  const lines: string[] = [];
  const width = Math.max(...outcome.results.map((r) => basename(r.file).length));
  for (const result of outcome.results) {
    const mark = result.ok ? style.green("PASS") : style.red("FAIL");
    lines.push(`${mark}  ${basename(result.file).padEnd(width)}  ${result.name}`);
    for (const d of result.differences)
      lines.push(`      ${result.file}:${d.line}:${d.column}: ${d.message}`);
  }
  const failed = outcome.results.filter((r) => !r.ok).length;
  const passed = outcome.results.length - failed;
  lines.push(
    "",
    `${outcome.results.length} scenario${outcome.results.length === 1 ? "" : "s"}: ${style.green(`${passed} passed`)}${failed ? `, ${style.red(`${failed} failed`)}` : ""}`,
  );
  return `${lines.join("\n")}\n`;
}

/** The machine-readable test report. */
export function scenariosJson(outcome: ScenarioOutcome) {
  const failed = outcome.results.filter((r) => !r.ok).length;
  return {
    rules: outcome.dir,
    ok: failed === 0,
    passed: outcome.results.length - failed,
    failed,
    results: outcome.results,
  };
}

export const scenarioRenderers = {
  text: renderScenariosText,
  json: (outcome) => `${JSON.stringify(scenariosJson(outcome), null, 2)}\n`,
} as const satisfies Record<
  ScenarioFormat,
  (outcome: ScenarioOutcome, style: ChalkInstance) => string
>;
