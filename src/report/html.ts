import escapeHtml from "escape-html";

/** Markup that is already safe: produced by `html` below, never by hand from user text. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = SafeHtml | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return "";
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return part.map(render).join("");
  return escapeHtml(String(part));
}

/**
 * A template tag that escapes every interpolated value unless it is itself the result of `html`,
 * so text from a profile or a rule file can never add markup, attributes or scripts.
 */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return new SafeHtml(out);
}

/** Marks a constant string (a stylesheet, say) as markup; never pass user text to it. */
export function trusted(text: string): SafeHtml {
  return new SafeHtml(text);
}
