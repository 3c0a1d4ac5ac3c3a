// Word lists for the demo data (no external data): international names with accents, companies,
// message texts. Kept separate so generate.ts stays about structure, not vocabulary.
export const FIRST_NAMES = [
  'José', 'Zoë', 'Søren', 'Amélie', 'Björn', 'Chloé', 'Renée', 'Joaquín', 'Inês', 'Łukasz',
  'Maria', 'John', 'Aisha', 'Wei', 'Yuki', 'Olga', 'Liam', 'Emma', 'Noah', 'Olivia',
  'Mateo', 'Sofía', 'Lucas', 'Mia', 'Ethan', 'Ava', 'Hiroshi', 'Priya', 'Arjun', 'Fatima',
  'Omar', 'Layla', 'Chen', 'Mei', 'Ivan', 'Anastasia', 'Pierre', 'Camille', 'Hans', 'Greta',
  'Giulia', 'Marco', 'Ana', 'João', 'Siobhán', 'Seán', 'Nikolaj', 'Astrid', 'Kofi', 'Amara',
  'Dmitri', 'Elif', 'Mehmet', 'Ngozi', 'Tomás', 'Lucía', 'Hélène', 'François', 'Zoltán', 'Ágnes',
];
export const LAST_NAMES = [
  'Müller', 'García', 'Nuñez', 'Søndergaard', 'Dubois', 'Łopatka', 'Öztürk', 'Fernández', 'Kovač', 'Østergaard',
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor',
  'Thomas', 'Moore', 'Martin', 'Jackson', 'Lee', 'Kim', 'Park', 'Nguyen', 'Tanaka', 'Suzuki',
  'Rossi', 'Bianchi', 'Silva', 'Santos', 'Pereira', 'Costa', 'Schmidt', 'Schneider', 'Fischer', 'Weber',
  'Novak', 'Horvat', 'Ivanova', 'Petrov', 'Kowalski', 'Nowak', 'Jensen', 'Hansen', 'Larsen', 'Andersson',
  'Okafor', 'Mensah', 'Haddad', 'Khan', 'Patel', 'Sharma', 'Chen', 'Wang', 'Zhang', 'Liu',
];
export const MAIL_DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.com', 'proton.me', 'icloud.com', 'gmx.de', 'hey.com'];
export const COMPANIES = [
  'Acme Corp', 'Globex', 'Initech', 'Umbrella Health', 'Stark Logistics', 'Wayne Retail', 'Hooli',
  'Pied Piper', 'Vandelay Imports', 'Soylent Foods', 'Tyrell Systems', 'Cyberdyne', 'Nordwind GmbH',
  'Café Lumière', 'Açaí Brasil', 'Blue Fjord AS', 'Sakura Labs', 'Kilimanjaro Tours', 'Maple & Co', 'Zephyr Bikes',
];
export const COMPANY_DOMAINS = ['acme.io', 'globex.com', 'initech.co', 'hooli.xyz', 'piedpiper.net'];
export const LABELS = ['vip', 'billing', 'bug', 'refund', 'onboarding', 'feedback'];
export const MESSAGES = [
  'Hi, I was charged twice this month, can you check?',
  'Thanks, that fixed it!',
  'The export button does nothing on my phone.',
  'Can I upgrade to the annual plan?',
  'Where can I find my invoice for last month?',
  'Great support as always 🙌',
  'The app crashes when I open settings.',
  'I would like a refund for the unused seats.',
  'How do I invite my team?',
  'Is there an API for contacts?',
  'Order arrived damaged, what now?',
  'Can we schedule an onboarding call next week?',
  'Merci beaucoup, tout fonctionne maintenant.',
  'Gracias por la ayuda rápida.',
  'Vielen Dank für die schnelle Antwort!',
  'Still waiting on an update about my ticket.',
];
export const PLANS = ['Free', 'Starter', 'Pro', 'Enterprise'];
export const INTERESTS = ['Analytics', 'Integrations', 'Mobile app', 'API', 'Automation', 'Reporting'];
export const PRIORITIES = ['low', 'medium', 'high', 'urgent'];
/** Country, calling code and a national mobile-number shape (d = random digit). */
export const PHONE_SHAPES: readonly { country: string; code: string; shape: string }[] = [
  { country: 'US', code: '1', shape: '415555dddd' },
  { country: 'US', code: '1', shape: '212555dddd' },
  { country: 'GB', code: '44', shape: '7911dddddd' },
  { country: 'DE', code: '49', shape: '151dddddddd' },
  { country: 'FR', code: '33', shape: '6dddddddd' },
  { country: 'ES', code: '34', shape: '6dddddddd' },
  { country: 'BR', code: '55', shape: '119dddddddd' },
  { country: 'IN', code: '91', shape: '98dddddddd' },
  { country: 'MX', code: '52', shape: '55dddddddd' },
];
