import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Filled in by the build from package.json. */
declare const __PACKAGE_VERSION__: string | undefined;

/**
 * The installed package's root: the nearest directory above this module holding our package.json.
 * Searched rather than fixed, because this code runs from src/cli/ (tests) or dist/app.cjs, and
 * `rules lint`, `rules test` and `init` need the package's rules/ and dist/schema/ at run time.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        const { name } = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string };
        if (name === "deploy-advisor") return dir;
      } catch {
        // An unreadable manifest is not ours; keep looking upwards.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find the deploy-advisor package directory");
    dir = parent;
  }
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
