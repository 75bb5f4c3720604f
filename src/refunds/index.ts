// The refund requests resource: the reviewer's queue and the request page.
import RefundIcon from '@mui/icons-material/CurrencyExchange';
import type { RefundRequest } from '../domain/model';
import { RefundList } from './RefundList';
import { lazyView } from '../layout/lazyView';

export { RefundList };

// the request page (review dialogs, history, profile) loads when a request is opened
const RefundShow = lazyView(() => import('./RefundShow').then((m) => m.RefundShow));

export default {
  list: RefundList,
  show: RefundShow,
  icon: RefundIcon,
  recordRepresentation: (record: RefundRequest) => record.orderNumber,
};
