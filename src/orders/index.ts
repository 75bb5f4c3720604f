// The orders resource: read-only coin purchases.
import ShoppingCartIcon from '@mui/icons-material/ShoppingCart';
import type { CoinOrder } from '../domain/model';
import { OrderList } from './OrderList';
import { OrderShow } from './OrderShow';

export { OrderList, OrderShow };

export default {
  list: OrderList,
  show: OrderShow,
  icon: ShoppingCartIcon,
  recordRepresentation: (record: CoinOrder) => record.orderNumber,
};
