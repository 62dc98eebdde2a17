/** Larger inputs are refused before parsing: no honest profile or rule file comes close. */
export const MAX_INPUT_BYTES = 1024 * 1024;
/** Deeper nesting than this is refused: real files stay under ten levels. */
export const MAX_DEPTH = 64;
/** A few aliases are legitimate YAML; thousands are an expansion bomb. */
export const MAX_ALIAS_COUNT = 100;
/** Problems reported per file: past this many, the file is the wrong one, not a list to fix. */
export const MAX_DIAGNOSTICS = 50;
