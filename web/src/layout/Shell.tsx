import { AppShell, Burger, Group, Menu, NavLink, Text, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { logout } from '../auth/session';
import { formatRegion } from '../lib/region';
import { can, useMe } from '../auth/useMe';
import { LanguageSwitch } from './LanguageSwitch';
import { NAV } from './nav';
import { NotificationBell } from './NotificationBell';

/** The frame of every signed-in screen: header (bell, language, who am I), menu by permission, content. */
export function Shell() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const me = useMe().data;
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const entries = NAV.filter((entry) => can(me, entry.permission));
  const active = entries.filter((e) => location.pathname === e.to || location.pathname.startsWith(`${e.to}/`)).sort((a, b) => b.to.length - a.to.length)[0];

  // Each screen names itself in the window title (WCAG 2.4.2); the case page and others keep the app's name.
  const title = active !== undefined ? `${t(active.label)} · ${t('app.name')}` : t('app.name');
  useEffect(() => {
    document.title = title;
  }, [title]);

  const signOut = async () => {
    await logout();
    queryClient.clear();
    await navigate('/masuk');
  };

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            <Title order={1} size="h4" c="teal.9">
              <Link to="/" className="brand">
                {t('app.name')}
              </Link>
            </Title>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <NotificationBell />
            <LanguageSwitch />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton data-testid="user-menu" className="user-button">
                  <VisuallyHidden>{t('user.menu')}</VisuallyHidden>
                  <Text size="sm" fw={600} truncate maw={140}>
                    {me?.name ?? '…'}
                  </Text>
                  <Text size="xs" c="dimmed" visibleFrom="xs">
                    {me !== undefined ? t(`role.${me.role}`) : ''}
                  </Text>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown data-testid="who-am-i">
                <Menu.Label>{t('user.signedInAs', { name: me?.name ?? '' })}</Menu.Label>
                <Menu.Item component="div" disabled>
                  {t('user.role')}: {me !== undefined ? t(`role.${me.role}`) : ''}
                </Menu.Item>
                <Menu.Item component="div" disabled>
                  {t('user.agency')}: {me?.agencyCode !== null && me?.agencyCode !== undefined ? t(`agency.${me.agencyCode}`, { defaultValue: me.agencyCode }) : t('user.noAgency')}
                </Menu.Item>
                <Menu.Item component="div" disabled>
                  {t('user.region')}: {formatRegion(me?.regionCode)}
                </Menu.Item>
                <Menu.Divider />
                <Menu.Item component={Link} to="/akun">
                  {t('nav.account')}
                </Menu.Item>
                <Menu.Item color="red" onClick={() => void signOut()} data-testid="logout">
                  {t('user.logout')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.main')}>
        <VisuallyHidden>{t('nav.main')}</VisuallyHidden>
        {entries.map((entry) => (
          <NavLink key={entry.to} component={Link} to={entry.to} label={t(entry.label)} active={entry === active} onClick={close} aria-current={entry === active ? 'page' : undefined} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
