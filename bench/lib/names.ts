/**
 * Names for generated people (common Piemonte and Italian surnames and first names, ASCII upper case)
 * and the name parts of the fiscal code (DM 23/12/1976: consonants, then vowels, then X).
 */
export const SURNAMES = [
  'ROSSI', 'FERRERO', 'RUSSO', 'BIANCO', 'COLOMBO', 'BRUNO', 'RICCI', 'MARINO', 'GRECO', 'GALLO',
  'CONTI', 'COSTA', 'GIORDANO', 'MANCINI', 'RIZZO', 'LOMBARDI', 'MORETTI', 'BARBERO', 'FONTANA', 'ESPOSITO',
  'ROMANO', 'GATTI', 'VIGNA', 'MARTINI', 'BERTOLA', 'MONDINO', 'GIRAUDO', 'RASO', 'OLIVERO', 'AIMAR',
  'BOTTERO', 'CAVALLO', 'GARELLI', 'TESTA', 'PEROTTI', 'MOLINARI', 'SERRA', 'VALLE', 'MARTINO', 'BIANCHI',
  'BERTOLINO', 'GHIONE', 'PAGLIERO', 'ARNAUDO', 'BOGLIONE', 'CERUTTI', 'FASSINO', 'GIACHINO', 'LANZA', 'MAGNANO',
  'NEGRO', 'PAVESE', 'QUAGLIA', 'REVELLI', 'SAVIO', 'TOSELLI', 'VIOLA', 'ZANETTI', 'AUDISIO', 'BALLARIO',
  'CARDINALI', 'DEMARIA', 'EANDI', 'FALCO', 'GERBAUDO', 'IMBERTI', 'LUCIANO', 'MELLANO', 'NOVARA', 'ODDONE',
  'PERINO', 'RACCA', 'SACCO', 'TARDITI', 'UNIA', 'VERCELLI', 'ALLASIA', 'BONINO', 'CHIAPELLO', 'DALMASSO',
  'ELIA', 'FERRARIS', 'GIUSTA', 'LEONE', 'MARENGO', 'NASI', 'OCCELLI', 'PONZO', 'RIBERO', 'SIGNORILE',
  'TALLONE', 'VIALE', 'ZUCCA', 'AMATEIS', 'BRIZIO', 'COMINO', 'DOGLIANI', 'FENOGLIO', 'GRIBAUDO', 'MUSSO',
] as const;

export const MALE_NAMES = [
  'GIUSEPPE', 'GIOVANNI', 'ANTONIO', 'MARIO', 'LUIGI', 'FRANCESCO', 'ANGELO', 'VINCENZO', 'PIETRO', 'SALVATORE',
  'CARLO', 'FRANCO', 'DOMENICO', 'BRUNO', 'PAOLO', 'MICHELE', 'GIORGIO', 'ALDO', 'SERGIO', 'LUCIANO',
  'MARCO', 'ANDREA', 'LUCA', 'ALESSANDRO', 'MATTEO', 'LORENZO', 'DAVIDE', 'STEFANO', 'ROBERTO', 'MASSIMO',
  'FABRIZIO', 'DANIELE', 'ENRICO', 'RICCARDO', 'SIMONE', 'FEDERICO', 'GABRIELE', 'TOMMASO', 'EMANUELE', 'NICOLA',
] as const;

export const FEMALE_NAMES = [
  'MARIA', 'ANNA', 'GIUSEPPINA', 'ROSA', 'ANGELA', 'GIOVANNA', 'TERESA', 'LUCIA', 'CARMELA', 'CATERINA',
  'FRANCESCA', 'ANNAMARIA', 'ANTONIETTA', 'CARLA', 'ELENA', 'CONCETTA', 'RITA', 'MARGHERITA', 'FRANCA', 'PAOLA',
  'LAURA', 'GIULIA', 'CHIARA', 'SARA', 'MARTINA', 'SILVIA', 'VALENTINA', 'FEDERICA', 'ALESSANDRA', 'ELISA',
  'CRISTINA', 'MONICA', 'BARBARA', 'ROBERTA', 'SIMONA', 'DANIELA', 'PATRIZIA', 'GABRIELLA', 'LUISA', 'ALICE',
] as const;

const consonants = (s: string) => s.replace(/[^A-Z]/g, '').replace(/[AEIOU]/g, '');
const vowels = (s: string) => s.replace(/[^AEIOU]/g, '');

export function surnamePart(surname: string): string {
  return (consonants(surname) + vowels(surname) + 'XXX').slice(0, 3);
}

export function firstNamePart(name: string): string {
  const c = consonants(name);
  if (c.length >= 4) return `${c[0]}${c[2]}${c[3]}`;
  return (c + vowels(name) + 'XXX').slice(0, 3);
}
