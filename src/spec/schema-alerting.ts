/** The spec's `alerting` section: receivers by reference, severity routes, the dead man's switch. */
import * as z from "zod";
import { configMapKeyProblems, JSON_SCHEMA } from "../k8s/name-validation.js";
import { RESERVED_RECEIVERS } from "../vocabulary.js";
import { durationText, apiString, secretName, httpUrl } from "./schema-fields.js";

/** A receiver or key name: what the routes name and what `routes` must match. */
const receiverName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, {
    message:
      "a receiver name: letters, digits, '_', '.' and '-', at most 63 characters, starting with a letter or digit",
  })
  .refine((n) => !(RESERVED_RECEIVERS as ReadonlyArray<string>).includes(n), {
    message: `a receiver name other than ${RESERVED_RECEIVERS.join(", ")}: hamon's own routing uses them`,
  });
const credentialKey = (what: string) =>
  apiString("a key of a Secret's data", configMapKeyProblems, JSON_SCHEMA.configMapKey).describe(
    `Key of \`alerting.secretName\` holding ${what}; Alertmanager reads the file it is mounted as, so the value never appears in a manifest.`,
  );

const receiver = z.discriminatedUnion("type", [
  z.strictObject({
    name: receiverName.describe("Receiver name, as `alerting.routes` uses it."),
    type: z.literal("pagerduty").describe("PagerDuty Events API v2 (`pagerduty_configs.routing_key_file`)."),
    secretKey: credentialKey("the PagerDuty integration (routing) key"),
  }),
  z.strictObject({
    name: receiverName.describe("Receiver name, as `alerting.routes` uses it."),
    type: z.literal("opsgenie").describe("Opsgenie (`opsgenie_configs.api_key_file`)."),
    secretKey: credentialKey("the Opsgenie API key"),
  }),
  z.strictObject({
    name: receiverName.describe("Receiver name, as `alerting.routes` uses it."),
    type: z.literal("slack").describe("Slack incoming webhook (`slack_configs.api_url_file`)."),
    secretKey: credentialKey("the Slack incoming-webhook URL"),
    channel: z.string().min(1).describe("Channel, e.g. #alerts."),
  }),
  z.strictObject({
    name: receiverName.describe("Receiver name, as `alerting.routes` uses it."),
    type: z.literal("webhook").describe("Any Alertmanager webhook receiver (`webhook_configs`)."),
    url: httpUrl.describe("URL the notifications are POSTed to; not a secret (it is in the manifests)."),
    secretKey: credentialKey("a bearer token sent as `Authorization: Bearer …`").optional(),
  }),
]);

export const alertingSchema = z
  .strictObject({
    secretName: secretName.describe(
      "Secret you create in the stack's namespace holding every receiver credential, one per key. The Alertmanager CR mounts it (`spec.secrets`) read-only at /etc/alertmanager/secrets/<name>/ and the rendered routing points at those files: hamon never reads or writes a credential.",
    ),
    receivers: z
      .array(receiver)
      .min(1)
      .refine((rs) => new Set(rs.map((r) => r.name)).size === rs.length, {
        message: "distinct receiver names (one appears twice)",
      })
      .describe("Where notifications go, each credential by reference to a key of `secretName`."),
    routes: z
      .strictObject({
        critical: receiverName.describe("Receiver of `severity=critical` alerts."),
        warning: receiverName.describe(
          "Receiver of `severity=warning` alerts, and of alerts with no or another severity.",
        ),
        info: receiverName
          .optional()
          .describe("Receiver of `severity=info` alerts. Default: none (info alerts are not notified)."),
      })
      .describe("Severity routes, each naming one of `receivers`."),
    heartbeat: z
      .strictObject({
        url: httpUrl.describe(
          "The outside dead man's switch service's ping URL (e.g. https://api.opsgenie.com/v2/heartbeats/<name>/ping). It is in the manifests: put the secret part in `secretKey`.",
        ),
        secretKey: credentialKey(
          "the heartbeat service's credential, sent as `Authorization: <authorizationType> …`",
        ).optional(),
        authorizationType: z
          .string()
          .regex(/^[A-Za-z][A-Za-z0-9-]*$/, { message: "an HTTP authorization scheme such as Bearer or GenieKey" })
          .default("Bearer")
          .describe("Authorization scheme for `secretKey`: GenieKey for an Opsgenie heartbeat. Default Bearer."),
        repeatInterval: durationText("1m")
          .superRefine((d, ctx) => {
            if (d.milliseconds < 10_000)
              ctx.addIssue({
                code: "custom",
                message:
                  "a duration of at least 10s: Alertmanager looks at the Watchdog group every 10s (its group_interval) and refuses a repeat interval of 0",
                input: d.toString(),
              });
          })
          .prefault("1m")
          .describe(
            "How often the always-firing Watchdog alert is sent to the heartbeat URL (plus up to 10s, the route's group_interval). The outside service must alert when no ping arrives for longer than this plus its grace (docs/alerting.md). Default 1m.",
          ),
      })
      .optional()
      .describe(
        "Dead man's switch: the always-firing Watchdog alert is sent to a service outside the cluster, which alerts when it stops. Default: none (Watchdog goes to a receiver without integrations).",
      ),
  })
  .superRefine((a, ctx) => {
    const names = new Set(a.receivers.map((r) => r.name));
    for (const [severity, name] of Object.entries(a.routes)) {
      if (name !== undefined && !names.has(name))
        ctx.addIssue({
          code: "custom",
          path: ["routes", severity],
          message: `the name of one of alerting.receivers (${[...names].join(", ")})`,
          input: name,
        });
    }
  });
