// The refund policy's versions (managers read and replay them, admins publish): the side-by-side
// screen with its "what if" replay. Every role reads a version by number (a request's policy panel).
import PolicyIcon from '@mui/icons-material/Policy';
import { lazyView } from '../layout/lazyView';

const PolicyVersionList = lazyView(() => import('./PolicyVersionList').then((m) => m.PolicyVersionList));

export default {
  list: PolicyVersionList,
  icon: PolicyIcon,
  recordRepresentation: (record: { version: number }) => `#${record.version}`,
};
