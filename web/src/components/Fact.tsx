import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One labelled fact of a record (a case's header, a task's card): small label above, value below. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}
