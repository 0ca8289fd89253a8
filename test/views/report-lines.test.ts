import { describe, expect, it } from 'vitest';
import { joinLines, listLines, titledLines } from '../../src/views/report-lines';

const texts = (blocks: ReturnType<typeof titledLines>) =>
  blocks.map((block) => (block.type === 'section' ? (block.text?.text ?? '') : '')).join('\n');

describe('a titled list of lines', () => {
  it('formats only the lines it shows, and counts the rest', () => {
    const formatted: number[] = [];
    const items = Array.from({ length: 5_000 }, (_, i) => i);
    const blocks = titledLines(
      '*Quiet accounts*',
      listLines(items, (i) => {
        formatted.push(i);
        return `• account ${i}`;
      }),
      { maxBlocks: 3, maxLines: 15, empty: '_None._' },
    );
    expect(formatted).toHaveLength(15);
    expect(texts(blocks)).toContain('• account 14\n…and 4985 more');
  });

  it('shows one list after the other, the second only as far as there is room', () => {
    const lines = joinLines(
      listLines(['a', 'b'], (x) => `• ${x}`),
      listLines(['c', 'd', 'e'], (x) => `• ${x}`),
    );
    expect(lines.total).toBe(5);
    expect(lines.first(1)).toEqual(['• a']);
    expect(lines.first(3)).toEqual(['• a', '• b', '• c']);
    expect(lines.first(9)).toEqual(['• a', '• b', '• c', '• d', '• e']);
  });
});
