// Webhook endpoints (admin): where the desk posts its customer-visible changes. Listed without
// their secrets; a new one's secret is shown once, in the dialog that creates it.
import WebhookIcon from '@mui/icons-material/Webhook';
import { lazyView } from '../layout/lazyView';

const WebhookEndpointList = lazyView(() =>
  import('./WebhookEndpointList').then((m) => m.WebhookEndpointList),
);

export default {
  list: WebhookEndpointList,
  icon: WebhookIcon,
  recordRepresentation: (record: { url: string }) => record.url,
};
