import ts from 'typescript';

// A source scan for English the trainee would read without a translation: JSX text, and string literals in
// the props a browser shows or speaks (aria-label, title, placeholder, alt, label). Tags, units and acronyms
// are allowed as they are: a Thai operator reads "TK-101", "°C" and "MPC" in Latin letters too.

/** Props whose value a person reads or hears. */
const LABEL_PROPS = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'title',
  'placeholder',
  'alt',
  'label',
]);

/** Object properties whose string a person reads: a chart's series or axis label, a tooltip, a caption. */
const LABEL_KEYS = new Set(['label', 'title', 'placeholder', 'caption', 'ariaLabel']);

/** Words written the same in a Thai interface: units, acronyms spelled in lower case, product names. */
const ALLOWED_WORDS = new Set([
  'kg',
  'mm',
  'cm',
  'km',
  'min',
  'ms',
  'ppm',
  'kw',
  'mw',
  'kpa',
  'mpa',
  'bar',
  'barg',
  'pa',
  'wh',
  'kwh',
  'mwh',
  'ti',
  'kp',
  'td',
  'sd',
  'pv',
  'sp',
  'op',
  'xapi',
  'tanktwin',
  'db',
  'hz',
  'fps',
  'px',
  'vs',
  'ok',
  'id',
  'qr',
  'pdf',
  'csv',
  'json',
  'url',
  'http',
  'https',
  'www',
  'co',
  'lpg',
  'nm',
  'mbar',
  'gj',
  'mj',
  'kj',
  'kwh',
  'thb',
  'usd',
  'ch',
  'eur',
  'iso',
  'utc',
]);

export interface Finding {
  file: string;
  line: number;
  text: string;
  /** 'text' for JSX text, or the prop's name. */
  where: string;
}

/** True when a piece of text holds a word a person would need translated. */
export function hasEnglish(text: string): boolean {
  // Interpolation slots ({tag}), URLs and tag names with their field (TK-101.temp) are not words.
  const stripped = text
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\b\w+:\/\/\S+/g, ' ')
    .replace(/\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*\.[a-z_0-9]+/g, ' ');
  for (const m of stripped.matchAll(/[A-Za-z][A-Za-z']*/g)) {
    const word = m[0];
    if (word.length < 2) continue;
    // Tags and acronyms (TK-101, MPC, ESD, H2S) are all capitals; units like kW, mA, kPa have one lower-case
    // run checked against the allow-list below.
    if (word === word.toUpperCase()) continue;
    if (ALLOWED_WORDS.has(word.toLowerCase())) continue;
    // A Latin word glued to digits (m3, H2S's pieces) is a unit or a tag.
    const at = m.index ?? 0;
    if (/\d/.test(stripped[at - 1] ?? '') || /\d/.test(stripped[at + word.length] ?? '')) continue;
    return true;
  }
  return false;
}

function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  return null;
}

/** String literals an expression can evaluate to directly: 'x', c ? 'a' : 'b', a || 'b', ('x'). */
function outcomes(expr: ts.Expression, out: ts.Node[]): void {
  if (ts.isParenthesizedExpression(expr)) outcomes(expr.expression, out);
  else if (ts.isConditionalExpression(expr)) {
    outcomes(expr.whenTrue, out);
    outcomes(expr.whenFalse, out);
  } else if (ts.isBinaryExpression(expr)) {
    const op = expr.operatorToken.kind;
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
      outcomes(expr.left, out);
      outcomes(expr.right, out);
    } else if (op === ts.SyntaxKind.AmpersandAmpersandToken) outcomes(expr.right, out);
    else if (op === ts.SyntaxKind.PlusToken) {
      outcomes(expr.left, out);
      outcomes(expr.right, out);
    }
  } else if (literalText(expr) !== null) out.push(expr);
}

/** Every bare English literal in a TSX source. */
export function scanSource(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(
    file,
    source,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.TSX,
  );
  const found: Finding[] = [];
  const report = (node: ts.Node, text: string, where: string): void => {
    if (!hasEnglish(text)) return;
    // A prop holding one identifier (a string key "help.keyboard", an example tag "TK-101.temp", an initial
    // condition's id "hot-start") is not prose.
    if (where !== 'text' && /^[\w.-]+$/.test(text) && /[.-]/.test(text)) return;
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    found.push({ file, line, text: text.trim().replace(/\s+/g, ' '), where });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) report(node, node.text, 'text');
    else if (
      ts.isPropertyAssignment(node) &&
      (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) &&
      LABEL_KEYS.has(node.name.text)
    ) {
      // { label: 'plant time' } for a chart's axis, { title: … } for a tooltip: text a person reads.
      const lits: ts.Node[] = [];
      outcomes(node.initializer, lits);
      for (const l of lits) report(l, literalText(l) ?? '', node.name.text);
    } else if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'fillText'
    ) {
      // text drawn into a canvas (tag plates, in-world screens)
      const lits: ts.Node[] = [];
      if (node.arguments[0]) outcomes(node.arguments[0], lits);
      for (const l of lits) report(l, literalText(l) ?? '', 'fillText');
    } else if (ts.isJsxAttribute(node) && LABEL_PROPS.has(node.name.getText(sf)) && node.initializer) {
      const init = node.initializer;
      const name = node.name.getText(sf);
      if (ts.isStringLiteral(init)) report(init, init.text, name);
      else if (ts.isJsxExpression(init) && init.expression) {
        const lits: ts.Node[] = [];
        outcomes(init.expression, lits);
        for (const l of lits) report(l, literalText(l) ?? '', name);
      }
    } else if (
      ts.isJsxExpression(node) &&
      node.expression &&
      node.parent &&
      (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))
    ) {
      // A child {…} of an element: {'Saved'} or {ok ? 'Saved' : 'Failed'} is text on the page.
      const lits: ts.Node[] = [];
      outcomes(node.expression, lits);
      for (const l of lits) report(l, literalText(l) ?? '', 'text');
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const THAI = /[\u0E00-\u0E7F]/;
/** Latin words a Thai text keeps as they are: keyboard keys, symbols of control theory, palette names. */
const KEPT = new Set([
  'Shift',
  'Esc',
  'Enter',
  'Tab',
  'Space',
  'Ctrl',
  'Alt',
  'Ku',
  'Pu',
  'Kp',
  'Ti',
  'cividis',
  'viridis',
]);

/** Why a Thai text is not a translation of its English one, or null when it is. */
export function untranslated(enText: string, thText: string): string | null {
  if (typeof thText !== 'string' || !thText.trim()) return 'empty';
  if (!hasEnglish(enText)) return null; // a tag, a unit, a symbol: the same in both
  if (!THAI.test(thText)) return 'no Thai letters';
  const rest = thText.replace(/[A-Za-z]+/g, (w) => (KEPT.has(w) ? '' : w));
  if (hasEnglish(rest)) return 'English words left';
  return null;
}
