import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CASE_ACTIONS } from '../../workflows/contracts/commands';
import { SYSTEM_LEDGER_ACTIONS } from '../../workflows/contracts/ledger';
import { ASSESSMENT_DECISIONS, CLOSURE_REASONS, HEALTH_RESULTS, MONITORING_OUTCOMES, REINTEGRATION_TYPES, SHELTER_TYPES } from '../../workflows/contracts/lifecycle';
import { PPKS_CATEGORIES } from '../../workflows/domain/ppks';

type Tree = { [key: string]: string | Tree };
const LOCALES = join(__dirname, '..', '..', 'web', 'src', 'i18n', 'locales');
const catalogue = (language: string, ns: string) => JSON.parse(readFileSync(join(LOCALES, language, `${ns}.json`), 'utf8')) as Tree;
const cases = (language: string) => catalogue(language, 'cases');
const at = (tree: Tree, key: string): unknown => key.split('.').reduce<unknown>((node, part) => (node as Tree | undefined)?.[part], tree);

/**
 * The case page names every command by the action the stage machine (and a 409's allowedActions) uses,
 * and every value the API can send in a case, a task or a timeline entry, in both languages.
 */
describe('the cases catalogue', () => {
  const needed = [
    ...CASE_ACTIONS.flatMap((action) => [`action.${action}.label`, `action.${action}.intro`]),
    ...HEALTH_RESULTS.map((v) => `healthResult.${v}`),
    ...ASSESSMENT_DECISIONS.map((v) => `decision.${v}`),
    ...SHELTER_TYPES.map((v) => `shelterType.${v}`),
    ...REINTEGRATION_TYPES.map((v) => `reintegrationType.${v}`),
    ...MONITORING_OUTCOMES.map((v) => `monitoringOutcome.${v}`),
    ...CLOSURE_REASONS.map((v) => `closureReason.${v}`),
    ...['openCase', ...SYSTEM_LEDGER_ACTIONS, 'taskDeliveryFailed', 'webhookFailed', 'claimTask', 'completeTask', 'rejectTask', 'reassignTask'].map((a) => `event.${a}`),
    ...['ACCEPTED', 'REJECTED', 'RECORDED'].map((o) => `outcome.${o}`),
  ];

  it.each(['id', 'en'])("(%s) names every ledger action in the auditors' catalogue too", (language) => {
    const audit = catalogue(language, 'audit');
    const actions = ['openCase', ...CASE_ACTIONS, ...SYSTEM_LEDGER_ACTIONS, 'taskDeliveryFailed', 'webhookFailed', 'claimTask', 'completeTask', 'rejectTask', 'reassignTask'];
    expect(actions.filter((a) => typeof at(audit, `action.${a}`) !== 'string')).toEqual([]);
  });

  it.each(['id', 'en'])('(%s) holds a label for every command and every value the API sends', (language) => {
    const tree = cases(language);
    expect(needed.filter((key) => typeof at(tree, key) !== 'string')).toEqual([]);
  });

  it('holds the PPKS names of Permensos 8/2012 (common catalogue, shared with the case list): in Bahasa Indonesia as the regulation names them, in English too', () => {
    expect(PPKS_CATEGORIES.filter((c) => at(catalogue('id', 'common'), `ppks.${c.code}`) !== c.name).map((c) => c.code)).toEqual([]);
    expect(PPKS_CATEGORIES.filter((c) => typeof at(catalogue('en', 'common'), `ppks.${c.code}`) !== 'string').map((c) => c.code)).toEqual([]);
  });
});
