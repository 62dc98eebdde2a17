import { execFileSync } from "node:child_process";

/** Builds dist/ once before any test, so end-to-end tests run the CLI as users get it. */
export default function setup(): void {
  if (process.env.DEPLOY_ADVISOR_SKIP_BUILD === "1") return;
  execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: ["ignore", "ignore", "inherit"] });
}
