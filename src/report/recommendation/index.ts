import type { ChalkInstance } from "chalk";
import { renderRecommendationHtml } from "./html.js";
import { renderRecommendationJson } from "./json.js";
import { renderRecommendationMarkdown } from "./markdown.js";
import type { RecommendationReport } from "./model.js";
import { renderRecommendationText } from "./text.js";

/** Every format `recommend --format` accepts; adding one here without a renderer fails to compile. */
export const recommendationFormats = ["text", "json", "markdown", "html"] as const;
export type RecommendationFormat = (typeof recommendationFormats)[number];

export const recommendationRenderers = {
  text: renderRecommendationText,
  json: (report) => renderRecommendationJson(report),
  markdown: (report) => renderRecommendationMarkdown(report),
  html: (report) => renderRecommendationHtml(report),
} as const satisfies Record<
  RecommendationFormat,
  (report: RecommendationReport, style: ChalkInstance) => string
>;
