// The staff resource: read-only, so ReferenceFields to users show names.
import PeopleIcon from '@mui/icons-material/People';
import type { StaffUser } from '../domain/model';
import { lazyView } from '../layout/lazyView';

// loaded on demand: the queue is every role's first page
const UserList = lazyView(() => import('./UserList').then((m) => m.UserList));
const UserShow = lazyView(() => import('./UserShow').then((m) => m.UserShow));

export default {
  list: UserList,
  show: UserShow,
  icon: PeopleIcon,
  recordRepresentation: (record: StaffUser) => record.fullName,
};
