import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MessageFilterForm } from './MessageFilterForm';
import type { Filters } from './messageFilters';

async function choose(select: string, option: string) {
  await userEvent.click(screen.getByLabelText(select));
  await userEvent.click(
    within(screen.getByRole('listbox')).getByRole('option', { name: option }),
  );
}

describe('MessageFilterForm', () => {
  it('applies a chosen status or replay outlook at once, keeping the other filters', async () => {
    const setFilters = jest.fn();
    const filters: Filters = { businessId: 'ord_1', status: 'parked' };
    render(<MessageFilterForm filters={filters} setFilters={setFilters} />);

    await choose('replay outlook', 'permanent');
    expect(setFilters).toHaveBeenLastCalledWith({
      businessId: 'ord_1',
      status: 'parked',
      classification: 'permanent',
    });

    await choose('status', 'archived');
    expect(setFilters).toHaveBeenLastCalledWith({
      businessId: 'ord_1',
      status: 'archived',
    });

    await choose('status', 'any');
    expect(setFilters).toHaveBeenLastCalledWith({
      businessId: 'ord_1',
      status: undefined,
    });
  });

  it('shows the chosen values', () => {
    render(
      <MessageFilterForm
        filters={{ status: 'failed', classification: 'transient' }}
        setFilters={jest.fn()}
      />,
    );
    expect(screen.getByLabelText('status')).toHaveTextContent('failed');
    expect(screen.getByLabelText('replay outlook')).toHaveTextContent(
      'transient',
    );
  });
});
