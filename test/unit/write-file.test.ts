import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { build } from "esbuild";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { writeFileAtomic } from "../../src/cli/write-file.js";
import { InputError } from "../../src/diagnostics.js";
import { repoRoot } from "../helpers/hostile-commands.js";

// Failures are injected into the real fs module only where a real one cannot be had on demand
// (a full disk, a failing flush or rename); each such test names the call that fails.
vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  return {
    ...actual,
    writeSync: vi.fn(actual.writeSync),
    fsyncSync: vi.fn(actual.fsyncSync),
    renameSync: vi.fn(actual.renameSync),
    openSync: vi.fn(actual.openSync),
  };
});

const work = fs.mkdtempSync(join(tmpdir(), "deploy-advisor-write-"));
fs.chmodSync(work, 0o755);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
afterEach(() => vi.mocked(fs.writeSync).mockClear());

const OLD = "version: 1\nproject: the user's own file\n";
let counter = 0;

/** A directory holding one file with the old content, fresh for each test. */
function existing(): { dir: string; file: string } {
  const dir = join(work, `case-${++counter}`);
  fs.mkdirSync(dir);
  fs.chmodSync(dir, 0o755);
  const file = join(dir, "deploy-advisor.yaml");
  fs.writeFileSync(file, OLD);
  return { dir, file };
}

const failure = (code: string) =>
  Object.assign(new Error(`${code}: injected by the test`), { code, errno: -1, syscall: "x" });

function expectOldFileIntact(dir: string, file: string): void {
  expect(fs.readFileSync(file, "utf8")).toBe(OLD);
  // Nothing left behind: the temporary file is removed when the write fails.
  expect(fs.readdirSync(dir)).toEqual(["deploy-advisor.yaml"]);
}

describe("writeFileAtomic", () => {
  it("writes a new file whole", () => {
    const dir = join(work, "new");
    fs.mkdirSync(dir);
    writeFileAtomic(join(dir, "out.yaml"), "version: 1\n", { overwrite: false });
    expect(fs.readFileSync(join(dir, "out.yaml"), "utf8")).toBe("version: 1\n");
    expect(fs.readdirSync(dir)).toEqual(["out.yaml"]);
  });

  it("refuses to replace a file unless told to, and leaves it as it was", () => {
    const { dir, file } = existing();
    expect(() => writeFileAtomic(file, "new", { overwrite: false })).toThrow(
      /already exists; not overwriting it/,
    );
    expectOldFileIntact(dir, file);
    writeFileAtomic(file, "new", { overwrite: true });
    expect(fs.readFileSync(file, "utf8")).toBe("new");
  });

  it("a full disk (write fails with ENOSPC): a clear error, the old file intact", () => {
    const { dir, file } = existing();
    vi.mocked(fs.writeSync).mockImplementationOnce(() => {
      throw failure("ENOSPC");
    });
    expect(() => writeFileAtomic(file, "new content", { overwrite: true })).toThrow(
      new InputError(`${file}: cannot write it (the disk is full); any existing file is unchanged`),
    );
    expectOldFileIntact(dir, file);
  });

  it("a failing flush (fsync fails with EIO): the old file intact", () => {
    const { dir, file } = existing();
    vi.mocked(fs.fsyncSync).mockImplementationOnce(() => {
      throw failure("EIO");
    });
    expect(() => writeFileAtomic(file, "new", { overwrite: true })).toThrow(
      /cannot write it \(EIO\); any existing file is unchanged/,
    );
    expectOldFileIntact(dir, file);
  });

  it("a failing rename (EXDEV): the old file intact, the temporary file removed", () => {
    const { dir, file } = existing();
    vi.mocked(fs.renameSync).mockImplementationOnce(() => {
      throw failure("EXDEV");
    });
    expect(() => writeFileAtomic(file, "new", { overwrite: true })).toThrow(/EXDEV/);
    expectOldFileIntact(dir, file);
  });

  it("a read-only file system (EROFS on create): a clear error, the old file intact", () => {
    const { dir, file } = existing();
    vi.mocked(fs.openSync).mockImplementationOnce(() => {
      throw failure("EROFS");
    });
    expect(() => writeFileAtomic(file, "new", { overwrite: true })).toThrow(
      /cannot write it \(the directory is not writable\); any existing file is unchanged/,
    );
    expectOldFileIntact(dir, file);
  });

  it("a missing directory: a clear error", () => {
    const file = join(work, "no-such-dir", "out.yaml");
    expect(() => writeFileAtomic(file, "x", { overwrite: false })).toThrow(
      /cannot write it \(the directory does not exist\)/,
    );
  });

  // A real read-only directory, with no injection. Root writes anywhere, so as root the write
  // runs in a child process as the unprivileged user "nobody" (uid 65534), on the same code
  // bundled by esbuild.
  it(`a read-only directory (chmod 555${process.getuid?.() === 0 ? ", written as uid 65534 since tests run as root" : ""}): a clear error, the old file intact`, async () => {
    const { dir, file } = existing();
    fs.chmodSync(dir, 0o555);
    try {
      const driver = join(work, "write-driver.mjs");
      await build({
        stdin: {
          contents: `import { writeFileAtomic } from "./${relative(repoRoot, join(repoRoot, "src", "cli", "write-file.ts"))}";
try { writeFileAtomic(process.argv[2], "new", { overwrite: true }); console.log("written"); }
catch (error) { console.log(error.name + ": " + error.message); }`,
          resolveDir: repoRoot,
          sourcefile: "write-driver.ts",
          loader: "ts",
        },
        bundle: true,
        platform: "node",
        format: "esm",
        outfile: driver,
        logLevel: "error",
      });
      fs.chmodSync(driver, 0o644);
      const asRoot = process.getuid?.() === 0;
      const run = spawnSync(process.execPath, [driver, file], {
        encoding: "utf8",
        timeout: 30_000,
        ...(asRoot ? { uid: 65_534, gid: 65_534 } : {}),
      });
      expect(run.stderr).toBe("");
      expect(run.stdout.trim()).toBe(
        `InputError: ${file}: cannot write it (the directory is not writable); any existing file is unchanged`,
      );
    } finally {
      fs.chmodSync(dir, 0o755);
    }
    expectOldFileIntact(dir, file);
  });
});

describe("every write in src/ goes through writeFileAtomic", () => {
  const WRITES =
    /\b(writeFileSync|writeFile|appendFileSync|appendFile|createWriteStream|copyFileSync|copyFile|cpSync|truncateSync|ftruncateSync)\b|\bwriteSync\(/;

  function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sources(path);
      return entry.name.endsWith(".ts") ? [path] : [];
    });
  }

  it("no other module of src/ writes files", () => {
    const offenders = sources(join(repoRoot, "src"))
      .filter((path) => !path.endsWith(join("cli", "write-file.ts")))
      // Reports go to standard output with writeSync(1, …): no file is written there.
      .filter((path) => !path.endsWith(join("report", "write.ts")))
      .filter((path) => WRITES.test(fs.readFileSync(path, "utf8")))
      .map((path) => relative(repoRoot, path));
    expect(offenders).toEqual([]);
  });
});
