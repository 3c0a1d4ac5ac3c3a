import { describe, expect, it } from 'vitest';
import { neutraliseCell, neutraliseText } from './neutralise';

describe('neutraliseText', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(1)', "'@SUM(1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
  ])('[Q3] prefixes a cell starting with a formula character: %j', (input, output) => {
    expect(neutraliseText(input)).toBe(output);
  });

  it.each([['Ada'], [''], ['a=b'], [' =1'], ["'=1"], ['2025-01-02'], ['\n=1']])('[Q3] leaves other text alone: %j', (input) => {
    expect(neutraliseText(input)).toBe(input);
  });

  it('[Q3] values that only look numeric: a number stays a number, numeric-looking text is prefixed', () => {
    expect(neutraliseCell(-5)).toBe(-5);
    expect(neutraliseCell(0)).toBe(0);
    expect(neutraliseCell('-5')).toBe("'-5");
    expect(neutraliseCell('+14155550132')).toBe("'+14155550132");
  });
});
