// The complaints resource: the supervisors' queue and the complaint page. The refund page embeds
// <ComplaintsForRefund /> and <OverturnedField /> from their own modules, so this index (loaded
// with the app) pulls in neither them nor the complaint workflow's zod schemas.
import ComplaintIcon from '@mui/icons-material/Feedback';
import type { Complaint } from '../domain/model';
import { lazyView } from '../layout/lazyView';

// loaded on demand: the queue is every role's first page
const ComplaintList = lazyView(() => import('./ComplaintList').then((m) => m.ComplaintList));
const ComplaintShow = lazyView(() => import('./ComplaintShow').then((m) => m.ComplaintShow));

export default {
  list: ComplaintList,
  show: ComplaintShow,
  icon: ComplaintIcon,
  recordRepresentation: (record: Complaint) => `${record.id} · ${record.orderNumber}`,
};
