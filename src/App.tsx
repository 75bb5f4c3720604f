// <Admin> wiring only: providers, resources, layout, sign-in page, themes.
import { Admin, Resource } from 'react-admin';
import customers from './customers';
import { Layout, Login, darkTheme, lightTheme } from './layout';
import orders from './orders';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
import { i18nProvider } from './providers/i18nProvider';
import refunds from './refunds';
import users from './users';

export function App() {
  return (
    <Admin
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      layout={Layout}
      loginPage={Login}
      theme={lightTheme}
      darkTheme={darkTheme}
      requireAuth
      disableTelemetry
    >
      {/* the first resource is the home page: the reviewer's queue */}
      <Resource name="refunds" {...refunds} />
      <Resource name="customers" {...customers} />
      <Resource name="orders" {...orders} />
      <Resource name="users" {...users} />
    </Admin>
  );
}

export default App;
