// Tokens of CQL 3 (Cassandra 5.0 plus ScyllaDB service levels). Keywords are case-insensitive.
// Which keywords are reserved is decided by the parser rule `unreservedKeyword` in Cql.g4.
lexer grammar CqlLexer;

options { caseInsensitive = true; }

K_ACCESS: 'access'; K_ADD: 'add'; K_AGGREGATE: 'aggregate'; K_AGGREGATES: 'aggregates';
K_ALL: 'all'; K_ALLOW: 'allow'; K_ALTER: 'alter'; K_AND: 'and'; K_ANN: 'ann'; K_APPLY: 'apply';
K_AS: 'as'; K_ASC: 'asc'; K_ATTACH: 'attach'; K_ATTACHED: 'attached'; K_AUTHORIZE: 'authorize';
K_BATCH: 'batch'; K_BEGIN: 'begin'; K_BY: 'by'; K_CALLED: 'called'; K_CAST: 'cast';
K_CIDRS: 'cidrs'; K_CLUSTER: 'cluster'; K_CLUSTERING: 'clustering'; K_COLUMNFAMILY: 'columnfamily';
K_COMPACT: 'compact'; K_CONTAINS: 'contains'; K_COUNT: 'count'; K_COUNTER: 'counter';
K_CREATE: 'create'; K_CUSTOM: 'custom'; K_DATACENTERS: 'datacenters'; K_DEFAULT: 'default';
K_DELETE: 'delete'; K_DESC: 'desc'; K_DESCRIBE: 'describe'; K_DETACH: 'detach';
K_DISTINCT: 'distinct'; K_DROP: 'drop'; K_EFFECTIVE: 'effective'; K_ENTRIES: 'entries';
K_EXECUTE: 'execute'; K_EXISTS: 'exists'; K_FALSE: 'false'; K_FILTERING: 'filtering';
K_FINALFUNC: 'finalfunc'; K_FROM: 'from'; K_FROZEN: 'frozen'; K_FULL: 'full';
K_FUNCTION: 'function'; K_FUNCTIONS: 'functions'; K_GRANT: 'grant'; K_GROUP: 'group';
K_HASHED: 'hashed'; K_IF: 'if'; K_IN: 'in'; K_INDEX: 'index'; K_INFINITY: 'infinity';
K_INITCOND: 'initcond'; K_INPUT: 'input'; K_INSERT: 'insert'; K_INTERNALS: 'internals';
K_INTO: 'into'; K_IS: 'is'; K_JSON: 'json'; K_KEY: 'key'; K_KEYS: 'keys'; K_KEYSPACE: 'keyspace';
K_KEYSPACES: 'keyspaces'; K_LANGUAGE: 'language'; K_LEVEL: 'level'; K_LEVELS: 'levels';
K_LIKE: 'like'; K_LIMIT: 'limit'; K_LIST: 'list'; K_LOGIN: 'login'; K_MAP: 'map';
K_MASKED: 'masked'; K_MATERIALIZED: 'materialized'; K_MAXWRITETIME: 'maxwritetime';
K_MBEAN: 'mbean'; K_MBEANS: 'mbeans'; K_MODIFY: 'modify'; K_NAN: 'nan'; K_NOLOGIN: 'nologin';
K_NORECURSIVE: 'norecursive'; K_NOSUPERUSER: 'nosuperuser'; K_NOT: 'not'; K_NULL: 'null';
K_OF: 'of'; K_ON: 'on'; K_ONLY: 'only'; K_OPTIONS: 'options'; K_OR: 'or'; K_ORDER: 'order';
K_PARTITION: 'partition'; K_PASSWORD: 'password'; K_PER: 'per'; K_PERMISSION: 'permission';
K_PERMISSIONS: 'permissions'; K_PRIMARY: 'primary'; K_RENAME: 'rename'; K_REPLACE: 'replace';
K_RETURNS: 'returns'; K_REVOKE: 'revoke'; K_ROLE: 'role'; K_ROLES: 'roles'; K_SCHEMA: 'schema';
K_SELECT: 'select'; K_SELECT_MASKED: 'select_masked'; K_SERVICE: 'service'; K_SET: 'set';
K_SERVICE_LEVEL: 'service_level'; K_SERVICE_LEVELS: 'service_levels'; // ScyllaDB's one-word spellings
K_SFUNC: 'sfunc'; K_STATIC: 'static'; K_STORAGE: 'storage'; K_STYPE: 'stype';
K_SUPERUSER: 'superuser'; K_TABLE: 'table'; K_TABLES: 'tables'; K_TIMESTAMP: 'timestamp';
K_TO: 'to'; K_TOKEN: 'token'; K_TRIGGER: 'trigger'; K_TRUE: 'true'; K_TRUNCATE: 'truncate';
K_TIMEOUT: 'timeout'; K_TTL: 'ttl'; K_TUPLE: 'tuple'; K_TYPE: 'type'; K_TYPES: 'types'; K_UNLOGGED: 'unlogged';
K_UNMASK: 'unmask'; K_UNSET: 'unset'; K_UPDATE: 'update'; K_USE: 'use'; K_USER: 'user';
K_USERS: 'users'; K_USING: 'using'; K_VALUES: 'values'; K_VECTOR: 'vector'; K_VIEW: 'view';
K_WHERE: 'where'; K_WITH: 'with'; K_WRITETIME: 'writetime';

