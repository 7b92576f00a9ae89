// Types of scripts/lib/rules-table.mjs (plain JavaScript run by node; its tests are TypeScript).
export interface TablePlugin {
  meta?: { namespace?: string };
  rules: Record<string, { meta: { docs?: { description?: string; requiresTypeChecking?: boolean } } }>;
  configs?: Record<string, { rules?: Record<string, unknown> } | undefined>;
}
export declare const TABLE_START: string;
export declare const TABLE_END: string;
export declare const TABLE_FILES: { file: string; docsLink: (name: string) => string }[];
export declare function renderRulesTable(plugin: TablePlugin, docsLink: (name: string) => string): string;
export declare function replaceTable(text: string, table: string, file: string): string;
export declare function updateRulesTables(root: string, plugin: TablePlugin, options?: { check?: boolean }): string[];
