import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app.css';
import './i18n';
import { Anchor, createTheme, MantineProvider } from '@mantine/core';
import type { CSSVariablesResolver } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { ApiError } from './api/errors';
import { router } from './routes';

const theme = createTheme({ primaryColor: 'teal', primaryShade: 9, fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif', defaultRadius: 'sm', components: { Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }) } });

/**
 * WCAG AA contrast on white for secondary text and links; white on the primary colour (shade 9: 5.0:1;
 * shade 8 gave 3.9:1), the primary colour's light variant (active menu entry, light badges) and field
 * errors (red 9: 5.4:1; red 6 gave 3.6:1).
 */
const contrast: CSSVariablesResolver = () => ({ variables: {}, light: { '--mantine-color-dimmed': '#495057', '--mantine-color-anchor': '#085041', '--mantine-color-teal-light-color': '#085041', '--mantine-color-error': '#c92a2a' }, dark: {} });

const queryClient = new QueryClient({
  defaultOptions: {
    // Reads retry on lost connections only; an error answer is shown, not retried. Commands never retry by themselves.
    queries: { retry: (count, error) => count < 2 && error instanceof ApiError && error.code === 'NETWORK_ERROR', refetchOnWindowFocus: true, staleTime: 5_000 },
    mutations: { retry: false },
  },
});

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={contrast}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
