import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ArticleItem, Strategy } from "../../src/rulebase/schema.js";
import { realRules, repoRoot, rulesDir } from "../helpers/rules.js";

const rules = realRules();
/**
 * The article lives beside DESIGN.md, outside the repository (its sentences must not be copied
 * in). Checks that read it run where it is available: the main checkout, a worktree, or a path
 * given in DEPLOY_ADVISOR_ARTICLE; elsewhere they are skipped and say so.
 */
const ARTICLE_PATH = [
  process.env.DEPLOY_ADVISOR_ARTICLE,
  join(repoRoot, "..", "shared", "seed", "deployment-strategies-and-hipaa.txt"),
  join(repoRoot, "..", "..", "shared", "seed", "deployment-strategies-and-hipaa.txt"),
].find((path): path is string => path !== undefined && existsSync(path));
const ARTICLE = ARTICLE_PATH ? readFileSync(ARTICLE_PATH, "utf8") : "";
const withArticle = it.skipIf(ARTICLE_PATH === undefined);

/** Bullet counts per numbered section of the article, read from its text. */
function articleBullets(
  text: string,
): { number: number; advantages: number; disadvantages: number }[] {
  const sections: { number: number; advantages: number; disadvantages: number }[] = [];
  let list: "advantages" | "disadvantages" | undefined;
  for (const line of text.split("\n")) {
    const heading = /^(\d)\. .+🔗$/.exec(line);
    if (heading) {
      sections.push({ number: Number(heading[1]), advantages: 0, disadvantages: 0 });
      list = undefined;
    } else if (line.startsWith("Footnotes")) list = undefined;
    else if (line === "Advantages") list = "advantages";
    else if (line === "Disadvantages") list = "disadvantages";
    else if (/^\s+•/.test(line) && list) {
      const current = sections[sections.length - 1];
      if (current) current[list]++;
    }
  }
  return sections;
}

const byId = (id: string): Strategy => {
  const strategy = rules.strategies.find((s) => s.id === id);
  if (!strategy) throw new Error(`no strategy ${id}`);
  return strategy;
};
const allItems: ArticleItem[] = rules.strategies.flatMap((s) => [
  ...s.advantages,
  ...s.disadvantages,
]);
const itemById = new Map(allItems.map((i) => [i.id, i]));

/** The factors an item moves, directly or through the items it inherits. */
function factorsOf(item: ArticleItem): string[] {
  return [
    ...Object.keys(item.impacts),
    ...(item.inherits ?? []).flatMap((ref) => Object.keys(itemById.get(ref)?.impacts ?? {})),
  ];
}

