// Customer text in single-line UI (tree rows, quick picks, tab titles) cannot
// reorder itself or what is shown next to it with bidi control characters.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { singleLineText, withoutBidiControls } from '../../src/core/displayText';

const RLO = '\u202E';
const PDF = '\u202C';
const CONTROLS = [...'\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069'];

describe('display text', () => {
  it('removes the override that shows "evil" as "live"', () => {
    assert.equal(singleLineText(`${RLO}live${PDF}`), 'live');
    assert.equal(singleLineText(`Invoice ${RLO}fdp.exe`), 'Invoice fdp.exe');
  });

  it('removes every embedding, override and isolate, and keeps the marks RTL text needs', () => {
    for (const c of CONTROLS) {
      assert.equal(withoutBidiControls(`a${c}b`), 'ab', `U+${c.codePointAt(0)?.toString(16)}`);
    }
    // LRM, RLM and ALM direct only neutral characters: they cannot reverse letters.
    assert.equal(withoutBidiControls('שלום!\u200F'), 'שלום!\u200F');
    assert.equal(withoutBidiControls('\u061Cمرحبا \u200Eok'), '\u061Cمرحبا \u200Eok');
  });

  it('makes one line of single-line text, and keeps line breaks where they are meant (tooltips)', () => {
    assert.equal(singleLineText('  Export\n\tto\u2028CSV  '), 'Export to CSV');
    assert.equal(withoutBidiControls(`line 1\n${RLO}line 2`), 'line 1\nline 2');
  });

  it('leaves no control in any text and changes nothing else', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom(...CONTROLS))), (parts) => {
        const text = parts.join('');
        const shown = withoutBidiControls(text);
        assert.equal(shown, [...text].filter((c) => !CONTROLS.includes(c)).join(''));
      }),
    );
  });
});
