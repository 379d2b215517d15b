import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { SIM_TEXTS, simText } from '../../../src/i18n/simTexts';
import { untranslated } from './literalScan';

// The sim's sentences a trainee reads (interlock actions, trip causes, MPC fallbacks, auto-tune aborts,
// refused commands, heating-plan warnings) have Thai templates; this reads those sentences out of the sim's
// source, so a new one without a template fails here.

const ROOT = join(__dirname, '../../..');
const THAI = /[\u0E00-\u0E7F]/;

/** Sentences only a programmer or a script meets: a wrong tag in a command, a malformed file. */
const NOT_FOR_TRAINEES = [
  /^(inject|clear)$/, // a fault event's kind, not a sentence
  /^unknown /,
  /^no active fault /,
  /snapshot/,
  /^source and destination must differ$/,
  /^transfer flow must be /,
  /^the relay is wider than the output range$/,
  /^gain scheduling is on/,
  /^use startTransfer to run /,
  /^the plan names /,
  /has no mixer$/,
];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** A string or template literal as a sample sentence: each ${…} becomes a tag-like word. */
function sample(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return node.head.text + node.templateSpans.map((s) => `TK-101${s.literal.text}`).join('');
  return null;
}

/** The trainee-facing sentences written in the sim's source, with where they are. */
function simSentences(): { at: string; text: string }[] {
  const out: { at: string; text: string }[] = [];
  const files = [
    ...walk(join(ROOT, 'src/sim')),
    join(ROOT, 'src/energy/plan.ts'),
    join(ROOT, 'src/energy/planSolve.ts'),
  ];
  for (const f of files.filter((x) => x.endsWith('.ts'))) {
    const sf = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const add = (n: ts.Node | undefined): void => {
      if (!n) return;
      if (ts.isConditionalExpression(n)) {
        add(n.whenTrue);
        add(n.whenFalse);
        return;
      }
      const text = sample(n);
      if (text === null || !/[a-z]{2}/.test(text)) return;
      out.push({ at: `${relative(ROOT, f)}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`, text });
    };
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n)) {
        const callee = n.expression.getText(sf);
        if (callee === 'no') add(n.arguments[0]);
        else if (callee === 'tripHeater') add(n.arguments[2]);
        else if (callee === 'fallBack' || callee === 'fallBackAll') add(n.arguments[3]);
        else if (callee === 'warnings.push') add(n.arguments[0]);
      } else if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && ['cause', 'action'].includes(n.name.text))
        add(n.initializer);
      else if (
        ts.isBinaryExpression(n) &&
        n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ['relayAbortReason', 'cause'].includes(n.left.getText(sf))
      )
        add(n.right);
      else if (ts.isReturnStatement(n) && n.expression) {
        const fn = ts.findAncestor(n, ts.isFunctionDeclaration)?.name?.text ?? '';
        if (/Cause|badInput|loadingPermissive/.test(fn)) add(n.expression);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

describe('the simulation’s sentences in Thai', () => {
  it('every template has Thai with the same slots', () => {
    for (const { en, th } of SIM_TEXTS) {
      const slots = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(slots(th), en).toEqual(slots(en));
      const bare = (s: string) => s.replace(/\{\w+\}/g, 'TK-101');
      expect(untranslated(bare(en), bare(th)), en).toBeNull();
    }
  });

  it('translates a sentence with tags and numbers, and one nested in another', () => {
    expect(simText('closed by LSHH-101 high-high level', 'th')).toBe('ปิดโดย LSHH-101 ระดับสูงมาก');
    expect(simText('MPC to PI: TT-101 bad quality', 'th')).toBe('เปลี่ยนจาก MPC เป็น PI: TT-101 สัญญาณเสีย');
    expect(simText('heater tripped (flame failure): reset first', 'th')).toBe('ฮีตเตอร์ทริป (เปลวไฟดับ): รีเซ็ตก่อน');
    expect(simText('P-201A is tripped', 'th')).toBe('P-201A ทริปอยู่');
    expect(simText('no steady limit cycle within 2 h', 'th')).toBe('ไม่เกิดการแกว่งที่คงที่ภายใน 2 h');
    // the Energy panel's refusal when its planner's worker could not start
    expect(simText('the planner stopped: worker error', 'th')).toBe('ตัววางแผนหยุดทำงาน: worker error');
    // English stays as the sim wrote it; a sentence no template knows is shown as it is
    expect(simText('closed by LSHH-101 high-high level', 'en')).toBe('closed by LSHH-101 high-high level');
    expect(simText('something new happened', 'th')).toBe('something new happened');
  });

  it('every trainee-facing sentence in the sim’s source has a template', () => {
    const found = simSentences();
    expect(found.length).toBeGreaterThan(60);
    const missing = found
      .filter(({ text }) => !NOT_FOR_TRAINEES.some((re) => re.test(text)))
      .filter(({ text }) => !THAI.test(simText(text, 'th')))
      .map(({ at, text }) => `${at}: ${text}`);
    expect(missing).toEqual([]);
  });
});
