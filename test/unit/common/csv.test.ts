import assert from 'node:assert/strict';
import fc from 'fast-check';
import { csvCell, parseCsv, toCsv, unguard } from '../../../src/common/csv';

describe('the CSV writer: one formula rule for every file', () => {
  for (const start of ['=', '+', '-', '@', '\t', '\r']) {
    it(`neutralises text that starts with ${JSON.stringify(start)}`, () => {
      const cell = csvCell(`${start}1+1`);
      assert.ok(cell.replace(/^"/, '').startsWith(`'${start}`), cell);
    });
  }

  it('keeps numbers numbers, negative ones too, and text that is a negative number', () => {
    assert.equal(csvCell(42), '42');
    assert.equal(csvCell(-3), '-3');
    assert.equal(csvCell(1.5), '1.5');
    assert.equal(csvCell('-5'), '-5');
    assert.equal(csvCell('-1,5'), '-1,5');
    assert.equal(csvCell('-x'), "'-x");
    assert.equal(csvCell('-2+3'), "'-2+3");
  });

  it('quotes the separator, quotes and line breaks, doubling quotes', () => {
    assert.equal(csvCell('a;b'), '"a;b"');
    assert.equal(csvCell('säger "hej"'), '"säger ""hej"""');
    assert.equal(csvCell('rad ett\nrad två'), '"rad ett\nrad två"');
    assert.equal(csvCell('rad ett\r\nrad två'), '"rad ett\r\nrad två"');
    assert.equal(csvCell('Gävle kommun'), 'Gävle kommun');
    assert.equal(csvCell(null), '');
  });

  it('writes a file with a byte-order mark, semicolons and CRLF, and reads it back with a quoted line break', () => {
    const csv = toCsv([['namn', 'antal'], ['Anna\nBerg', -2], ['=SUM(A1)', 3]]);
    assert.equal(csv, '\uFEFFnamn;antal\r\n"Anna\nBerg";-2\r\n\'=SUM(A1);3\r\n');
    assert.deepEqual(parseCsv(csv).map((r) => r.map(unguard)), [['namn', 'antal'], ['Anna\nBerg', '-2'], ['=SUM(A1)', '3']]);
  });
});

describe('CSV as Swedish spreadsheets write it', () => {
  it('reads back what it writes, whatever the cells hold', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ maxLength: 20 }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const header = ['a', 'b', 'c'];
        const written = toCsv([header, ...rows]);
        const read = parseCsv(written).map((r) => r.map(unguard));
        const expected = [header, ...rows].filter((r) => r.some((cell) => cell.trim() !== ''));
        return JSON.stringify(read) === JSON.stringify(expected);
      }),
    );
  });

  it('guards cells a spreadsheet would run as formulas', () => {
    assert.match(toCsv([['=HYPERLINK("x")', '-5', '-x', '@a']]), /^\uFEFF"'=HYPERLINK\(""x""\)";-5;'-x;'@a\r\n$/);
  });

  it('reads comma- and semicolon-separated files alike', () => {
    assert.deepEqual(parseCsv('a,b\r\n1,"2,5"\n'), [['a', 'b'], ['1', '2,5']]);
    assert.deepEqual(parseCsv('\uFEFFa;b\n1;2'), [['a', 'b'], ['1', '2']]);
  });
});

describe('cells a spreadsheet cannot mistake for formulas', () => {
  it('exports cells a spreadsheet cannot mistake for formulas, quoting separators and line breaks', () => {
    assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvCell('+46 70'), "'+46 70");
    assert.equal(csvCell('a;b'), '"a;b"');
    assert.equal(csvCell('rad ett\nrad två'), '"rad ett\nrad två"');
    assert.equal(csvCell('Gävle kommun'), 'Gävle kommun');
  });
});

describe('the answers as CSV', () => {
  it('opens in Swedish Excel: BOM, semicolons, quoted fields, and no formulas from members’ text', () => {
    const csv = toCsv([['Namn', 'Kommentar'], ['Anna; Berg', '=HYPERLINK("x")'], ['Per', null]]);
    assert.equal(csv, '\uFEFFNamn;Kommentar\r\n"Anna; Berg";"\'=HYPERLINK(""x"")"\r\nPer;\r\n');
  });
});

describe('CSV exports', () => {
  it('open in Swedish spreadsheets and cannot smuggle in a formula', () => {
    const csv = toCsv([['a', 'b'], ['=SUM(A1)', 'med; semikolon och "citat"'], [null, 3]]);
    assert.equal(csv, '\uFEFFa;b\r\n\'=SUM(A1);"med; semikolon och ""citat"""\r\n;3\r\n');
  });
});
