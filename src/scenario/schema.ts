import { z } from 'zod';
import { commandSchema } from '../sim/commandSchema';
import { initialConditionsSchema } from '../sim/initial';

// The scenario file, version 2 (the current one). Older versions are migrated on load (migrate.ts).
export const SCENARIO_SCHEMA_VERSION = 2;

/** Text in the languages the scenario offers; English is required, the others fall back to it. */
export const localText = z.strictObject({ en: z.string().min(1), th: z.string().min(1).optional() });

export type Condition =
  | { tag: string; op: '>' | '>=' | '<' | '<=' | '==' | '!='; value: number }
  | { alarm: string; state: 'active' | 'unack' | 'acked' | 'normal' }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({
      tag: z.string().regex(/^[A-Za-z0-9-]+\.[a-z_0-9]+$/, 'must be a tag such as TK-101.level'),
      op: z.enum(['>', '>=', '<', '<=', '==', '!=']),
      value: z.number(),
    }),
    z.strictObject({ alarm: z.string().min(1), state: z.enum(['active', 'unack', 'acked', 'normal']) }),
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a lower-case id such as stop-receipt');

export const timelineEventSchema = z
  .strictObject({
    id,
    at_s: z.number().nonnegative().optional(),
    when: conditionSchema.optional(),
    do: z.array(z.union([z.strictObject({ command: commandSchema }), z.strictObject({ message: localText })])).min(1),
  })
  .refine((e) => (e.at_s === undefined) !== (e.when === undefined), { message: 'give exactly one of at_s or when' });

/** What a procedure step waits for: a command (fields given must match) or a condition on the plant. */
export const stepExpectSchema = z.union([
  z.strictObject({ command: z.looseObject({ type: z.string().min(1) }) }),
  z.strictObject({ condition: conditionSchema }),
]);

export const procedureStepSchema = z.strictObject({
  id,
  text: localText,
  expect: stepExpectSchema,
  /** The clock for within_s starts at this alarm's first raise, another step's completion, or a plant time. */
  after: z
    .union([
      z.strictObject({ alarm: z.string() }),
      z.strictObject({ step: id }),
      z.strictObject({ t_s: z.number().nonnegative() }),
    ])
    .optional(),
  within_s: z.number().positive().optional(),
  weight: z.number().positive(),
  required: z.boolean().default(false),
  right: localText,
});

export const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  schemaVersion: z.literal(SCENARIO_SCHEMA_VERSION),
  id,
  version: z.string().regex(/^\d+\.\d+(\.\d+)?$/, 'must be a version such as 1.0'),
  title: localText,
  summary: localText,
  role: z.enum(['field', 'console']),
  difficulty: z.enum(['basic', 'intermediate', 'advanced']),
  timeLimit_s: z
    .number()
    .positive()
    .max(7 * 86400),
  languages: z.array(z.enum(['en', 'th'])).min(1),
  briefing: localText,
  initial: z.strictObject({
    conditions: initialConditionsSchema.default({}),
    speed: z.number().min(0.1).max(1000).default(1),
    startAt: z.strictObject({ x: z.number(), z: z.number() }).optional(),
  }),
  timeline: z.array(timelineEventSchema).default([]),
  ordered: z.boolean().default(false),
  procedure: z.array(procedureStepSchema).min(1),
  objectives: z
    .array(
      z.strictObject({
        id,
        text: localText,
        condition: conditionSchema,
        hold_s: z.number().nonnegative(),
        weight: z.number().positive(),
      }),
    )
    .default([]),
  safety: z
    .array(
      z.strictObject({
        id,
        text: localText,
        condition: conditionSchema,
        penalty: z.number().nonnegative(),
        endsExercise: z.boolean().default(false),
      }),
    )
    .default([]),
  hazards: z
    .array(z.strictObject({ id, text: localText, position: z.tuple([z.number(), z.number(), z.number()]) }))
    .default([]),
  hints: z.array(z.strictObject({ text: localText, cost: z.number().nonnegative() })).default([]),
  scoring: z
    .strictObject({
      passMark: z.number().min(0).max(100).default(70),
      lateFraction: z.number().min(0).max(1).default(0.5),
    })
    .default({ passMark: 70, lateFraction: 0.5 }),
  endWhen: z.union([z.literal('procedureDone'), conditionSchema]).optional(),
  /** Tags the debrief trends, with the trainee's actions marked on them. */
  keyTags: z.array(z.string()).max(6).default([]),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type LocalText = z.infer<typeof localText>;

export function textIn(t: LocalText, lang: 'en' | 'th'): string {
  return (lang === 'th' && t.th) || t.en;
}
