// @vitest-environment jsdom
// V11: the Download CSV dialog's form rules (the download itself is covered in e2e/export.e2e.ts).
import 'fake-indexeddb/auto';
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { makeField } from '../../../shared/filter/test-contact';
import { cleanup, render } from '../test/render';
import { ExportDialog, type ExportDialogProps } from './export-dialog';

afterEach(cleanup);

const NO_FILTER = { match: 'all' as const, conditions: [] };

function open(over: Partial<ExportDialogProps> = {}): void {
  render(<ExportDialog opened onClose={() => {}} search="" filter={NO_FILTER} total={42} fields={[]} {...over} />);
}

const byLabel = (text: string) =>
  [...document.body.querySelectorAll('label')].find((l) => l.textContent?.trim() === text)?.control as HTMLInputElement | undefined;
const downloadButton = () => [...document.body.querySelectorAll('button')].find((b) => b.textContent === 'Download') as HTMLButtonElement;

describe('ExportDialog', () => {
  it('[V11] defaults to every contact in the view, newest interaction first, no extras', () => {
    open();
    expect(document.body.querySelector('[role="dialog"]')?.textContent).toContain('Download CSV');
    expect(byLabel('Number of contacts')?.value).toBe('42');
    expect(byLabel('Last Interaction')?.checked).toBe(true);
    expect(byLabel('Created Date')?.checked).toBe(false);
    expect(byLabel('Labels from recent sessions')?.checked).toBe(false);
    expect(downloadButton().disabled).toBe(false);
  });

  it('[V11] offers "Custom fields from recent sessions" only when conversation fields exist', () => {
    open({ fields: [makeField('plan', 'select', 'contact', ['Pro'])] });
    expect(byLabel('Custom fields from recent sessions')).toBeUndefined();
    cleanup();
    open({ fields: [makeField('priority', 'select', 'conversation', ['High'])] });
    expect(byLabel('Custom fields from recent sessions')).toBeDefined();
  });

  it('[V11] an empty view cannot be exported', () => {
    open({ total: 0 });
    expect(document.body.textContent).toContain('No contacts to export');
    expect(downloadButton().disabled).toBe(true);
  });

  it('[V11] the number must be 1 to the matching total', async () => {
    open({ total: 5 });
    const input = byLabel('Number of contacts') as HTMLInputElement;
    await act(async () => {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
      setter?.call(input, '0');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(document.body.textContent).toContain('Choose 1 to 5');
    expect(downloadButton().disabled).toBe(true);
  });
});
