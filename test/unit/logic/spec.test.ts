import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { parseFormula, parseSpec, print, stripSpans, type Formula, type SpecSpan } from '../../../src/logic/index.js';

const FILE = 'transfer.wfspec';

/** The text a span covers (1-based, end exclusive). */
function slice(text: string, s: SpecSpan): string {
  const lines = text.split('\n');
  if (s.line === s.endLine) return lines[s.line - 1].slice(s.column - 1, s.endColumn - 1);
  return [
    lines[s.line - 1].slice(s.column - 1),
    ...lines.slice(s.line, s.endLine - 1),
    lines[s.endLine - 1].slice(0, s.endColumn - 1),
  ].join('\n');
}

function error(text: string): InputError {
  try {
    parseSpec(text, FILE);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error(`expected an error for ${JSON.stringify(text)}`);
}

const f = (text: string): Formula => stripSpans(parseFormula(text));

describe('parseSpec: happy paths', () => {
  const text = [
    '# the transfer saga',
    'workflow transfer in "./workflow.ts"      # or just: workflow transfer',
    'property fundsSettle: AG (completed(lockFunds) -> AF (completed(release) | completed(unlock)))',
    'property neverBoth:',
    '    !(F completed(release) & F completed(unlock))     # a formula may continue',
    '',
    'workflow refund',
    '  property done-eventually : AF done',
    '  property conserve: invariant locked + released',
    '      # a comment line inside the formula',
    '',
    '      == amount // formula comments work too',
  ].join('\n');
  const spec = parseSpec(text, FILE);

  it('reads blocks, files and properties in order', () => {
    expect(spec.file).toBe(FILE);
    expect(spec.blocks.map((b) => [b.workflow, b.workflowFile, b.properties.map((p) => p.name)])).toEqual([
      ['transfer', './workflow.ts', ['fundsSettle', 'neverBoth']],
      ['refund', null, ['done-eventually', 'conserve']],
    ]);
  });

  it('parses the formulas, also across indented lines, blank lines and comments', () => {
    const [t, r] = spec.blocks;
    expect(stripSpans(t.properties[0].formula)).toEqual(f('AG (completed(lockFunds) -> AF (completed(release) | completed(unlock)))'));
    expect(stripSpans(t.properties[1].formula)).toEqual(f('!(F completed(release) & F completed(unlock))'));
    expect(stripSpans(r.properties[0].formula)).toEqual(f('AF done'));
    expect(stripSpans(r.properties[1].formula)).toEqual(f('invariant locked + released == amount'));
    expect(print(r.properties[1].formula)).toBe('invariant locked + released == amount');
  });

  it('keeps the text as written, comments dropped and lines joined', () => {
    expect(spec.blocks[0].properties.map((p) => p.text)).toEqual([
      'AG (completed(lockFunds) -> AF (completed(release) | completed(unlock)))',
      '!(F completed(release) & F completed(unlock))',
    ]);
    expect(spec.blocks[1].properties[1].text).toBe('invariant locked + released == amount');
  });

  it('gives spans that slice back to the declarations', () => {
    const [t, r] = spec.blocks;
    expect(t.span).toEqual({ file: FILE, line: 2, column: 1, endLine: 2, endColumn: 37 });
    expect(slice(text, t.span)).toBe('workflow transfer in "./workflow.ts"');
    expect(slice(text, r.span)).toBe('workflow refund');
    expect(slice(text, t.properties[0].span)).toBe(text.split('\n')[2]);
    expect(t.properties[1].span).toEqual({ file: FILE, line: 4, column: 1, endLine: 5, endColumn: 50 });
    expect(slice(text, t.properties[1].span)).toBe('property neverBoth:\n    !(F completed(release) & F completed(unlock))');
    expect(slice(text, r.properties[0].span)).toBe('property done-eventually : AF done');
    expect(r.properties[1].span).toMatchObject({ line: 9, column: 3, endLine: 12, endColumn: 16 });
  });

  it('moves the spans inside formulas into the spec file', () => {
    const lines = text.split('\n');
    const g = spec.blocks[0].properties[0].formula;
    expect(g.span).toEqual({ start: { line: 3, column: 23, offset: text.indexOf('AG (') }, end: { line: 3, column: 95, offset: text.indexOf('AG (') + 72 } });
    // the atom `completed(unlock)` of the continued formula, on line 5
    const not = spec.blocks[0].properties[1].formula;
    if (not.kind !== 'not' || not.arg.kind !== 'and' || not.arg.args[1].kind !== 'temporal') throw new Error('shape');
    const atom = not.arg.args[1].arg;
    expect(atom.span!.start).toEqual({ line: 5, column: 32, offset: text.indexOf('completed(unlock)', text.indexOf('neverBoth')) });
    expect(lines[4].slice(atom.span!.start.column - 1, atom.span!.end.column - 1)).toBe('completed(unlock)');
    // `amount` on line 12, after a comment line and a blank line
    const inv = spec.blocks[1].properties[1].formula;
    if (inv.kind !== 'invariant' || inv.body.kind !== 'compare') throw new Error('shape');
    expect(inv.body.right.span).toEqual({
      start: { line: 12, column: 10, offset: text.indexOf('amount') },
      end: { line: 12, column: 16, offset: text.indexOf('amount') + 6 },
    });
  });

  it('accepts an empty file, a block without properties, CRLF, a BOM, escapes and unicode operators', () => {
    expect(parseSpec('', FILE).blocks).toEqual([]);
    expect(parseSpec('# nothing\n\n', FILE).blocks).toEqual([]);
    const s = parseSpec('\uFEFFworkflow a in "dir\\\\x \\"y\\".ts"\r\nproperty p: □ ◇ done\r\n  ∧ true\r\nworkflow $b_2\r\n', FILE);
    expect(s.blocks.map((b) => [b.workflow, b.workflowFile])).toEqual([['a', 'dir\\x "y".ts'], ['$b_2', null]]);
    expect(s.blocks[0].span).toMatchObject({ line: 1, column: 1, endLine: 1, endColumn: 32 });
    expect(stripSpans(s.blocks[0].properties[0].formula)).toEqual(f('G F done & true'));
    expect(s.blocks[0].properties[0].text).toBe('□ ◇ done ∧ true');
    expect(s.blocks[0].properties[0].span).toMatchObject({ line: 2, column: 1, endLine: 3, endColumn: 9 });
    expect(s.blocks[1].properties).toEqual([]);
  });

  it('allows a # inside a quoted name of a formula and of a file', () => {
    const s = parseSpec('workflow w in "a#b.ts" # c\nproperty p: AG !"x#y"  # comment', FILE);
    expect(s.blocks[0].workflowFile).toBe('a#b.ts');
    expect(stripSpans(s.blocks[0].properties[0].formula)).toEqual(f('AG !"x#y"'));
    expect(s.blocks[0].properties[0].text).toBe('AG !"x#y"');
  });

  it('scopes property names per workflow', () => {
    const s = parseSpec('workflow a\nproperty p: done\nworkflow b\nproperty p: done\nworkflow a in "other.ts"\nproperty p: done', FILE);
    expect(s.blocks.map((b) => b.properties.length)).toEqual([1, 1, 1]);
  });
});

describe('parseSpec: errors at the spec file line:column', () => {
  it.each([
    // [text, code, line, column, message]
    ['property a: p', 'WFV2101', 1, 1, "expected a 'workflow' line before the first property but found 'property'"],
    ['  # c\n   property a: p', 'WFV2101', 2, 4, "expected a 'workflow' line before the first property but found 'property'"],
    ['workflow', 'WFV2101', 1, 9, "expected a workflow name after 'workflow' but found end of line"],
    ['workflow 3d', 'WFV2101', 1, 10, "expected a workflow name after 'workflow' but found '3d'"],
    ['workflow a.b', 'WFV2101', 1, 11, `expected 'in "FILE"' or end of line after the workflow name but found '.'`],
    ['workflow a from "x"', 'WFV2101', 1, 12, `expected 'in "FILE"' or end of line after the workflow name but found 'from'`],
    ['workflow a in x.ts', 'WFV2101', 1, 15, "expected a quoted file name after 'in' but found 'x'"],
    ['workflow a in', 'WFV2101', 1, 14, "expected a quoted file name after 'in' but found end of line"],
    ['workflow a in "x.ts', 'WFV2101', 1, 15, `expected '"' to close the file name but found end of line`],
    ['workflow a in "x.ts  # c', 'WFV2101', 1, 15, `expected '"' to close the file name but found end of line`],
    ['workflow a in "x.ts"# c\nproperty p: "a # b', 'WFV2001', 2, 13, `expected '"' to close the quoted name but found end of input`],
    ['workflow a in ""', 'WFV2101', 1, 15, 'expected a file name but found an empty string'],
    ['workflow a in "c:\\x.ts"', 'WFV2101', 1, 18, `expected \\" or \\\\ after '\\' in the file name but found 'x' (write paths with '/')`],
    ['workflow a in "x.ts" y', 'WFV2101', 1, 22, "expected end of line after the file name but found 'y'"],
    ['workflow a\nproperty', 'WFV2101', 2, 9, "expected a property name after 'property' but found end of line"],
    ['workflow a\nproperty : p', 'WFV2101', 2, 10, "expected a property name after 'property' but found ':'"],
    ['workflow a\nproperty p q', 'WFV2101', 2, 12, "expected ':' after the property name 'p' but found 'q'"],
    ['workflow a\nproperty p.q: x', 'WFV2101', 2, 11, "expected ':' after the property name 'p' but found '.'"],
    ['workflow a\nproperty p', 'WFV2101', 2, 11, "expected ':' after the property name 'p' but found end of line"],
    ['workflow a\nproperty p:   # nothing\n\nworkflow b', 'WFV2101', 2, 12, "expected a formula after 'property p:' but found end of line"],
    ['workflow a\nproperty p:', 'WFV2101', 2, 12, "expected a formula after 'property p:' but found end of line"],
    ['workflow a\n  p & q', 'WFV2101', 2, 3, "expected 'workflow' or 'property' but found an indented line (only the formula of a property continues on indented lines)"],
    ['workflow a\nproperty p: x\nq', 'WFV2101', 3, 1, "expected 'workflow' or 'property' but found 'q' (a formula continues only on indented lines)"],
    ['AG p', 'WFV2101', 1, 1, "expected 'workflow' or 'property' but found 'AG' (a formula continues only on indented lines)"],
    ['workflow a\nproperty p: x\nproperty p: y', 'WFV2103', 3, 10, "expected a new property name but found 'p', already declared for workflow 'a' on line 2"],
    ['workflow a\nproperty p: x\nworkflow a\n  property  p : y', 'WFV2103', 4, 13, "expected a new property name but found 'p', already declared for workflow 'a' on line 2"],
    ['workflow a\nproperty deadlock-freedom: x', 'WFV2103', 2, 10, "expected a property name other than 'deadlock-freedom', which is the name of a built-in check"],
    // formula syntax errors: the formula parser's WFV2001, located in the spec file
    ['workflow a\nproperty p: AG (completed(x) &', 'WFV2001', 2, 31, 'expected a formula but found end of input'],
    ['workflow a\nproperty p: AG & q', 'WFV2001', 2, 16, "expected a formula but found '&'"],
    ['workflow a\nproperty p:\n    AG (p &\n\n  # c\n      q -> )   # c', 'WFV2001', 6, 12, "expected a formula but found ')'"],
    ['workflow a\n  property p: A[p U q', 'WFV2001', 2, 22, "expected ']' to close 'A[' but found end of input"],
    ['workflow a\nproperty p: x @ y', 'WFV2001', 2, 15, "expected an operator, a name or a number but found '@'"],
    ['workflow a\nproperty p:\n\tF 3', 'WFV2001', 3, 4, 'expected a formula but found an integer expression'],
  ] as const)('%j', (text, code, line, column, message) => {
    const e = error(text);
    expect({ code: e.code, location: e.location, message: e.message }).toEqual({ code, location: { file: FILE, line, column }, message });
  });

  it('describes errors as file:line:col', () => {
    expect(error('workflow a\nproperty p: AG & q').describe()).toBe(`${FILE}:2:16: error WFV2001: expected a formula but found '&'`);
  });
});
