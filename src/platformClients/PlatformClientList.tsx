// The platform clients (admins): name, the key's first characters (never the key), when and by
// whom each was created, and whether it was revoked; "New platform client" and "Revoke".
import {
  DataTable,
  DateField,
  List,
  ReferenceField,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Chip } from '@mui/material';
import type { PlatformClientRecord } from '../domain/platformClient';
import { ListEmpty } from '../layout/EmptyState';
import { CreatePlatformClientButton } from './CreatePlatformClientDialog';
import { RevokePlatformClientButton } from './RevokePlatformClientButton';

const empty = <ListEmpty title="platformClients.empty.title" hint="platformClients.empty.hint" />;

function Actions() {
  return (
    <TopToolbar>
      <CreatePlatformClientButton />
    </TopToolbar>
  );
}

function RevokedAt() {
  const record = useRecordContext<PlatformClientRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return record.revokedAt ? (
    <DateField source="revokedAt" showTime />
  ) : (
    <Chip size="small" color="success" variant="outlined" label={translate('platformClients.active')} />
  );
}

export function PlatformClientList() {
  return (
    <List actions={<Actions />} exporter={false} pagination={false} perPage={1000} empty={false}>
      <DataTable<PlatformClientRecord> bulkActionButtons={false} rowClick={false} empty={empty}>
        <DataTable.Col source="name" />
        <DataTable.Col source="keyPrefix">
          <TextField source="keyPrefix" sx={{ fontFamily: 'monospace' }} />
        </DataTable.Col>
        <DataTable.Col source="createdAt">
          <DateField source="createdAt" showTime />
        </DataTable.Col>
        <DataTable.Col source="createdBy">
          <ReferenceField source="createdBy" reference="users" link={false} />
        </DataTable.Col>
        <DataTable.Col source="revokedAt">
          <RevokedAt />
        </DataTable.Col>
        <DataTable.Col label=" ">
          <RevokePlatformClientButton />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
