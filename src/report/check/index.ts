import type { ChalkInstance } from "chalk";
import { renderCheckGithub } from "./github.js";
import { renderCheckJson } from "./json.js";
import { renderCheckJunit } from "./junit.js";
import type { CheckRun } from "./model.js";
import { renderCheckText } from "./text.js";

/** Every format `check --format` accepts; adding one here without a renderer fails to compile. */
export const checkFormats = ["text", "json", "github", "junit"] as const;
export type CheckFormat = (typeof checkFormats)[number];

export const checkRenderers = {
  text: renderCheckText,
  json: (run) => renderCheckJson(run),
  github: (run) => renderCheckGithub(run),
  junit: (run) => renderCheckJunit(run),
} as const satisfies Record<CheckFormat, (run: CheckRun, style: ChalkInstance) => string>;
