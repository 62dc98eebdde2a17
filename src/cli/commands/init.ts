import { dirname, join, relative, resolve, sep } from "node:path";
import { profileTemplate } from "../../profile/template.js";
import { writeStderr } from "../../report/write.js";
import { type Context, packageRoot } from "../context.js";
import { writeFileAtomic } from "../write-file.js";

export interface InitOptions {
  file: string;
  force: boolean;
  /** What the `$schema=` line points at; default: the schema file shipped in the package. */
  schema?: string;
  /** Whether --rules is in force: the shipped schema then describes other questions. */
  customRules: boolean;
}

/** The shipped profile schema, as a path relative to the profile so the link survives moving both. */
function shippedSchemaRef(file: string): string {
  const schema = join(packageRoot(), "dist", "schema", "profile.schema.json");
  const path = relative(dirname(resolve(file)), schema)
    .split(sep)
    .join("/");
  return path.startsWith(".") ? path : `./${path}`;
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
