import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/calm.js";
import { everyInvocation, profileInvocations, repoRoot } from "../helpers/hostile-commands.js";

// deploy-advisor never opens a network connection. Under a preload that makes every network
// API of Node throw, every command gives exactly the output it gives without it.

const noNetwork = ["--require", join(repoRoot, "test", "fixtures", "no-network.cjs")];

describe("no network", () => {
  it("the preload really blocks the network (so the test below can fail)", () => {
    for (const attempt of [
      'fetch("http://127.0.0.1:9")',
      'require("node:net").connect(9, "127.0.0.1")',
      'require("node:http").get("http://127.0.0.1:9")',
      'require("node:https").request("https://127.0.0.1:9")',
      'require("node:tls").connect(9, "127.0.0.1")',
      'require("node:http2").connect("http://127.0.0.1:9")',
      'require("node:dns").lookup("localhost", () => {})',
      'require("node:dns").promises.resolve4("localhost")',
    ]) {
      const run = spawnSync(process.execPath, [...noNetwork, "-e", attempt], {
        encoding: "utf8",
        timeout: 30_000,
      });
      expect(run.status, attempt).not.toBe(0);
      expect(run.stderr, attempt).toContain("network access attempted");
    }
  });

  const missing = profileInvocations
    .filter((invocation) => !invocation.viaStdin)
    .map((invocation) => ({
      name: `${invocation.name} (missing file)`,
      args: invocation.args("no-such-profile.yaml"),
      input: undefined as string | undefined,
      status: 2,
    }));

  it.each([...everyInvocation().map((invocation) => ({ ...invocation, status: 0 })), ...missing])(
    "$name: same output and exit code with the network blocked",
    ({ args, input, status }) => {
      const stdin = input === undefined ? {} : { input };
      const free = runCli(args, stdin);
      const blocked = runCli(args, { nodeArgs: noNetwork, ...stdin });
      expect(blocked).toEqual(free);
      expect(free.status).toBe(status);
    },
  );
});
