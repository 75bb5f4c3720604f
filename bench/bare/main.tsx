// The baseline of the first-list comparison (npm run bench): a bare react-admin app on the same
// mock API, same react-admin version, the same list query as the Refund Desk queue (open requests,
// most urgent SLA first, 25 a page), a plain <Datagrid> of 8 text fields. Nothing else.
import simpleRestProvider from 'ra-data-simple-rest';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Admin, Datagrid, List, Resource, TextField, fetchUtils } from 'react-admin';
import { OPEN_REFUND_STATUSES } from '../../src/domain/model';

/** The token the benchmark puts where the Refund Desk's session keeps it. */
function httpClient(url: string, options: fetchUtils.Options = {}) {
  const headers = new Headers(options.headers ?? { Accept: 'application/json' });
  const token = localStorage.getItem('refundDesk.token');
  if (token) headers.set('Authorization', `Bearer ${token}`);
  return fetchUtils.fetchJson(url, { ...options, headers });
}

const dataProvider = simpleRestProvider('/api', httpClient);

function RefundList() {
  return (
    <List
      sort={{ field: 'slaDueAt', order: 'ASC' }}
      perPage={25}
      filterDefaultValues={{ status: [...OPEN_REFUND_STATUSES] }}
    >
      <Datagrid>
        <TextField source="id" />
        <TextField source="orderNumber" />
        <TextField source="customerName" />
        <TextField source="status" />
        <TextField source="paymentChannel" />
        <TextField source="reasonCategory" />
        <TextField source="refundableFen" />
        <TextField source="slaDueAt" />
      </Datagrid>
    </List>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <Admin dataProvider={dataProvider} disableTelemetry>
      <Resource name="refunds" list={RefundList} />
    </Admin>
  </StrictMode>,
);
