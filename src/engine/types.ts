/** Where a factor's importance came from. */
export type ImportanceSource =
  | { kind: "baseline"; weight: number }
  | { kind: "answer"; question: string; answer: string; weight: number }
  | { kind: "override"; weight: number };

export interface FactorImportance {
  factor: string;
  importance: number;
  sources: ImportanceSource[];
}

/** Points one article item earns a strategy on one factor, split by the answers behind them. */
export interface Contribution {
  /** The article item of this strategy. */
  item: string;
  kind: "advantage" | "disadvantage";
  text: string;
  /** The item of another strategy this one inherits, when the impact comes from there. */
  inheritedItem?: string;
  inheritedText?: string;
  factor: string;
  impact: number;
  importance: number;
  points: number;
  sources: { source: ImportanceSource; points: number }[];
}

export interface ExclusionReason {
  question: string;
  answer: string;
  text: string;
}

export interface StrategyResult {
  id: string;
  name: string;
  number: number;
  /** 0..100: where the raw score falls between the worst and best any strategy could get here. */
  score: number;
  raw: number;
  excluded: boolean;
  exclusionReasons: ExclusionReason[];
  contributions: Contribution[];
}

export interface RankedStrategy {
  rank: number;
  id: string;
  name: string;
  score: number;
}

/** The engine's whole answer for one profile: plain data, the same for the same input. */
export interface Recommendation {
  recommended: string | null;
  ranking: RankedStrategy[];
  excluded: { id: string; name: string; reasons: ExclusionReason[] }[];
  /** Applicable questions with no answer or "unsure". */
  unanswered: string[];
  /** Answers given to questions whose askWhen does not hold; they do not count. */
  ignored: string[];
  importance: FactorImportance[];
  strategies: StrategyResult[];
  scale: { min: number; max: number };
}
