/** Fixed vocabularies for the sample clinic data: invented, public-domain-style values, no real people. */

export const DEPARTMENTS = [
  { name: 'Medicine', parent: null },
  { name: 'Surgery', parent: null },
  { name: 'Cardiology', parent: 'Medicine' },
  { name: 'Pediatrics', parent: 'Medicine' },
  { name: 'Oncology', parent: 'Medicine' },
  { name: 'Radiology', parent: 'Medicine' },
  { name: 'Emergency', parent: null },
  { name: 'Orthopedics', parent: 'Surgery' },
] as const

/** The specialty providers of a department have, and how costly its care is (planted: claims follow it). */
export const DEPARTMENT_PROFILE: Record<string, { specialty: string; costFactor: number }> = {
  Medicine: { specialty: 'general', costFactor: 1 },
  Surgery: { specialty: 'general', costFactor: 2.5 },
  Cardiology: { specialty: 'cardiology', costFactor: 3 },
  Pediatrics: { specialty: 'pediatrics', costFactor: 0.8 },
  Oncology: { specialty: 'oncology', costFactor: 4 },
  Radiology: { specialty: 'radiology', costFactor: 1.5 },
  Emergency: { specialty: 'emergency', costFactor: 2 },
  Orthopedics: { specialty: 'general', costFactor: 2.2 },
}

export const FIRST_NAMES = [
  'Ada',
  'Ben',
  'Chloe',
  'Dario',
  'Elif',
  'Femi',
  'Greta',
  'Hugo',
  'Ines',
  'Jonas',
  'Keiko',
  'Luca',
  'Maya',
  'Nils',
  'Olga',
  'Pavel',
  'Quinn',
  'Rosa',
  'Sami',
  'Tara',
  'Umar',
  'Vera',
  'Wim',
  'Xenia',
  'Yusuf',
  'Zoe',
]

export const LAST_NAMES = [
  'Abara',
  'Berg',
  'Castro',
  'Dahl',
  'Eze',
  'Fischer',
  'Garcia',
  'Haddad',
  'Ito',
  'Jensen',
  'Kowalski',
  'Lind',
  'Moreau',
  'Novak',
  'Okafor',
  'Petrov',
  'Quist',
  'Rossi',
  'Silva',
  'Tanaka',
  'Ueda',
  'Varga',
  'Weber',
  'Young',
]

export const ZIP_CODES = [
  '10001',
  '10002',
  '10003',
  '11201',
  '11215',
  '94103',
  '94110',
  '60601',
  '60614',
  '73301',
]

export const DIAGNOSES = [
  ['A09', 'Infectious gastroenteritis'],
  ['C50', 'Malignant neoplasm of breast'],
  ['E11', 'Type 2 diabetes'],
  ['F32', 'Depressive episode'],
  ['I10', 'Essential hypertension'],
  ['I21', 'Acute myocardial infarction'],
  ['I48', 'Atrial fibrillation'],
  ['J06', 'Upper respiratory infection'],
  ['J18', 'Pneumonia'],
  ['J45', 'Asthma'],
  ['K35', 'Acute appendicitis'],
  ['M54', 'Back pain'],
  ['N39', 'Urinary tract infection'],
  ['R07', 'Chest pain'],
  ['R51', 'Headache'],
  ['S52', 'Fracture of forearm'],
  ['S72', 'Fracture of femur'],
  ['Z00', 'General examination'],
  ['Z23', 'Immunization'],
  ['C34', 'Malignant neoplasm of lung'],
] as const

/** Drugs and their unit prices: dearer drugs are prescribed in smaller quantities (planted). */
export const DRUGS = [
  ['amoxicillin 500mg', 0.4],
  ['metformin 850mg', 0.2],
  ['lisinopril 10mg', 0.3],
  ['atorvastatin 20mg', 0.5],
  ['ibuprofen 400mg', 0.1],
  ['salbutamol inhaler', 6.5],
  ['insulin glargine', 45],
  ['apixaban 5mg', 3.2],
  ['trastuzumab 150mg', 780],
  ['morphine 10mg', 1.1],
] as const

export const LAB_TESTS = ['hemoglobin', 'glucose', 'creatinine', 'potassium', 'troponin', 'CRP', 'TSH']

/** Each test's unit and the mean and spread of its results in adults, roughly as a lab reports them. */
export const LAB_PROFILE: Record<string, { unit: string; mean: number; sd: number }> = {
  hemoglobin: { unit: 'g/dL', mean: 14.5, sd: 1.3 },
  glucose: { unit: 'mg/dL', mean: 100, sd: 15 },
  creatinine: { unit: 'mg/dL', mean: 0.95, sd: 0.2 },
  potassium: { unit: 'mmol/L', mean: 4.2, sd: 0.35 },
  troponin: { unit: 'ng/mL', mean: 0.02, sd: 0.01 },
  CRP: { unit: 'mg/L', mean: 4, sd: 2.5 },
  TSH: { unit: 'mIU/L', mean: 2, sd: 0.8 },
}

export const INSURERS = [
  ['Northwind Health', 'US'],
  ['Bluefield Mutual', 'US'],
  ['Harbor Care', 'US'],
  ['Alpen Kasse', 'DE'],
  ['Maple Shield', 'CA'],
  ['Lumen Assurance', 'FR'],
] as const

export const PAYMENT_METHODS = ['transfer', 'card', 'check', 'cash']
