import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { VirtualList } from './virtual-list.tsx';

function renderList(count: number, onEndReached = vi.fn(), openIndex: number | null = null) {
  render(
    <VirtualList
      count={count}
      rowHeight={26}
      openIndex={openIndex}
      rowKey={(index) => `row-${index}`}
      renderRow={(index) => <span>line {index}</span>}
      onEndReached={onEndReached}
      label="Log lines"
    />,
  );
  return screen.getByRole('list', { name: 'Log lines' });
}

describe('VirtualList', () => {
  it('draws only the rows in view out of 100,000, and follows the scroll position', () => {
    const list = renderList(100_000);
    const rows = within(list).getAllByRole('listitem');
    // The window's height (jsdom: 768 px) over 26 px rows, plus the overscan.
    expect(rows.length).toBeLessThan(50);
    expect(rows[0]).toHaveTextContent('line 0');
    expect(rows[0]).toHaveAttribute('aria-setsize', '100000');

    list.scrollTop = 26 * 60_000;
    fireEvent.scroll(list);
    const after = within(list).getAllByRole('listitem');
    expect(after.length).toBeLessThan(50);
    expect(after.map((row) => row.textContent)).toContain('line 60000');
    expect(after.find((row) => row.textContent === 'line 60000')).toHaveAttribute('aria-posinset', '60001');
    expect(list.firstElementChild).toHaveStyle({ blockSize: '2600000px' });
  });

  it('asks for more when the end comes into view', () => {
    const onEnd = vi.fn();
    const list = renderList(1_000, onEnd);
    expect(onEnd).not.toHaveBeenCalled();
    list.scrollTop = 26 * 990;
    fireEvent.scroll(list);
    expect(onEnd).toHaveBeenCalledTimes(1);
  });

  it('gives the open row its natural height and clips the others to the fixed one', () => {
    const list = renderList(10, vi.fn(), 2);
    const rows = within(list).getAllByRole('listitem');
    expect(rows[1]).toHaveStyle({ blockSize: '26px' });
    expect(rows[2]).toHaveStyle({ minBlockSize: '26px' });
    expect(rows[2]!.style.blockSize).toBe('');
  });
});
