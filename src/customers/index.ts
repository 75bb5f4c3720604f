// The customers resource: read-only, so refund requests can show who asked and their account status.
import PersonIcon from '@mui/icons-material/Person';
import type { Customer } from '../domain/model';
import { CustomerList } from './CustomerList';
import { CustomerShow } from './CustomerShow';

export { CustomerList, CustomerShow };

export default {
  list: CustomerList,
  show: CustomerShow,
  icon: PersonIcon,
  recordRepresentation: (record: Customer) => record.name,
};