describe("every strategy carries the article's items", () => {
  // The counts of the bullets under each strategy of the article, by hand.
  const expected = [
    { id: "native", advantages: 5, disadvantages: 6 },
    { id: "web-local", advantages: 4, disadvantages: 5 },
    { id: "web-cloud", advantages: 5, disadvantages: 6 },
    { id: "web-local-cloud-processing", advantages: 4, disadvantages: 3 },
    { id: "native-cloud-processing", advantages: 5, disadvantages: 1 },
    { id: "web-cloud-hipaa-platform", advantages: 2, disadvantages: 5 },
  ];

  withArticle("the hand count agrees with the article's text", () => {
    expect(articleBullets(ARTICLE)).toEqual(
      expected.map(({ advantages, disadvantages }, i) => ({
        number: i + 1,
        advantages,
        disadvantages,
      })),
    );
  });

  it("the strategies are the six of DESIGN.md, in its order and numbering", () => {
    expect(rules.strategies.map((s) => [s.number, s.id])).toEqual(
      expected.map(({ id }, i) => [i + 1, id]),
    );
  });

  it.each(expected)(
    "$id has $advantages advantages and $disadvantages disadvantages",
    ({ id, advantages, disadvantages }) => {
      const strategy = byId(id);
      expect(strategy.advantages).toHaveLength(advantages);
      expect(strategy.disadvantages).toHaveLength(disadvantages);
      for (const item of [...strategy.advantages, ...strategy.disadvantages]) {
        // Stable ids say which strategy an item belongs to.
        expect(item.id.startsWith(`${id}.`)).toBe(true);
        expect(item.text.trim().length).toBeGreaterThan(10);
      }
    },
  );

  it("item ids are unique across the rule base", () => {
    expect(new Set(allItems.map((i) => i.id)).size).toBe(allItems.length);
  });

  withArticle("the article has three footnotes", () => {
    const footnoteLine = ARTICLE.split("\n").find((l) => /^1 It is also possible/.test(l)) ?? "";
    expect(footnoteLine.match(/(?:^| )[1-3] (?=[A-Z])/g)).toHaveLength(3);
  });

  it("the article's three footnotes are present, each on the strategy it qualifies", () => {
    const footnotes = rules.strategies.flatMap((s) =>
      s.footnotes.map((f) => ({ strategy: s.id, number: f.number, id: f.id })),
    );
    expect(footnotes.map((f) => [f.number, f.strategy])).toEqual([
      // 1: a native app instead of the local web app, when visualization matters.
      [1, "web-local-cloud-processing"],
      // 2: a web app instead of the native app, in rare cases.
      [2, "native-cloud-processing"],
      // 3: cloud hosts can fail too, next to the risk of the platform going out of business.
      [3, "web-cloud-hipaa-platform"],
    ]);
    expect(
      byId("web-cloud-hipaa-platform").disadvantages.find((i) => i.footnotes?.length)?.id,
    ).toBe("web-cloud-hipaa-platform.platform-failure");
  });

  it("hybrids say what they inherit, and only from the strategies the article names", () => {
    const inheritsFrom = (id: string) =>
      new Set(
        [...byId(id).advantages, ...byId(id).disadvantages].flatMap((i) =>
          (i.inherits ?? []).map((ref) => ref.split(".")[0]),
        ),
      );
    expect([...inheritsFrom("web-local-cloud-processing")].sort()).toEqual([
      "web-cloud",
      "web-local",
    ]);
    expect([...inheritsFrom("native-cloud-processing")]).toEqual(["native"]);
    expect([...inheritsFrom("web-cloud-hipaa-platform")]).toEqual(["web-cloud"]);
    for (const id of ["native", "web-local", "web-cloud"]) expect(inheritsFrom(id).size).toBe(0);
    for (const id of [
      "web-local-cloud-processing",
      "native-cloud-processing",
      "web-cloud-hipaa-platform",
    ])
      expect(byId(id).inheritance).toBeTruthy();
  });

  it("strategy 5 takes every disadvantage of a native app except piracy and analytics", () => {
    const [only] = byId("native-cloud-processing").disadvantages;
    const native = byId("native").disadvantages.map((i) => i.id);
    expect([...(only?.inherits ?? [])].sort()).toEqual(
      native.filter((id) => id !== "native.piracy" && id !== "native.analytics").sort(),
    );
  });

  it("inherited advantages come from advantages and disadvantages from disadvantages", () => {
    const kind = new Map<string, "advantage" | "disadvantage">();
    for (const s of rules.strategies) {
      for (const i of s.advantages) kind.set(i.id, "advantage");
      for (const i of s.disadvantages) kind.set(i.id, "disadvantage");
    }
    for (const item of allItems)
      for (const ref of item.inherits ?? []) expect(kind.get(ref)).toBe(kind.get(item.id));
  });
});

