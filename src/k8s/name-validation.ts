/**
 * Names, label keys and label values as the Kubernetes API server validates them, so that a spec
 * value that would end up in an object is refused at its spec path instead of by `kubectl apply`.
 *
 * Rules, lengths and wording follow k8s.io/apimachinery/pkg/util/validation/validation.go
 * (IsDNS1123Label, IsDNS1123Subdomain, IsQualifiedName, IsValidLabelValue, IsConfigMapKey).
 * Each function returns what is wrong, in plain words, or an empty list when the value is valid.
 */

const DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_LABEL_MAX = 63;
const DNS1123_SUBDOMAIN_MAX = 253;
const QUALIFIED_NAME = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const QUALIFIED_NAME_MAX = 63;
const LABEL_VALUE_MAX = 63;
const CONFIG_MAP_KEY_MAX = 253;

/** The same rules as JSON Schema `pattern`s and `maxLength`s, for editors (hamon schema). */
export const JSON_SCHEMA = {
  dns1123Label: { pattern: `^${DNS1123_LABEL}$`, maxLength: DNS1123_LABEL_MAX },
  dns1123Subdomain: { pattern: `^${DNS1123_LABEL}(\\.${DNS1123_LABEL})*$`, maxLength: DNS1123_SUBDOMAIN_MAX },
  /** A prefix of up to 253 characters, '/', a name of up to 63: too irregular for one pattern. */
  qualifiedName: { minLength: 1, maxLength: DNS1123_SUBDOMAIN_MAX + 1 + QUALIFIED_NAME_MAX },
  labelValue: { pattern: `^(${QUALIFIED_NAME})?$`, maxLength: LABEL_VALUE_MAX },
  configMapKey: { pattern: "^[-._a-zA-Z0-9]+$", maxLength: CONFIG_MAP_KEY_MAX },
} as const;

const dns1123LabelRe = new RegExp(JSON_SCHEMA.dns1123Label.pattern);
const dns1123SubdomainRe = new RegExp(JSON_SCHEMA.dns1123Subdomain.pattern);
const qualifiedNameRe = new RegExp(`^${QUALIFIED_NAME}$`);
const labelValueRe = new RegExp(JSON_SCHEMA.labelValue.pattern);
const configMapKeyRe = new RegExp(JSON_SCHEMA.configMapKey.pattern);

const tooLong = (max: number, value: string) => `at most ${max} characters (it has ${value.length})`;

/** RFC 1123 label: namespaces, Service names, and other names that become DNS labels. */
export function dns1123LabelProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > DNS1123_LABEL_MAX) problems.push(tooLong(DNS1123_LABEL_MAX, value));
  if (!dns1123LabelRe.test(value))
    problems.push("lower-case letters, digits and '-' only, starting and ending with a letter or digit");
  return problems;
}

/** RFC 1123 subdomain: names of most objects (Secrets, ConfigMaps, StorageClasses). */
export function dns1123SubdomainProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX) problems.push(tooLong(DNS1123_SUBDOMAIN_MAX, value));
  if (!dns1123SubdomainRe.test(value))
    problems.push(
      "lower-case letters, digits, '-' and '.' only, each '.'-separated part starting and ending with a letter or digit",
    );
  return problems;
}

/**
 * A label key, annotation key or taint key: an optional DNS-1123 subdomain prefix and '/', then
 * a name of at most 63 characters, letters, digits, '-', '_' and '.', starting and ending with a
 * letter or digit.
 */
export function qualifiedNameProblems(value: string): string[] {
  const parts = value.split("/");
  let name = value;
  const problems: string[] = [];
  if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) problems.push("a non-empty prefix before '/'");
    else problems.push(...dns1123SubdomainProblems(prefix).map((p) => `a prefix (before '/') of ${p}`));
  } else if (parts.length > 2) {
    return ["at most one '/', between an optional DNS subdomain prefix and the name"];
  }
  if (name.length === 0) return [...problems, "a non-empty name (after any '/')"];
  if (name.length > QUALIFIED_NAME_MAX) problems.push(`a name (after any '/') of ${tooLong(QUALIFIED_NAME_MAX, name)}`);
  if (!qualifiedNameRe.test(name))
    problems.push(
      "a name (after any '/') of letters, digits, '-', '_' and '.' only, starting and ending with a letter or digit",
    );
  return problems;
}

/** A label value: empty, or up to 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit. */
export function labelValueProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > LABEL_VALUE_MAX) problems.push(tooLong(LABEL_VALUE_MAX, value));
  if (!labelValueRe.test(value))
    problems.push("letters, digits, '-', '_' and '.' only, starting and ending with a letter or digit");
  return problems;
}

/** A key of a Secret's or ConfigMap's data: letters, digits, '-', '_' and '.', not `.` or `..`. */
export function configMapKeyProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > CONFIG_MAP_KEY_MAX) problems.push(tooLong(CONFIG_MAP_KEY_MAX, value));
  if (!configMapKeyRe.test(value)) problems.push("letters, digits, '-', '_' and '.' only");
  if (value === "." || value === ".." || value.startsWith("..")) problems.push("not '.', '..', nor starting with '..'");
  return problems;
}
