import { Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A screen's heading and the sentence under it that says what the screen is for. */
export function PageHeader({ title, intro }: { title: ReactNode; intro: ReactNode }) {
  return (
    <>
      <Title order={2}>{title}</Title>
      <Text size="sm" c="dimmed">
        {intro}
      </Text>
    </>
  );
}
