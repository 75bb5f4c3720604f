// The platform clients resource (admins): the keys the wallet and other platforms call
// /api/platform/* with. Listed and created here; a key is shown once, when it is made.
import KeyIcon from '@mui/icons-material/VpnKey';
import type { PlatformClientRecord } from '../domain/platformClient';
import { lazyView } from '../layout/lazyView';

const PlatformClientList = lazyView(() => import('./PlatformClientList').then((m) => m.PlatformClientList));

export default {
  list: PlatformClientList,
  icon: KeyIcon,
  recordRepresentation: (record: PlatformClientRecord) => record.name,
};
