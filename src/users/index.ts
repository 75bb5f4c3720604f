// The staff resource: read-only, so ReferenceFields to users show names.
import PeopleIcon from '@mui/icons-material/People';
import type { StaffUser } from '../domain/model';
import { UserList } from './UserList';
import { UserShow } from './UserShow';

export { UserList, UserShow };

export default {
  list: UserList,
  show: UserShow,
  icon: PeopleIcon,
  recordRepresentation: (record: StaffUser) => record.fullName,
};
