import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import '@mantine/notifications/styles.css';
import './app.css';
import './i18n';
import { Anchor, createTheme, darken, defaultVariantColorsResolver, MantineProvider, parseThemeColor } from '@mantine/core';
import type { CSSVariablesResolver, VariantColorsResolver } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { ApiError } from './api/errors';
import { isSignedIn, subscribe } from './auth/session';
import { router } from './routes';

/**
 * WCAG AA contrast for every variant of a palette colour: white on Mantine's filled shades (teal 8,
 * red 6, orange…) and its text shade on a tinted background (light, subtle, outline: badges, secondary
 * buttons) read at 3–4:1; a darkened shade 9 reads above 4.5:1 for every palette colour.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor) return colors;
  const darkest = input.theme.colors[parsed.color]?.[9] ?? '#000000';
  if (input.variant === 'filled') return { ...colors, background: darken(darkest, 0.15), hover: darken(darkest, 0.3), color: '#ffffff' };
  if (!['light', 'subtle', 'outline'].includes(input.variant)) return colors;
  const text = darken(darkest, 0.3);
  return { ...colors, color: text, ...(input.variant === 'outline' ? { border: `1px solid ${text}` } : {}) };
};

const theme = createTheme({ variantColorResolver, primaryColor: 'teal', primaryShade: 8, fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif', defaultRadius: 'sm', components: { Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }) } });

/** WCAG AA contrast on white for secondary text, links and field errors, on the tinted background of the active menu entry, and of white on primary buttons. */
const contrast: CSSVariablesResolver = () => ({ variables: {}, light: { '--mantine-color-dimmed': '#495057', '--mantine-color-anchor': '#085041', '--mantine-color-error': '#c92a2a', '--mantine-primary-color-light-color': '#085041', '--mantine-primary-color-filled': '#087f5b', '--mantine-primary-color-filled-hover': '#066649' }, dark: {} });

const queryClient = new QueryClient({
  defaultOptions: {
    // Reads retry on lost connections only; an error answer is shown, not retried. Commands never retry by themselves.
    queries: { retry: (count, error) => count < 2 && error instanceof ApiError && error.code === 'NETWORK_ERROR', refetchOnWindowFocus: true, staleTime: 5_000 },
    mutations: { retry: false },
  },
});

// What one person saw (case lists, searches, the bell) never shows to the next one in this tab.
subscribe(() => {
  if (!isSignedIn()) queryClient.clear();
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
