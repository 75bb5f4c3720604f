// The sign-in page: react-admin's <Login> frame (it sends a signed-in user straight to the app),
// a username/password form, and the demo accounts; clicking one fills the form in.
import PersonIcon from '@mui/icons-material/AccountCircle';
import {
  Box,
  Button,
  CardContent,
  CircularProgress,
  Divider,
  List,
  ListItem,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import {
  Form,
  Login as RaLogin,
  PasswordInput,
  TextInput,
  required,
  useLogin,
  useNotify,
  useTranslate,
} from 'react-admin';
import type { Role } from '../domain/model';
import { LoginError } from '../providers/authProvider';
import { useDocumentLocale } from './documentLocale';
import { LanguageMenu } from './LanguageMenu';

export const DEMO_PASSWORD = 'password';

export const DEMO_ACCOUNTS: { username: string; role: Role }[] = [
  { username: 'reviewer', role: 'reviewer' },
  { username: 'reviewer2', role: 'reviewer' },
  { username: 'supervisor', role: 'supervisor' },
  { username: 'manager', role: 'manager' },
  { username: 'admin', role: 'admin' },
];

interface Credentials {
  username: string;
  password: string;
}

function DemoAccounts({ onPick }: { onPick: (credentials: Credentials) => void }) {
  const translate = useTranslate();
  return (
    <Box component="section" aria-labelledby="demo-accounts-title" data-testid="demo-accounts">
      <Typography id="demo-accounts-title" variant="subtitle2" component="h2">
        {translate('auth.demo.title')}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {translate('auth.demo.hint', { password: DEMO_PASSWORD })}
      </Typography>
      <List dense disablePadding>
        {DEMO_ACCOUNTS.map(({ username, role }) => (
          <ListItem key={username} disablePadding>
            <ListItemButton
              onClick={() => onPick({ username, password: DEMO_PASSWORD })}
              aria-label={translate('auth.demo.use', { username, role: translate(`roles.${role}`) })}
            >
              <ListItemIcon sx={{ minWidth: 36 }}>
                <PersonIcon fontSize="small" />
              </ListItemIcon>
              <ListItemText primary={username} secondary={translate(`roles.${role}`)} />
            </ListItemButton>
          </ListItem>
        ))}
      </List>
    </Box>
  );
}

export function LoginPanel() {
  const translate = useTranslate();
  useDocumentLocale();
  const login = useLogin();
  const notify = useNotify();
  const [loading, setLoading] = useState(false);
  // picking a demo account remounts the form with that account's credentials
  const [filled, setFilled] = useState<{ values: Credentials; version: number }>({
    values: { username: '', password: '' },
    version: 0,
  });

  const submit = (values: Record<string, unknown>) => {
    setLoading(true);
    login(values)
      .catch((error: unknown) => {
        if (error instanceof LoginError) {
          notify(error.message, { type: 'error', messageArgs: error.messageArgs });
        } else {
          const message = error instanceof Error && error.message ? error.message : 'ra.auth.sign_in_error';
          notify(message, { type: 'error', messageArgs: { _: message } });
        }
      })
      .finally(() => setLoading(false));
  };

  return (
    <CardContent sx={{ width: 320, maxWidth: '100%' }}>
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', mt: -1 }}>
        <LanguageMenu />
      </Box>
      <Typography variant="h6" component="h1" align="center" gutterBottom>
        {translate('auth.title')}
      </Typography>
      <Form key={filled.version} defaultValues={filled.values} onSubmit={submit} noValidate>
        <TextInput
          source="username"
          label="ra.auth.username"
          autoComplete="username"
          validate={required()}
          autoFocus
        />
        <PasswordInput
          source="password"
          label="ra.auth.password"
          autoComplete="current-password"
          validate={required()}
        />
        <Button variant="contained" type="submit" color="primary" disabled={loading} fullWidth sx={{ mt: 1 }}>
          {loading ? <CircularProgress size={19} thickness={3} /> : translate('ra.auth.sign_in')}
        </Button>
      </Form>
      <Divider sx={{ my: 2 }} />
      <DemoAccounts onPick={(values) => setFilled((prev) => ({ values, version: prev.version + 1 }))} />
    </CardContent>
  );
}

export function Login() {
  return (
    <RaLogin>
      <LoginPanel />
    </RaLogin>
  );
}
