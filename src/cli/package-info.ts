import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Filled in by the build from package.json. */
declare const __PACKAGE_VERSION__: string | undefined;
/** Filled in by the build: the top-level --help text, so `--help` need not load commander. */
declare const __HELP_TEXT__: string | undefined;

/** The package root when running from source (tests); the build embeds what it would read there. */
export function packageRoot(): string {
  return join(dirname(fileURLToPath(import.meta.url)), "..", "..");
}

/** The version in package.json. */
export function packageVersion(): string {
  if (typeof __PACKAGE_VERSION__ !== "undefined") return __PACKAGE_VERSION__;
  try {
    return (
      JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string }
    ).version;
  } catch {
    return "unknown";
  }
}

/** The top-level help as the build rendered it, or undefined when running from source. */
export function prebuiltHelp(): string | undefined {
  return typeof __HELP_TEXT__ !== "undefined" ? __HELP_TEXT__ : undefined;
}
