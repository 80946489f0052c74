import enAdmin from './locales/en/admin.json';
import enAudit from './locales/en/audit.json';
import enCases from './locales/en/cases.json';
import enCommon from './locales/en/common.json';
import enErrors from './locales/en/errors.json';
import enIntake from './locales/en/intake.json';
import enOnboarding from './locales/en/onboarding.json';
import enPersons from './locales/en/persons.json';
import enPuskesos from './locales/en/puskesos.json';
import enRazia from './locales/en/razia.json';
import enReports from './locales/en/reports.json';
import enSupervisor from './locales/en/supervisor.json';
import enTasks from './locales/en/tasks.json';
import idAdmin from './locales/id/admin.json';
import idAudit from './locales/id/audit.json';
import idCases from './locales/id/cases.json';
import idCommon from './locales/id/common.json';
import idErrors from './locales/id/errors.json';
import idIntake from './locales/id/intake.json';
import idOnboarding from './locales/id/onboarding.json';
import idPersons from './locales/id/persons.json';
import idPuskesos from './locales/id/puskesos.json';
import idRazia from './locales/id/razia.json';
import idReports from './locales/id/reports.json';
import idSupervisor from './locales/id/supervisor.json';
import idTasks from './locales/id/tasks.json';

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const NAMESPACES = ['common', 'errors', 'intake', 'cases', 'tasks', 'supervisor', 'audit', 'admin', 'onboarding', 'puskesos', 'persons', 'razia', 'reports'] as const;

/** Every visible string, per language and namespace (one JSON file each under locales/). */
export const catalogues = {
  id: { common: idCommon, errors: idErrors, intake: idIntake, cases: idCases, tasks: idTasks, supervisor: idSupervisor, audit: idAudit, admin: idAdmin, onboarding: idOnboarding, puskesos: idPuskesos, persons: idPersons, razia: idRazia, reports: idReports },
  en: { common: enCommon, errors: enErrors, intake: enIntake, cases: enCases, tasks: enTasks, supervisor: enSupervisor, audit: enAudit, admin: enAdmin, onboarding: enOnboarding, puskesos: enPuskesos, persons: enPersons, razia: enRazia, reports: enReports },
} as const;
