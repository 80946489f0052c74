import type { Schemas } from '../../api/client';

export type RaziaPerson = Schemas['RaziaPersonDto'];
export type RaziaRowResult = Schemas['RaziaRowResponse'];
export type FieldError = Schemas['RaziaFieldErrorResponse'];

/** One person as typed in the form; `errors` are the API's for this row when it is being fixed. */
export interface PersonRow {
  key: string;
  name: string;
  sex: RaziaPerson['sex'] | '';
  age: number | string;
  nik: string;
  birthDate: string;
  origin: string;
  errors: FieldError[];
}

let counter = 0;
export const emptyRow = (): PersonRow => ({ key: `row-${++counter}`, name: '', sex: '', age: '', nik: '', birthDate: '', origin: '', errors: [] });

/**
 * The row as the API takes it. Left-empty fields are left out, so the API names them (REQUIRED) for
 * this row alone: the browser does not decide which rows are good.
 */
export function toPerson(row: PersonRow): RaziaPerson {
  const person: Record<string, unknown> = {};
  if (row.name.trim() !== '') person.name = row.name;
  if (row.sex !== '') person.sex = row.sex;
  if (row.age !== '') person.approximateAge = Number(row.age);
  if (row.nik.trim() !== '') person.nik = row.nik.trim();
  if (row.birthDate !== '') person.birthDate = row.birthDate;
  if (row.origin.trim() !== '') person.originRegionCode = row.origin.trim();
  return person as unknown as RaziaPerson;
}
