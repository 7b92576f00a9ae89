// Types of bench/lib/edits.mjs.
export function editAnchorLine(text: string): number;
export function makeEditor(text: string): (editNumber: number) => string;
