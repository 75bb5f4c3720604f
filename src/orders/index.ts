// The orders resource: read-only coin purchases.
import ShoppingCartIcon from '@mui/icons-material/ShoppingCart';
import type { CoinOrder } from '../domain/model';
import { lazyView } from '../layout/lazyView';

// loaded on demand: the queue is every role's first page
const OrderList = lazyView(() => import('./OrderList').then((m) => m.OrderList));
const OrderShow = lazyView(() => import('./OrderShow').then((m) => m.OrderShow));

export default {
  list: OrderList,
  show: OrderShow,
  icon: ShoppingCartIcon,
  recordRepresentation: (record: CoinOrder) => record.orderNumber,
};
