/**
 * Names of the 38 provinces (Kemendagri codes), for a report's title when no protocol names the region.
 * A kab/kota is named by its protocol (protocols/*.json `name`); otherwise the report shows its code.
 */
const PROVINCES: Record<string, string> = {
  '11': 'Aceh', '12': 'Sumatera Utara', '13': 'Sumatera Barat', '14': 'Riau', '15': 'Jambi', '16': 'Sumatera Selatan', '17': 'Bengkulu', '18': 'Lampung',
  '19': 'Kepulauan Bangka Belitung', '21': 'Kepulauan Riau', '31': 'DKI Jakarta', '32': 'Jawa Barat', '33': 'Jawa Tengah', '34': 'DI Yogyakarta', '35': 'Jawa Timur',
  '36': 'Banten', '51': 'Bali', '52': 'Nusa Tenggara Barat', '53': 'Nusa Tenggara Timur', '61': 'Kalimantan Barat', '62': 'Kalimantan Tengah', '63': 'Kalimantan Selatan',
  '64': 'Kalimantan Timur', '65': 'Kalimantan Utara', '71': 'Sulawesi Utara', '72': 'Sulawesi Tengah', '73': 'Sulawesi Selatan', '74': 'Sulawesi Tenggara',
  '75': 'Gorontalo', '76': 'Sulawesi Barat', '81': 'Maluku', '82': 'Maluku Utara', '91': 'Papua', '92': 'Papua Barat', '93': 'Papua Selatan', '94': 'Papua Tengah',
  '95': 'Papua Pegunungan', '96': 'Papua Barat Daya',
};

/** The name of a region code: the protocols' names first, then the provinces; undefined when unknown. */
export function regionName(code: string, protocolNames: Record<string, string>): string | undefined {
  if (code === '') return 'Indonesia';
  if (protocolNames[code] !== undefined) return protocolNames[code];
  return code.length === 2 && PROVINCES[code] !== undefined ? `Provinsi ${PROVINCES[code]}` : undefined;
}