describe("questions, factors and items are all connected", () => {
  it("has the 22 core questions of DESIGN.md with exactly its values", () => {
    const core: Record<string, string[]> = {
      customers: ["individuals", "clinics", "hospitals", "mixed"],
      visualization: ["basic", "standard", "demanding"],
      imageSize: ["small", "large", "very-large"],
      timeSensitive: ["true", "false"],
      osAccess: ["true", "false"],
      dataSharing: ["true", "false"],
      businessAssociate: ["acceptable", "avoid", "refuse"],
      cloudAcceptance: ["phi-ok", "deidentified-only", "none"],
      customerIt: ["none", "limited", "strong"],
      opsCapacity: ["none", "limited", "strong"],
      computeDemand: ["light", "heavy", "bursty"],
      gpu: ["true", "false"],
      ipProtection: ["low", "medium", "high"],
      piracyConcern: ["low", "medium", "high"],
      analytics: ["none", "usage", "ml-data"],
      algorithmUpdates: ["rare", "frequent"],
      releaseCadence: ["rare", "frequent"],
      platforms: ["single", "multiple"],
      devBudget: ["tight", "moderate", "ample"],
      hostingBudget: ["tight", "moderate", "ample"],
      lockInTolerance: ["low", "medium", "high"],
      clientDeidentification: ["feasible", "difficult", "infeasible"],
    };
    const actual = Object.fromEntries(
      rules.questions.map((q) => [q.id, q.choices.map((c) => c.value)]),
    );
    expect(actual).toEqual(core);
    for (const q of rules.questions) {
      expect(q.prompt.trim()).not.toBe("");
      expect(q.help.trim().length).toBeGreaterThan(20);
      for (const c of q.choices) expect(c.label.trim()).not.toBe("");
      if (q.choices.every((c) => ["true", "false"].includes(c.value)))
        expect(q.type).toBe("boolean");
    }
  });

  it.each(rules.questions.map((q) => q.id))(
    "question %s affects a factor or an exclusion",
    (id) => {
      const question = rules.questions.find((q) => q.id === id);
      const effects = (question?.choices ?? []).filter(
        (c) => Object.values(c.weights).some((w) => w > 0) || c.excludes.length > 0,
      );
      expect(effects.length).toBeGreaterThan(0);
    },
  );

  it.each(rules.factors.map((f) => f.id))(
    "factor %s is moved by an article item and weighed by a question",
    (factor) => {
      expect(allItems.some((item) => factorsOf(item).includes(factor))).toBe(true);
      const weighing = rules.questions.filter((q) =>
        q.choices.some((c) => (c.weights[factor] ?? 0) > 0),
      );
      expect(weighing.map((q) => q.id)).not.toEqual([]);
    },
  );

  it("every article item moves at least one factor, directly or through what it inherits", () => {
    const inert = allItems.filter((item) => factorsOf(item).length === 0).map((i) => i.id);
    expect(inert).toEqual([]);
  });
});

describe("Business Associate implications (DESIGN.md section 2)", () => {
  const table = [
    { id: "native", status: "no", agreements: [] },
    { id: "web-local", status: "no", agreements: [] },
    { id: "web-cloud", status: "yes", agreements: ["vendor-customer", "vendor-host"] },
    { id: "web-local-cloud-processing", status: "conditional", agreements: [] },
    { id: "native-cloud-processing", status: "conditional", agreements: [] },
    { id: "web-cloud-hipaa-platform", status: "conditional", agreements: ["customer-platform"] },
  ];

  it.each(table)(
    "$id: Business Associate $status, agreements $agreements",
    ({ id, status, agreements }) => {
      const ba = byId(id).businessAssociate;
      expect(ba.status).toBe(status);
      expect(ba.agreements.map((a) => a.id)).toEqual(agreements);
      expect(ba.summary.trim()).not.toBe("");
      expect(ba.conditions.length).toBeGreaterThan(0);
      expect(ba.changesIf.length).toBeGreaterThan(0);
    },
  );

  it("only web-cloud makes the vendor a Business Associate", () => {
    expect(
      rules.strategies.filter((s) => s.businessAssociate.status === "yes").map((s) => s.id),
    ).toEqual(["web-cloud"]);
  });

  it("the agreements name their parties", () => {
    const parties = (id: string) =>
      byId(id).businessAssociate.agreements.map((a) => a.parties.join(" + "));
    expect(parties("web-cloud")).toEqual(["vendor + each customer", "vendor + hosting provider"]);
    expect(parties("web-cloud-hipaa-platform")).toEqual(["each customer + HIPAA platform"]);
  });

  it("the conditions say what keeps each verdict true", () => {
    const text = (id: string, key: "conditions" | "changesIf") =>
      byId(id).businessAssociate[key].join(" ");
    expect(text("native", "changesIf")).toMatch(/support/i);
    expect(text("web-local", "changesIf")).toMatch(/remote access/i);
    expect(text("web-cloud", "conditions")).toMatch(/HIPAA program/);
    expect(text("web-local-cloud-processing", "conditions")).toMatch(/local server de-identifies/);
    expect(text("native-cloud-processing", "conditions")).toMatch(/app de-identifies/);
    expect(text("web-cloud-hipaa-platform", "conditions")).toMatch(/client/);
    for (const id of [
      "web-local-cloud-processing",
      "native-cloud-processing",
      "web-cloud-hipaa-platform",
    ])
      expect(text(id, "conditions")).toMatch(/re-identif/i);
  });
});

