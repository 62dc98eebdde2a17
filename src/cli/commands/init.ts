import { dirname, join, relative, resolve, sep } from "node:path";
import { profileTemplate } from "../../profile/template.js";
import { writeStderr } from "../../report/write.js";
import type { Context } from "../context.js";
import { packageRoot } from "../package-info.js";
import { writeFileAtomic } from "../write-file.js";

export interface InitOptions {
  file: string;
  force: boolean;
  /** What the `$schema=` line points at; default: the schema file shipped in the package. */
  schema?: string;
  /** Whether --rules is in force: the shipped schema then describes other questions. */
  customRules: boolean;
}

/**
 * The shipped profile schema. Installed in the project (node_modules), a relative path keeps working
 * when the project moves or is cloned elsewhere; installed globally or linked, only an absolute
 * path points at it reliably.
 */
function shippedSchemaRef(file: string): string {
  const schema = join(packageRoot(), "dist", "schema", "profile.schema.json");
  const path = relative(dirname(resolve(file)), schema)
    .split(sep)
    .join("/");
  if (/^(\.\.\/)*node_modules\//.test(path)) return path.startsWith(".") ? path : `./${path}`;
  return schema.split(sep).join("/");
}

/** Writes a commented profile template, never replacing an existing file without --force. */
export function runInit(context: Context, options: InitOptions): number {
  const schemaRef = options.schema ?? shippedSchemaRef(options.file);
  const text = profileTemplate(context.ruleBase(), { schemaRef });
  writeFileAtomic(options.file, text, { overwrite: options.force });
  writeStderr(
    `Wrote ${options.file}. Answer the questions, then run: deploy-advisor recommend ${options.file}`,
  );
  if (options.customRules && options.schema === undefined)
    writeStderr(
      `Note: the $schema line points at the schema of the built-in rule base. For this one, run: deploy-advisor --rules ${context.rulesDir()} schema profile > profile.schema.json and pass --schema profile.schema.json to init`,
    );
  return 0;
}