SEMI: ';'; COMMA: ','; DOT: '.'; RANGE: '..'; COLON: ':'; QMARK: '?';
LPAREN: '('; RPAREN: ')'; LBRACKET: '['; RBRACKET: ']'; LBRACE: '{'; RBRACE: '}';
PLUS: '+'; MINUS: '-'; STAR: '*'; SLASH: '/'; PERCENT: '%';
PLUS_EQ: '+='; MINUS_EQ: '-='; EQ: '='; NEQ: '!='; LT: '<'; LTE: '<='; GT: '>'; GTE: '>=';

// Single-quoted with '' as the escaped quote, or dollar-quoted (no escapes at all).
STRING_LITERAL: '\'' (~'\'' | '\'\'')* '\'' | '$$' .*? '$$';
QUOTED_NAME: '"' (~'"' | '""')+ '"';

UUID: HEX_DIGIT8 '-' HEX_DIGIT4 '-' HEX_DIGIT4 '-' HEX_DIGIT4 '-' HEX_DIGIT4 HEX_DIGIT8;
HEXNUMBER: '0x' HEX_DIGIT*;
// A float needs a digit after its dot so that a slice `[1..3]` lexes as INTEGER RANGE INTEGER.
// '1.' is a float too, but not the '1' of a slice '1..2'
FLOAT: DIGIT+ '.' DIGIT+ EXPONENT? | DIGIT+ EXPONENT | DIGIT+ '.' EXPONENT? {_input.LA(1) != '.'}?;
INTEGER: DIGIT+;
// 1h30m, 3mo2w, 10us, ISO 8601 P1Y2M3DT4H5M6S / P2W and the alternative form P0001-02-03T04:05:06.
// ISO units come in order, each at most once, weeks alone: anything else (P1W2D) is an identifier, as in Cassandra.
DURATION
    : (DIGIT+ DURATION_UNIT)+
    | 'p' ISO_DATE ('t' ISO_TIME)?
    | 'p' 't' ISO_TIME
    | 'p' DIGIT+ 'w'
    | 'p' DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT 't' DIGIT DIGIT ':' DIGIT DIGIT ':' DIGIT DIGIT
    ;
IDENT: [a-z] [a-z0-9_]*;

WS: [ \t\r\n]+ -> channel(HIDDEN);
LINE_COMMENT: ('--' | '//') ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT: '/*' .*? '*/' -> channel(HIDDEN);

fragment DIGIT: [0-9];
fragment HEX_DIGIT: [0-9a-f];
fragment HEX_DIGIT4: HEX_DIGIT HEX_DIGIT HEX_DIGIT HEX_DIGIT;
fragment HEX_DIGIT8: HEX_DIGIT4 HEX_DIGIT4;
fragment EXPONENT: 'e' [+-]? DIGIT+;
fragment ISO_DATE: DIGIT+ 'y' (DIGIT+ 'm')? (DIGIT+ 'd')? | DIGIT+ 'm' (DIGIT+ 'd')? | DIGIT+ 'd';
fragment ISO_TIME: DIGIT+ 'h' (DIGIT+ 'm')? (DIGIT+ 's')? | DIGIT+ 'm' (DIGIT+ 's')? | DIGIT+ 's';
fragment DURATION_UNIT: 'y' | 'mo' | 'w' | 'd' | 'h' | 'm' | 's' | 'ms' | 'us' | 'µs' | 'ns';
