// Webhook deliveries (admin): one row per event and endpoint, with its attempts; filters by
// status, type and endpoint, and "redeliver".
import SendIcon from '@mui/icons-material/Send';
import { lazyView } from '../layout/lazyView';

const WebhookDeliveryList = lazyView(() =>
  import('./WebhookDeliveryList').then((m) => m.WebhookDeliveryList),
);

export default {
  list: WebhookDeliveryList,
  icon: SendIcon,
};
