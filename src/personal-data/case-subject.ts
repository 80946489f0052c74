/**
 * A case's person in clear, as SQL over `case_view c` and `case_subject s` (joined on the case id): sex
 * and age from the read model, name, NIK, birth date and guardian from the registry's record of the
 * case (absent once erased). For the registry's own work (matching, registering a new person).
 */
export const CASE_PERSON_SQL = `(c.person - 'sealed') || jsonb_strip_nulls(jsonb_build_object('name', s.name, 'nik', s.nik, 'birthDate', to_char(s.birth_date, 'YYYY-MM-DD'), 'guardian', s.guardian))`;