describe("compliance features", () => {
  const citationsOf = (id: string) =>
    byId(id).complianceFeatures.map(
      (f) => rules.complianceFeatures.find((x) => x.id === f)?.citation ?? "",
    );

  it.each(rules.strategies.map((s) => s.id))("%s lists the 164.312 technical safeguards", (id) => {
    const citations = citationsOf(id);
    for (const part of [
      "(a)(2)(i)",
      "(a)(2)(ii)",
      "(a)(2)(iii)",
      "(a)(2)(iv)",
      "(b)",
      "(c)(1)",
      "(d)",
      "(e)(1)",
    ])
      expect(citations).toContain(`45 CFR 164.312${part}`);
  });

  it("de-identification and re-identification are listed exactly for strategies 4 to 6", () => {
    const withDeidentification = rules.strategies
      .filter((s) => s.complianceFeatures.includes("de-identification"))
      .map((s) => s.number);
    const withReidentification = rules.strategies
      .filter((s) => s.complianceFeatures.includes("re-identification"))
      .map((s) => s.number);
    expect(withDeidentification).toEqual([4, 5, 6]);
    expect(withReidentification).toEqual([4, 5, 6]);
    const feature = (id: string) => rules.complianceFeatures.find((f) => f.id === id);
    expect(feature("de-identification")?.citation).toBe("45 CFR 164.514(b)");
    expect(feature("re-identification")?.citation).toBe("45 CFR 164.514(c)");
  });

  it("every feature carries a 45 CFR citation and is used by some strategy", () => {
    for (const feature of rules.complianceFeatures) {
      expect(feature.citation).toMatch(/^45 CFR 164\.\d+/);
      expect(rules.strategies.some((s) => s.complianceFeatures.includes(feature.id))).toBe(true);
    }
  });
});

describe("metadata and wording", () => {
  withArticle("names the source article and its date", () => {
    const [title] = ARTICLE.split("\n");
    expect(rules.meta.source.title).toBe(title?.trim());
    expect(ARTICLE).toContain("October 28, 2020");
    expect(rules.meta.source.date).toBe("2020-10-28");
  });

  it("names the rule-base version and the regulation", () => {
    expect(rules.meta.rulesVersion).toMatch(/^\d+\.\d+\.\d+$/);
    const citations = rules.meta.regulation.map((r) => r.citation);
    expect(citations).toEqual(
      expect.arrayContaining(["45 CFR 160.103", "45 CFR 164.514(a)-(b)", "45 CFR 164.514(c)"]),
    );
  });

  it("the disclaimer says software cannot be compliant and this is not legal advice", () => {
    expect(rules.meta.disclaimer).toMatch(/Software cannot be HIPAA compliant; only organizations/);
    expect(rules.meta.disclaimer).toMatch(/not legal advice/);
  });

  withArticle("no run of 8 words from the article appears in any rule file", () => {
    const words = (text: string) =>
      text
        .toLowerCase()
        .replace(/[’‘]/g, "'")
        .split(/[^a-z0-9']+/)
        .filter(Boolean);
    const runs = (list: string[]) => {
      const out = new Set<string>();
      for (let i = 0; i + 8 <= list.length; i++) out.add(list.slice(i, i + 8).join(" "));
      return out;
    };
    // The title is cited in meta.yaml on purpose (a citation, not a sentence of the text).
    const [title = "", ...body] = ARTICLE.split("\n");
    expect(rules.meta.source.title).toBe(title.trim());
    const article = runs(words(body.join("\n")));
    expect(article.size).toBeGreaterThan(500);
    const files = readdirSync(rulesDir).filter((f) => f.endsWith(".yaml"));
    expect(files.length).toBe(5);
    const copied = files.flatMap((file) =>
      [...runs(words(readFileSync(join(rulesDir, file), "utf8")))]
        .filter((run) => article.has(run))
        .map((run) => `${file}: ${run}`),
    );
    expect(copied).toEqual([]);
  });
});
