// The customers resource: read-only, so refund requests can show who asked and their account status.
import PersonIcon from '@mui/icons-material/Person';
import type { Customer } from '../domain/model';
import { revealBidiControls } from '../domain/visibleText';
import { lazyView } from '../layout/lazyView';

// loaded on demand: the queue is every role's first page
const CustomerList = lazyView(() => import('./CustomerList').then((m) => m.CustomerList));
const CustomerShow = lazyView(() => import('./CustomerShow').then((m) => m.CustomerShow));

export default {
  list: CustomerList,
  show: CustomerShow,
  icon: PersonIcon,
  // a string (titles, references): bidi controls in the name are shown as ⟨RLO⟩ rather than obeyed
  recordRepresentation: (record: Customer) => revealBidiControls(record.name),
};
