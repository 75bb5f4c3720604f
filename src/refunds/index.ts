// The refund requests resource: the reviewer's queue and the request page.
import RefundIcon from '@mui/icons-material/CurrencyExchange';
import type { RefundRequest } from '../domain/model';
import { RefundList } from './RefundList';
import { RefundShow } from './RefundShow';

export { RefundList, RefundShow };

export default {
  list: RefundList,
  show: RefundShow,
  icon: RefundIcon,
  recordRepresentation: (record: RefundRequest) => record.orderNumber,
};
