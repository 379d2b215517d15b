import { z } from 'zod';
import { formatPath, type LoadResult } from '../sim/plant/load';

// Where work orders are posted and how hard to try: a CMMS's inbound webhook. Checked once, errors by path,
// so a wrong setting is named where it is rather than found by a failed delivery at night.

export const webhookConfigSchema = z.strictObject({
  /** The receiver, http(s). */
  url: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//i.test(u), 'must be an http:// or https:// URL'),
  /** Extra headers (an API key the CMMS wants). */
  headers: z.record(z.string().min(1), z.string()).default({}),
  /** Shared secret: each body is signed, X-TankTwin-Signature: sha256=<HMAC-SHA256 hex>. */
  secret: z.string().min(16, 'must be at least 16 characters').optional(),
  /** One attempt's time limit, ms. */
  timeout_ms: z.number().int().min(100).max(120_000).default(10_000),
  /** Further attempts after the first, per flush. */
  retries: z.number().int().min(0).max(20).default(4),
  backoff: z
    .strictObject({
      /** Wait before the first retry, ms; each further one waits `factor` times longer, up to max_ms. */
      initial_ms: z.number().int().min(1).max(600_000).default(1000),
      factor: z.number().min(1).max(10).default(2),
      max_ms: z.number().int().min(1).max(3_600_000).default(60_000),
    })
    .default({ initial_ms: 1000, factor: 2, max_ms: 60_000 }),
  /** An asset's finding of a kind already delivered is sent again only after this long (or when its priority rose), ms. */
  resendAfter_ms: z
    .number()
    .int()
    .min(0)
    .default(30 * 86_400_000),
  /** Folder where orders wait until the receiver has them (written before the first attempt). */
  spoolDir: z.string().min(1),
});

export type WebhookConfig = z.infer<typeof webhookConfigSchema>;

export function parseWebhookConfig(raw: unknown): LoadResult<WebhookConfig> {
  const r = webhookConfigSchema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, errors: r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
}

/** The wait before retry k (0-based), ms. */
export function backoffDelay_ms(cfg: WebhookConfig, k: number): number {
  return Math.min(cfg.backoff.initial_ms * cfg.backoff.factor ** k, cfg.backoff.max_ms);
}
