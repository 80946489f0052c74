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

const theme = createTheme({ primaryColor: 'teal', primaryShade: 8, fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif', defaultRadius: 'sm', components: { Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }) } });

/**
 * WCAG AA contrast on white for secondary text and links, and for the primary colour's filled, subtle,
 * outline and light variants (Mantine draws them in teal 8, 3.9:1 on white; teal 9 is 5:1, and the
 * light variant's text sits on a tinted background, so it takes the links' darker green).
 */
const contrast: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#495057',
    '--mantine-color-anchor': '#085041',
    '--mantine-color-teal-filled': 'var(--mantine-color-teal-9)',
    '--mantine-color-teal-filled-hover': '#085041',
    '--mantine-color-teal-outline': 'var(--mantine-color-teal-9)',
    '--mantine-color-teal-light-color': '#085041',
  },
  dark: {},
});

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
