// The staff resource: ReferenceFields to users show names; an administrator creates accounts and
// changes them (UserActions.tsx).
import PeopleIcon from '@mui/icons-material/People';
import type { StaffUser } from '../domain/model';
import { lazyView } from '../layout/lazyView';

// loaded on demand: the queue is every role's first page
const UserList = lazyView(() => import('./UserList').then((m) => m.UserList));
const UserShow = lazyView(() => import('./UserShow').then((m) => m.UserShow));
const UserCreate = lazyView(() => import('./UserCreate').then((m) => m.UserCreate));

export default {
  list: UserList,
  show: UserShow,
  create: UserCreate,
  icon: PeopleIcon,
  recordRepresentation: (record: StaffUser) => record.fullName,
};
