/** The audit's output formats; `--flows` prints only the first two. */
export type AuditFormat = "text" | "json" | "sarif";
export const AUDIT_FORMATS: ReadonlyArray<AuditFormat> = ["text", "json", "sarif"];
export const FLOW_FORMATS: ReadonlyArray<AuditFormat> = ["text", "json"];
