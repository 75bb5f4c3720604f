// @vitest-environment jsdom
// Both request pages link a rejected request and its resubmission: "Resubmission of" on the new
// one, "Resubmitted as" on the rejected one.
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RecordContextProvider } from 'react-admin';
import { ResubmissionLinks } from '../../src/refunds/ResubmissionLinks';
import { fakeDataProvider, makeRefund, renderWithAdmin } from './fixtures';

const original = makeRefund({ status: 'rejected' });
const resubmission = makeRefund({ orderId: original.orderId, resubmissionOf: original.id });
const dataProvider = fakeDataProvider({ refunds: [original, resubmission] });

describe('the links between a rejected request and its resubmission', () => {
  it('names the resubmission on the rejected request', async () => {
    renderWithAdmin(
      <RecordContextProvider value={original}>
        <ResubmissionLinks />
      </RecordContextProvider>,
      { dataProvider },
    );
    const link = await screen.findByTestId('resubmitted-as');
    expect(link).toHaveTextContent(resubmission.id);
    expect(link.getAttribute('href')).toContain(`/refunds/${resubmission.id}/show`);
    expect(screen.getByText('Resubmitted as')).toBeInTheDocument();
  });

  it('names the rejected request on the resubmission', async () => {
    renderWithAdmin(
      <RecordContextProvider value={resubmission}>
        <ResubmissionLinks />
      </RecordContextProvider>,
      { dataProvider, locale: 'zh-CN' },
    );
    const link = await screen.findByTestId('resubmission-of');
    expect(link).toHaveTextContent(original.id);
    expect(screen.getByText('重新提交自')).toBeInTheDocument();
    expect(screen.queryByTestId('resubmitted-as')).toBeNull();
  });
});
