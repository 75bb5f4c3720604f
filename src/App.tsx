// <Admin> wiring only: providers, resources, layout, sign-in page, themes.
import { Route } from 'react-router-dom';
import { Admin, CanAccess, CustomRoutes, Resource } from 'react-admin';
import complaints from './complaints';
import customers from './customers';
import { Dashboard, withMetrics } from './dashboard';
import { Layout, Login, darkTheme, lightTheme } from './layout';
import orders from './orders';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
import { i18nProvider } from './providers/i18nProvider';
import { queryClient } from './providers/queryClient';
import refunds from './refunds';
import users from './users';
import { SLA_SETTINGS_PATH, SlaSettingsPage } from './settings';
import platformClients from './platformClients';
import policies from './policies';
import webhookDeliveries from './webhookDeliveries';
import webhookEndpoints from './webhookEndpoints';

// the metrics method lives with the dashboard so its code can load lazily
const appDataProvider = withMetrics(dataProvider);

export function App() {
  return (
    <Admin
      dataProvider={appDataProvider}
      queryClient={queryClient}
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
      <Resource name="complaints" {...complaints} />
      <Resource name="customers" {...customers} />
      <Resource name="orders" {...orders} />
      <Resource name="users" {...users} />
      <Resource name="platform-clients" {...platformClients} />
      <Resource name="webhook-endpoints" {...webhookEndpoints} />
      <Resource name="webhook-deliveries" {...webhookDeliveries} />
      <Resource name="policies" {...policies} />
      {/* the queue stays everyone's home page; the metrics have their own page */}
      <CustomRoutes>
        <Route path="/dashboard" element={<Dashboard />} />
        <Route
          path={SLA_SETTINGS_PATH}
          element={
            <CanAccess resource="sla-settings" action="edit">
              <SlaSettingsPage />
            </CanAccess>
          }
        />
      </CustomRoutes>
    </Admin>
  );
}

export default App;
