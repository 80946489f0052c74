import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/config/app-config';
import { TRANSITIONS } from '../workflows/case/stage-machine';

/** docs/case-lifecycle.md, rendered from the stage machine's table so the doc cannot drift. */
export function renderLifecycleDoc(): string {
  const edges = TRANSITIONS.flatMap((t) => t.from.flatMap((from) => (t.to.length === 0 ? [from] : t.to).map((to) => `  ${from} --> ${to} : ${t.action}`)));
  const rows = TRANSITIONS.map((t) => `| \`${t.action}\` | ${t.from.join(', ')} | ${t.to.length === 0 ? '(same stage)' : t.to.join(', ')} | ${t.roles.join(', ')} | ${t.carries} |`);
  return [
    '# Case lifecycle',
    '',
    '<!-- Generated from workflows/case/stage-machine.ts by `npm run docs:lifecycle`; a test fails when it drifts. -->',
    '',
    'Every case is one workflow moving through these stages. Commands are Temporal updates validated by the',
    'stage machine (`workflows/case/stage-machine.ts`): an illegal transition is refused with the reason and',
    'the allowed next actions, and leaves no trace in the workflow.',
    '',
    '```mermaid',
    'stateDiagram-v2',
    '  [*] --> INTAKE',
    ...edges,
    '  CLOSED --> [*]',
    '```',
    '',
    '| action | from | to | roles | carries |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    'Domain rules enforced by the machine (pmks-domain §4.1):',
    '- health before social handling: assessment follows a FIT health check or recovery from treatment;',
    '- children (under 18) are never placed in an adult shelter, and their plan needs the consent of a',
    '  parent, guardian or institution;',
    '- a person from another region goes home by repatriation, which ends only when the receiving',
    "  region's Dinsos acknowledges the handover;",
    "- an adult's refusal of referral is recorded as its own command; a later referral to rehabilitation",
    '  needs `refusalOverride` with the reason (never overridden silently);',
    '- a case completes only from monitoring; earlier closures need an exit reason and a note.',
    '',
  ].join('\n');
}

if (require.main === module) {
  const out = join(projectRoot(), 'docs', 'case-lifecycle.md');
  writeFileSync(out, renderLifecycleDoc());
  process.stdout.write(`wrote ${out}\n`);
}
