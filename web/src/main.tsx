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

// Shade 9: white text on it meets WCAG AA for small text (on teal.8 it is 3.9:1); its hover is darker still (contrast below).
const theme = createTheme({ primaryColor: 'teal', primaryShade: 9, fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif', defaultRadius: 'sm', components: { Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }) } });

/** WCAG AA contrast on white for secondary text and links, and for the text of light badges, buttons and the active menu entry. */
const LIGHT_TEXT = { teal: '#085041', green: '#1f5a25', orange: '#7a3300', blue: '#0b3d6e', red: '#8f1d1d', gray: '#343a40' };
const contrast: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#495057', '--mantine-color-anchor': '#085041', '--mantine-color-teal-filled-hover': '#066649', ...Object.fromEntries(Object.entries(LIGHT_TEXT).map(([color, text]) => [`--mantine-color-${color}-light-color`, text])) },
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
