import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY } from "../../src/report/recommendation/html.js";
import { runCli } from "../helpers/run-cli.js";

const CHROMIUM = "/usr/bin/chromium";
// Without the background-networking flags Chromium tries to reach Google's services at start.
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// Profile strings a report must show as text, never obey as markup.
const HOSTILE = `<script>alert(1)</script> & "Q" <img src="https://example.invalid/x.png">`;

const profile = `version: 1
project: '${HOSTILE.replaceAll("'", "''")}'
answers:
  customers: hospitals
  visualization: basic
  imageSize: large
  timeSensitive: true
  osAccess: false
  dataSharing: true
  businessAssociate: avoid
  cloudAcceptance: deidentified-only
  customerIt: strong
  opsCapacity: strong
  computeDemand: heavy
  gpu: true
  ipProtection: high
  analytics: usage
  algorithmUpdates: frequent
  devBudget: ample
  hostingBudget: moderate
  clientDeidentification: difficult
`;

describe("recommend --format html in headless Chromium", () => {
  let dir: string;
  let file: string;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does this`,
      );
    dir = mkdtempSync(join(tmpdir(), "deploy-advisor-html-"));
    writeFileSync(join(dir, "profile.yaml"), profile);
    file = join(dir, "report.html");
    const run = runCli(["recommend", join(dir, "profile.yaml"), "--format", "html", "--out", file]);
    expect(run.stderr).toContain("Wrote");
    expect(run.code).toBe(0);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
    page = await browser.newPage();
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("requests nothing but the file itself", () => {
    expect(requests).toEqual([pathToFileURL(file).href]);
  });

  it("has a strict Content-Security-Policy and no scripts, images or external references", async () => {
    const csp = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute("content");
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    expect(csp).toContain("default-src 'none'");
    expect(await page.locator("script").count()).toBe(0);
    expect(await page.locator("img").count()).toBe(0);
    // A second look, at the parsed document: every URL-bearing attribute and every url( in the
    // styles is a data: URL, so even a browser without the policy would fetch nothing.
    // (Browser-side code is a string: the project's TypeScript has no DOM types, on purpose.)
    const refs = await page.evaluate<string[]>(`(() => {
      const names = ["src", "href", "xlink:href", "srcset", "action", "formaction", "poster", "data"];
      const inCss = (text) => [...text.matchAll(/url\\(\\s*["']?([^"')]*)/g)].map((m) => m[1]);
      const urls = [];
      for (const element of document.querySelectorAll("*")) {
        for (const attribute of element.attributes)
          if (names.includes(attribute.name.toLowerCase())) urls.push(attribute.value);
        urls.push(...inCss(element.getAttribute("style") ?? ""));
      }
      for (const sheet of document.querySelectorAll("style")) urls.push(...inCss(sheet.textContent));
      return urls;
    })()`);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref).toMatch(/^data:/);
    expect(readFileSync(file, "utf8")).not.toMatch(
      /<(script|iframe|object|embed|link rel="stylesheet")/i,
    );
  });

  it("shows profile strings as text, not markup", async () => {
    expect(await page.locator("h1").textContent()).toBe(`Deployment recommendation: ${HOSTILE}`);
    expect(await page.title()).toBe(`Deployment recommendation: ${HOSTILE}`);
  });

  it("tells the whole story: verdict, chart, BA status, reasons, sensitivity, exclusions, checklist", async () => {
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees.
    const text = (await page.locator("body").innerText()).replace(/\s+/g, " ");
    expect(text).toContain(
      "Recommended: Web app served locally + cloud processing server web-local-cloud-processing",
    );
    expect(text).toMatch(/Fragile: \d+ single-answer changes? would change the winner/);
    expect(text).toContain("Business Associate? No, as long as the conditions below hold.");
    expect(text).toContain("Why Web app served locally + cloud processing server");
    expect(text).toContain("algorithmUpdates = frequent");
    expect(text).toContain(
      "web-local would win if cloudAcceptance were none (now deidentified-only), which rules out web-local-cloud-processing",
    );
    expect(text).toContain("Excluded strategies");
    expect(text).toContain("cloudAcceptance = deidentified-only");
    expect(text).toContain("Compliance checklist");
    expect(text).toContain("Re-identification codes kept on site (45 CFR 164.514(c))");
    expect(text).toContain("not legal advice");
    // The questions left out of the profile are named.
    expect(text).toContain(
      "Unanswered (counted as neutral): piracyConcern, releaseCadence, platforms.",
    );
  });

  it("draws one bar per ranked strategy, as long as its score", async () => {
    const json = JSON.parse(
      runCli(["recommend", join(dir, "profile.yaml"), "--format", "json"]).stdout,
    ) as { ranking: { id: string; score: number }[]; excluded: { id: string }[] };
    const bars = page.locator("svg.chart rect.bar");
    expect(await bars.count()).toBe(json.ranking.length);
    const track = Number(await page.locator("svg.chart rect.track").first().getAttribute("width"));
    for (const [i, entry] of json.ranking.entries()) {
      const width = Number(await bars.nth(i).getAttribute("width"));
      expect(width / track).toBeCloseTo(entry.score / 100, 2);
    }
    const chartText = await page.locator("svg.chart").textContent();
    for (const excluded of json.excluded) expect(chartText).toContain(excluded.id);
  });

  it("prints without cutting anything off", async () => {
    await page.emulateMedia({ media: "print" });
    // About the printable width of an A4 page at 96 dpi with the print margins.
    await page.setViewportSize({ width: 690, height: 1000 });
    const layout = await page.evaluate<{
      scrollWidth: number;
      clientWidth: number;
      chartRight: number;
      breakAfter: string;
    }>(`(() => {
      const chart = document.querySelector("svg.chart").getBoundingClientRect();
      return {
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        chartRight: chart.right,
        breakAfter: getComputedStyle(document.querySelector("h2")).breakAfter,
      };
    })()`);
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
    expect(layout.chartRight).toBeLessThanOrEqual(layout.clientWidth);
    expect(layout.breakAfter).toBe("avoid");
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });
});
